//! Equivalence tests: the gazetteer matcher and the topic cues against the original
//! Aho-Corasick implementations they replace (kept as test-only reference functions), on
//! the project's examples, the shared corpus and readouts when present, and on generated
//! strings built from the data's own forms, case changes and word separators; and the
//! combined pass ([`crate::Lexicon::find_with_cues`]) against the two passes.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::lexicon;
use crate::topics::topic_cues;

/// Every file under `dir` (recursively), as text.
fn texts_under(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            texts_under(&p, out);
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

/// The examples of the project, and the shared corpus and readouts when present.
fn corpus_texts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    texts_under(&root.join("examples"), &mut out);
    let shared = root.join("../shared");
    if shared.is_dir() {
        texts_under(&shared.join("corpus"), &mut out);
        texts_under(&shared.join("seed"), &mut out);
        texts_under(&shared.join("real"), &mut out);
    } else {
        eprintln!("skipping the shared corpus: {} not found", shared.display());
    }
    out
}

fn check_gazetteer(
    ac: &daachorse::CharwiseDoubleArrayAhoCorasick<u32>,
    text: &str,
) -> Result<(), String> {
    let lex = lexicon();
    let new = lex.matcher.find(lex, text);
    let old = lex.matcher.find_reference(ac, lex, text);
    if new == old {
        return Ok(());
    }
    let i = new.iter().zip(&old).take_while(|(a, b)| a == b).count();
    Err(format!(
        "gazetteer hits differ at hit {i}: new {:?} old {:?}",
        new.get(i),
        old.get(i)
    ))
}

fn check_topics(ac: &daachorse::DoubleArrayAhoCorasick<u32>, text: &str) -> Result<(), String> {
    let cues = topic_cues();
    let new = cues.find(text);
    let old = cues.find_reference(ac, text);
    if new == old {
        return Ok(());
    }
    let i = new.iter().zip(&old).take_while(|(a, b)| a == b).count();
    Err(format!(
        "cue hits differ at hit {i}: new {:?} old {:?}",
        new.get(i),
        old.get(i)
    ))
}

/// The maximal runs of letters and digits of `text`, as byte spans.
fn words_of(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    out.extend(start.map(|s| (s, text.len())));
    out
}

/// The combined pass gives the hits of the two passes, with or without the words given.
fn check_combined(text: &str) -> Result<(), String> {
    let (hits, cues) = lexicon().find_with_cues(text);
    if lexicon().find_with_cues_in_words(text, words_of(text)) != (hits.clone(), cues.clone()) {
        return Err("find_with_cues_in_words: hits differ from find_with_cues".into());
    }
    if hits != lexicon().find(text) {
        return Err("find_with_cues: gazetteer hits differ from find".into());
    }
    if cues != topic_cues().find(text) {
        return Err("find_with_cues: cue hits differ from TopicCues::find".into());
    }
    Ok(())
}

#[test]
fn same_hits_as_the_reference_on_real_text() {
    let gaz = lexicon().matcher.reference_automaton();
    let top = topic_cues().reference_automaton();
    let texts = corpus_texts();
    assert!(texts.len() >= 10, "examples not found");
    let mut hits = 0;
    for (path, text) in &texts {
        if let Err(e) = check_gazetteer(&gaz, text) {
            panic!("{}: {e}", path.display());
        }
        if let Err(e) = check_topics(&top, text) {
            panic!("{}: {e}", path.display());
        }
        if let Err(e) = check_combined(text) {
            panic!("{}: {e}", path.display());
        }
        hits += lexicon().find(text).len();
    }
    assert!(hits > 100, "{hits} hits in {} texts", texts.len());
}

#[test]
fn same_hits_on_edge_cases() {
    let gaz = lexicon().matcher.reference_automaton();
    let top = topic_cues().reference_automaton();
    for text in [
        "",
        "U",
        "UN",
        "UNESCOx UN-led the UN’s U.S.-Kazakh",
        "KAZAKHSTAN kazakhstan Kazakhstan's Kazakhstan’s",
        "ÜBelarus éBelarus Belarusé Belarus1 1Belarus",
        "the Minister of Foreign Affairs of the Republic of Belarus",
        "agricultural agriculturé trademarks UN and CIS; it is IT",
        "Côte d’Ivoire Côte d'Ivoire CÔTE D’IVOIRE Türkiye TÜRKIYE",
        "\u{130}stanbul İSTANBUL Kyiv KYIV",
    ] {
        check_gazetteer(&gaz, text).unwrap();
        check_topics(&top, text).unwrap();
        check_combined(text).unwrap();
    }
}

