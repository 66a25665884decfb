//! The CAMEO code table (`data/cameo.tsv`) and the PLOVER table (`data/plover.tsv`),
//! parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

const CAMEO_TSV: &str = include_str!("../../../../data/cameo.tsv");
const PLOVER_TSV: &str = include_str!("../../../../data/plover.tsv");

/// What the CAMEO codebook says of one code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    pub name: &'static str,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein (1992) scale value, -10 .. +10.
    pub goldstein: f64,
}

fn data_lines(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn cameo_table() -> &'static HashMap<&'static str, CameoCode> {
    static TABLE: OnceLock<HashMap<&'static str, CameoCode>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data_lines(CAMEO_TSV)
            .filter_map(|f| {
                let [code, name, quad, goldstein] = f[..] else {
                    return None;
                };
                Some((
                    code,
                    CameoCode {
                        name,
                        quad_class: quad.parse().ok()?,
                        goldstein: goldstein.parse().ok()?,
                    },
                ))
            })
            .collect()
    })
}

/// The entry of a code, falling back to its 3-digit base code, then its root.
pub fn cameo(code: &str) -> Option<&'static CameoCode> {
    let t = cameo_table();
    t.get(code)
        .or_else(|| code.get(..3).and_then(|c| t.get(c)))
        .or_else(|| code.get(..2).and_then(|c| t.get(c)))
}

/// The PLOVER context for an attache topic.
pub fn plover_context(topic: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            data_lines(PLOVER_TSV)
                .filter(|f| f.len() == 3 && f[0] == "context")
                .map(|f| (f[1], f[2]))
                .collect()
        })
        .get(topic)
        .copied()
}

/// Whether a name is a PLOVER event type.
pub fn is_plover_type(name: &str) -> bool {
    data_lines(PLOVER_TSV).any(|f| f.len() == 3 && f[0] == "type" && f[1] == name)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_completely() {
        let lines = data_lines(CAMEO_TSV).count();
        assert_eq!(
            cameo_table().len(),
            lines,
            "a malformed row in data/cameo.tsv"
        );
        assert!(lines > 150);
        for code in cameo_table().keys() {
            let root = &code[..2];
            assert!(cameo_table().contains_key(root), "no root for {code}");
        }
        let meet = cameo("042").unwrap();
        assert_eq!((meet.quad_class, meet.goldstein), (1, 1.9));
        assert_eq!(cameo("0421").unwrap().name, "Make a visit");
        assert_eq!(cameo("163").unwrap().quad_class, 4);
        assert!(cameo("99").is_none());
        assert!(is_plover_type("CONSULT"));
        assert!(!is_plover_type("MEET"));
        assert_eq!(plover_context("trade"), Some("economic"));
        let types = data_lines(PLOVER_TSV).filter(|f| f[0] == "type").count();
        assert_eq!(types, 16);
    }
}
