//! Language of a document: `whatlang` detection mapped to ISO 639-1 codes, and
//! normalisation of declared codes (`en-US`, `eng`, `RU` → `en`, `en`, `ru`).

/// ISO 639-3 (as used by whatlang) to ISO 639-1.
fn iso1(code3: &str) -> Option<&'static str> {
    let c = match code3 {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" | "zho" => "zh",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" | "fas" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        "kaz" => "kk",
        "kir" => "ky",
        "tgk" => "tg",
        _ => return None,
    };
    Some(c)
}

/// A declared language code reduced to ISO 639-1 (`None` if it is not a code).
pub(crate) fn normalize_code(code: &str) -> Option<String> {
    let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 if primary.chars().all(|c| c.is_ascii_lowercase()) => Some(primary),
        3 => iso1(&primary).map(str::to_string),
        _ => None,
    }
}

/// Fast path for the most common case: English function words ("the", "of", "and",
/// "to") make up a large share of the words. Saves a full trigram detection.
fn is_clearly_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut function = 0usize;
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if matches!(w, "the" | "of" | "and" | "to" | "The") {
            function += 1;
        }
    }
    words >= 30 && function >= 6 && function * 100 >= words * 12
}

/// Detects the language of a document from its title and the start of its text.
pub(crate) fn detect(title: &str, text: &str) -> Option<String> {
    const SAMPLE: usize = 600;
    let mut sample = String::with_capacity(SAMPLE + title.len() + 1);
    sample.push_str(title);
    sample.push('\n');
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    sample.push_str(&text[..end]);
    if sample.trim().chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    if is_clearly_english(&sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(&sample)?;
    if info.is_reliable() || info.confidence() >= 0.5 {
        iso1(info.lang().code()).map(str::to_string)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(normalize_code("en-US").as_deref(), Some("en"));
        assert_eq!(normalize_code("rus").as_deref(), Some("ru"));
        assert_eq!(normalize_code("english"), None);
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect(
                "",
                "The ministers discussed bilateral cooperation in trade and energy."
            )
            .as_deref(),
            Some("en")
        );
        assert_eq!(
            detect(
                "",
                "Министры обсудили двустороннее сотрудничество в области торговли и энергетики."
            )
            .as_deref(),
            Some("ru")
        );
        assert_eq!(detect("", "12 34"), None);
    }
}