#[test]
fn typographic_punctuation_is_no_word_character() {
    // The word test of the pass answers "no" for U+2000..U+206F at once: as
    // `char::is_alphanumeric` does, so the words of `find_with_cues_in_words` are the
    // pass's own.
    for c in '\u{2000}'..='\u{206f}' {
        assert!(!c.is_alphanumeric(), "{c:?}");
    }
}

/// Separators and characters that test word boundaries and case.
const JOINS: &[&str] = &[
    "", " ", "  ", "-", "'", "\u{2019}", ".", ",", "(", ")", "\n", "é", "É", "x", "1", "ß",
    "\u{130}", "\u{3b1}", "_", "the ", "The ", "s",
];

/// A piece of generated text: a gazetteer form or a cue phrase in some case, a
/// separator, or a few random characters.
fn piece(forms: &'static [String], cues: &'static [&'static str]) -> impl Strategy<Value = String> {
    let recase = |s: &str, case: u8| match case {
        0 => s.to_string(),
        1 => s.to_uppercase(),
        2 => s.to_lowercase(),
        3 => s.to_ascii_uppercase(),
        _ => {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    };
    prop_oneof![
        4 => (0..forms.len(), 0..5u8).prop_map(move |(i, case)| recase(&forms[i], case)),
        3 => (0..cues.len(), 0..5u8).prop_map(move |(i, case)| recase(cues[i], case)),
        // A form cut short or run on.
        1 => (0..forms.len(), 0..6usize).prop_map(move |(i, cut)| {
            let f = &forms[i];
            let k = f.char_indices().nth(cut).map_or(f.len(), |(k, _)| k);
            f[..k].to_string()
        }),
        5 => proptest::sample::select(JOINS).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 éÜ’'.-]{0,4}",
    ]
}

fn forms() -> &'static [String] {
    static FORMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| lexicon().matcher.forms())
}

fn cue_phrases() -> &'static [&'static str] {
    static CUES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    CUES.get_or_init(|| topic_cues().cues().iter().map(|c| c.phrase).collect())
}

fn gazetteer_automaton() -> &'static daachorse::CharwiseDoubleArrayAhoCorasick<u32> {
    static AC: std::sync::OnceLock<daachorse::CharwiseDoubleArrayAhoCorasick<u32>> =
        std::sync::OnceLock::new();
    AC.get_or_init(|| lexicon().matcher.reference_automaton())
}

fn topics_automaton() -> &'static daachorse::DoubleArrayAhoCorasick<u32> {
    static AC: std::sync::OnceLock<daachorse::DoubleArrayAhoCorasick<u32>> =
        std::sync::OnceLock::new();
    AC.get_or_init(|| topic_cues().reference_automaton())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn same_hits_on_generated_text(
        parts in proptest::collection::vec(piece(forms(), cue_phrases()), 0..24)
    ) {
        let text = parts.concat();
        prop_assert_eq!(check_gazetteer(gazetteer_automaton(), &text), Ok(()), "{:?}", text);
        prop_assert_eq!(check_topics(topics_automaton(), &text), Ok(()), "{:?}", text);
        prop_assert_eq!(check_combined(&text), Ok(()), "{:?}", text);
    }

    #[test]
    fn same_hits_on_random_text(text in "[a-zA-Z .,'’éÜ-]{0,60}") {
        prop_assert_eq!(check_gazetteer(gazetteer_automaton(), &text), Ok(()), "{:?}", text);
        prop_assert_eq!(check_topics(topics_automaton(), &text), Ok(()), "{:?}", text);
        prop_assert_eq!(check_combined(&text), Ok(()), "{:?}", text);
    }
}

#[test]
fn country_by_code_as_a_scan_would() {
    let lex = lexicon();
    let scan = |code: &str| {
        lex.countries()
            .find(|c| c.iso3.eq_ignore_ascii_case(code.trim()))
            .map(|c| c.iso3)
    };
    let mut codes: Vec<String> = lex.countries().map(|c| c.iso3.to_string()).collect();
    codes.extend(
        [
            "",
            " ",
            "blr",
            " Kaz ",
            "uSa\t",
            "XKX",
            "xk",
            "BLRX",
            "ÄLR",
            "BLR ",
            "123456789",
        ]
        .map(str::to_string),
    );
    for c in lex.countries() {
        codes.push(c.iso3.to_lowercase());
        codes.push(format!(" {} ", c.iso3));
    }
    for code in &codes {
        assert_eq!(lex.country(code).map(|c| c.iso3), scan(code), "{code:?}");
    }
}
