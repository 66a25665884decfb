//! Folding of names into lookup keys: lower case, diacritics removed, typographic
//! apostrophes and dashes made plain, whitespace collapsed.

/// Fold a name into a lookup key: "Côte d’Ivoire" -> "cote d'ivoire".
pub fn fold_key(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    fold_any(s)
}

/// [`fold_key`] of ASCII text, byte by byte.
fn fold_ascii(s: &str) -> String {
    // No space to trim or collapse and no backquote (a single word, the usual key):
    // only the case changes.
    if !s
        .bytes()
        .any(|b| b == b'`' || char::from(b).is_whitespace())
    {
        return s.to_ascii_lowercase();
    }
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut space = false;
    for b in s.trim().bytes() {
        if char::from(b).is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(b' ');
        }
        space = false;
        out.push(if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        });
    }
    // Only ASCII bytes were written.
    String::from_utf8(out).unwrap_or_default()
}

/// [`fold_key`] of any text, character by character.
fn fold_any(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => {
                let mut buf = [0u8; 4];
                for d in deunicode::deunicode(c.encode_utf8(&mut buf)).chars() {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fold_any, fold_key};

    proptest::proptest! {
        #[test]
        fn ascii_path_as_the_general_one(s in "[ -~\t\n\x0b\x0c\r]{0,30}") {
            proptest::prop_assert_eq!(fold_key(&s), fold_any(&s));
        }
    }

    #[test]
    fn folds_case_diacritics_apostrophes_space() {
        assert_eq!(fold_key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold_key("  Türkiye "), "turkiye");
        assert_eq!(
            fold_key("Minister  of\tForeign Affairs"),
            "minister of foreign affairs"
        );
        assert_eq!(fold_key("Kahramanmaraş"), "kahramanmaras");
    }
}
