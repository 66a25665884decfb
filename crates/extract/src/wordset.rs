//! A small set of fixed words that answers "is this word one of them?" in a few
//! instructions for most words: the first byte and the length of a word pick a bit
//! that is set only when some member begins with that byte and has that length, and
//! only then are the members of that first byte compared. For the hand-written word
//! lists of the rules, tested once per word of a text.

/// A set of words, exact (case-sensitive, byte-wise) membership.
pub(crate) struct WordSet {
    /// By first byte: the members beginning with it.
    members: Vec<Vec<&'static str>>,
    /// By first byte: bit `n` (`n` capped at 63) set when a member of `n` bytes begins
    /// with it.
    lens: [u64; 256],
    /// Whether the empty word is a member.
    empty: bool,
}

impl WordSet {
    pub(crate) fn new<I: IntoIterator<Item = &'static str>>(words: I) -> WordSet {
        let mut set = WordSet {
            members: vec![Vec::new(); 256],
            lens: [0; 256],
            empty: false,
        };
        for w in words {
            match w.as_bytes().first() {
                Some(&b) => {
                    set.lens[usize::from(b)] |= len_bit(w.len());
                    if !set.members[usize::from(b)].contains(&w) {
                        set.members[usize::from(b)].push(w);
                    }
                }
                None => set.empty = true,
            }
        }
        set
    }

    /// Whether a word of `len` bytes beginning with byte `first` may be a member (no
    /// member otherwise).
    pub(crate) fn may_hold(&self, first: u8, len: usize) -> bool {
        self.lens[usize::from(first)] & len_bit(len) != 0
    }

    pub(crate) fn contains(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            // Members of the same length are told apart by their last byte before the
            // whole comparison (a call for most words).
            Some(&b) => {
                self.may_hold(b, w.len())
                    && self.members[usize::from(b)].iter().any(|m| {
                        m.len() == w.len() && m.as_bytes().last() == w.as_bytes().last() && *m == w
                    })
            }
            None => self.empty,
        }
    }
}

fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    #[test]
    fn membership_is_exact() {
        let words = [
            "Ltd", "Ltd.", "S.A.", "Co", "co", "A.Ş.", "Limited", "AG", "a", "", "x",
        ];
        let set = WordSet::new(words);
        let long = "a".repeat(80);
        for w in [
            "Ltd",
            "Ltd.",
            "LTD",
            "Lt",
            "S.A.",
            "S.A",
            "Co",
            "co",
            "CO",
            "A.Ş.",
            "A.S.",
            "Limited",
            "Limite",
            "AG",
            "a",
            "",
            "x",
            "y",
            long.as_str(),
            "Ş",
        ] {
            assert_eq!(set.contains(w), words.contains(&w), "{w:?}");
        }
        assert!(!WordSet::new([]).contains(""));
    }
}
