//! An anchored byte trie over ASCII-lowercased keys: the gazetteer and the topic cues
//! walk it from each possible start of a match (a word start, in practice) instead of
//! running an automaton over a lowercased copy of the whole text.
//!
//! The trie is a double array: the child of node `p` by byte `b` is slot
//! `base[p] + code[b]` when `check` of that slot names `p`, so each step is two array
//! reads. `code` maps a byte to its letter of the keys' alphabet and capital ASCII
//! letters to their small ones, so a walk from byte `from` reports every key equal to
//! the ASCII-lowercased `text[from..end]`, shortest first, without lowercasing the text.

use std::collections::BTreeMap;

/// No value at a slot; also a free slot's `check`.
const NONE: u32 = u32::MAX;

/// One slot of the double array.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The offset of the children, with [`KEY_END`] set where a key ends.
    base: u32,
    /// The parent slot, or [`NONE`] for a free slot (and the root).
    check: u32,
}

/// The bit of [`Slot::base`] that marks the end of a key.
const KEY_END: u32 = 1 << 31;

const FREE: Slot = Slot {
    base: 0,
    check: NONE,
};

/// The compiled trie. Slot 0 is the root.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Letter of the keys' alphabet (1..) by byte of the text; 0 for a byte no key has.
    code: [u8; 256],
    slots: Vec<Slot>,
    /// By slot: the value of the key ending there ([`NONE`] elsewhere).
    values: Vec<u32>,
    /// Some key begins with a character that is not a letter or digit.
    nonword_first: bool,
}

/// End of the free list.
const END: usize = usize::MAX;

/// Build-time list of free slots, in slot order (slot 0, the root, is never in it).
struct FreeList {
    head: usize,
    tail: usize,
    next: Vec<usize>,
    prev: Vec<usize>,
    linked: Vec<bool>,
    fails: Vec<u8>,
}

impl FreeList {
    fn new() -> FreeList {
        FreeList {
            head: END,
            tail: END,
            next: Vec::new(),
            prev: Vec::new(),
            linked: Vec::new(),
            fails: Vec::new(),
        }
    }

    /// Slots `from..to` are new and free: append them.
    fn grow(&mut self, from: usize, to: usize) {
        self.next.resize(to, END);
        self.prev.resize(to, END);
        self.linked.resize(to, false);
        self.fails.resize(to, 0);
        for j in from.max(1)..to {
            self.prev[j] = self.tail;
            self.next[j] = END;
            if self.tail == END {
                self.head = j;
            } else {
                self.next[self.tail] = j;
            }
            self.tail = j;
            self.linked[j] = true;
        }
    }

    fn unlink(&mut self, j: usize) {
        if !self.linked.get(j).copied().unwrap_or(false) {
            return;
        }
        self.linked[j] = false;
        let (p, n) = (self.prev[j], self.next[j]);
        if p == END {
            self.head = n;
        } else {
            self.next[p] = n;
        }
        if n == END {
            self.tail = p;
        } else {
            self.prev[n] = p;
        }
    }
}

/// Build-time node: children by label.
#[derive(Default)]
struct Draft {
    children: BTreeMap<u8, usize>,
    value: Option<u32>,
}

impl Trie {
    /// A trie of `keys` (each ASCII-lowercased by the caller) with their values; a
    /// later duplicate key keeps the first value. `None` if the keys use more than 255
    /// distinct bytes or the trie outgrows `u32` slots.
    pub(crate) fn build<'a>(keys: impl IntoIterator<Item = (&'a [u8], u32)>) -> Option<Trie> {
        let mut drafts: Vec<Draft> = vec![Draft::default()];
        let mut seen = [false; 256];
        let mut nonword_first = false;
        for (key, value) in keys {
            nonword_first |= String::from_utf8_lossy(key)
                .chars()
                .next()
                .is_some_and(|c| !c.is_alphanumeric());
            let mut at = 0;
            for &b in key {
                seen[usize::from(b)] = true;
                let next = drafts.len();
                let child = *drafts[at].children.entry(b).or_insert(next);
                if child == next {
                    drafts.push(Draft::default());
                }
                at = child;
            }
            if at != 0 && value != NONE {
                drafts[at].value.get_or_insert(value);
            }
        }
        let mut code = [0u8; 256];
        let mut letters = 0u8;
        for b in 0..=255u8 {
            if seen[usize::from(b)] {
                letters = letters.checked_add(1)?;
                code[usize::from(b)] = letters;
            }
        }
        for b in b'A'..=b'Z' {
            // Keys are lowercase: a capital of the text walks as its small letter.
            code[usize::from(b)] = code[usize::from(b.to_ascii_lowercase())];
        }

        // Place the drafts breadth first: each node's children at an offset where every
        // one of their slots is free. Free slots are kept in a list, in order; a slot
        // that has failed as the place of a lowest child several times leaves the list
        // (it may still be taken by another child), which keeps the search short.
        let mut trie = Trie {
            code,
            slots: vec![FREE],
            values: vec![NONE],
            nonword_first,
        };
        let mut free = FreeList::new();
        let mut slot_of = vec![0usize; drafts.len()];
        let mut queue = std::collections::VecDeque::from([0usize]);
        let mut codes: Vec<usize> = Vec::new();
        while let Some(d) = queue.pop_back() {
            let s = slot_of[d];
            let draft = &drafts[d];
            if let Some(v) = draft.value {
                trie.slots[s].base |= KEY_END;
                trie.values[s] = v;
            }
            codes.clear();
            codes.extend(
                draft
                    .children
                    .keys()
                    .map(|&b| usize::from(code[usize::from(b)])),
            );
            let Some(&lowest) = codes.first() else {
                continue;
            };
            let fits = |trie: &Trie, b: usize| {
                codes
                    .iter()
                    .all(|&c| trie.slots.get(b + c).is_none_or(|x| x.check == NONE))
            };
            let mut f = free.head;
            let b = loop {
                if f == END {
                    // No listed slot fits: past the end of the array.
                    let mut b = trie.slots.len().saturating_sub(lowest).max(1);
                    while !fits(&trie, b) {
                        b += 1;
                    }
                    break b;
                }
                if f > lowest && fits(&trie, f - lowest) {
                    break f - lowest;
                }
                let next = free.next[f];
                free.fails[f] = free.fails[f].saturating_add(1);
                if free.fails[f] >= 8 {
                    free.unlink(f);
                }
                f = next;
            };
            if b >= KEY_END as usize {
                return None;
            }
            trie.slots[s].base |= u32::try_from(b).ok()?;
            for (&c, &child) in codes.iter().zip(draft.children.values()) {
                let t = b + c;
                if t >= trie.slots.len() {
                    let from = trie.slots.len();
                    trie.slots.resize(t + 1, FREE);
                    trie.values.resize(t + 1, NONE);
                    free.grow(from, t + 1);
                }
                trie.slots[t].check = u32::try_from(s).ok()?;
                free.unlink(t);
                slot_of[child] = t;
                queue.push_back(child);
            }
        }
        if trie.slots.len() >= NONE as usize {
            return None;
        }
        Some(trie)
    }

    /// Does some key begin with a character that is not a letter or digit?
    pub(crate) fn nonword_first(&self) -> bool {
        self.nonword_first
    }

    /// Can a key begin with byte `b` of the text (ASCII letters in any case)?
    #[inline]
    pub(crate) fn starts_with_byte(&self, b: u8) -> bool {
        let c = self.code[usize::from(b)];
        c != 0 && self.child(0, c).is_some()
    }

    /// The child of slot `node` by letter `c` (not 0).
    #[inline]
    fn child(&self, node: usize, c: u8) -> Option<usize> {
        let t = (self.slots.get(node)?.base & !KEY_END) as usize + usize::from(c);
        (self.slots.get(t)?.check as usize == node).then_some(t)
    }

    /// Walk from byte `from` of `text`, pushing `(end, value)` for every key that equals
    /// the ASCII-lowercased `text[from..end]`, in increasing `end`. Not inlined: on its
    /// own the loop keeps its state in registers (walks run some ten steps).
    #[inline(never)]
    pub(crate) fn walk(&self, text: &[u8], from: usize, out: &mut Vec<(usize, u32)>) {
        let Some(rest) = text.get(from..) else {
            return;
        };
        let slots = &self.slots[..];
        let code = &self.code;
        let mut node = 0usize;
        let Some(root) = slots.first() else {
            return;
        };
        // The base of `node`, read once per step.
        let mut base = root.base;
        for (k, &b) in rest.iter().enumerate() {
            let c = code[usize::from(b)];
            if c == 0 {
                return;
            }
            let t = (base & !KEY_END) as usize + usize::from(c);
            let Some(slot) = slots.get(t) else {
                return;
            };
            if slot.check as usize != node {
                return;
            }
            node = t;
            base = slot.base;
            if base & KEY_END != 0 {
                self.push_end(t, from + k + 1, out);
            }
        }
    }

    /// The key ending at slot `t` ends at byte `end` of the text: push it.
    #[inline]
    fn push_end(&self, t: usize, end: usize, out: &mut Vec<(usize, u32)>) {
        if let Some(&v) = self.values.get(t) {
            out.push((end, v));
        }
    }

    /// Heap bytes held (for `Debug` output).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>() + self.values.len() * 4
    }
}

/// The character at byte `i` of `text`: whether it is a letter or digit, and the byte
/// where the next character begins (`i + 1` past the end or off a character boundary,
/// which a `str` never gives).
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), i + 1),
        _ => char_at_slow(text, i),
    }
}

/// Is `c` a letter or digit ([`char::is_alphanumeric`], answered at once for the
/// punctuation of typeset text: curly quotes, dashes, spaces of U+2000..U+206F)?
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// [`char_at`] off the ASCII path.
#[cold]
fn char_at_slow(text: &str, i: usize) -> (bool, usize) {
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (is_word_char(c), i + c.len_utf8()),
        None => (false, i + 1),
    }
}

/// Which positions of a text [`Starts`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartRule {
    /// Where a word begins: a letter or digit after a character that is not one (or at
    /// the start of the text).
    Word,
    /// Every character that does not continue a word: not a letter or digit after one.
    NotInsideWord,
    /// Every character after a character that is not a letter or digit (or at the start).
    AfterNonWord,
}

/// The byte offsets of the characters of a text that a [`StartRule`] admits, in order.
/// [`StartRule::Word`] reads eight ASCII bytes at a time.
#[derive(Debug, Clone)]
pub(crate) struct Starts<'a> {
    text: &'a str,
    rule: StartRule,
    /// The next byte to look at.
    i: usize,
    /// Is the character before `i` a letter or digit?
    prev_word: bool,
}

impl<'a> Starts<'a> {
    pub(crate) fn new(text: &'a str, rule: StartRule) -> Starts<'a> {
        Starts {
            text,
            rule,
            i: 0,
            prev_word: false,
        }
    }

    /// Go on from byte `i`, after a letter or digit (the end of a word, from
    /// [`word_end`]).
    #[inline]
    pub(crate) fn resume_after_word(&mut self, i: usize) {
        self.i = i;
        self.prev_word = true;
    }

    /// The next word start, eight ASCII bytes at a time where it can.
    #[inline]
    fn next_word(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let (mut i, mut prev) = (self.i, self.prev_word);
        loop {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let x = u64::from_le_bytes(word);
                // The bytes before the first non-ASCII one.
                let ascii = (x & HIGH).trailing_zeros() / 8;
                let keep = HIGH & LOW_BYTES[ascii as usize];
                let alnum = ascii_alnum(x) & keep;
                let starts = alnum & !((alnum << 8) | if prev { 0x80 } else { 0 });
                if starts != 0 {
                    let s = i + (starts.trailing_zeros() / 8) as usize;
                    self.i = s + 1;
                    self.prev_word = true;
                    return Some(s);
                }
                if ascii > 0 {
                    prev = alnum & (0x80 << (8 * (ascii - 1))) != 0;
                    i += ascii as usize;
                    continue;
                }
            }
            // One character: non-ASCII, or near the end of the text.
            if i >= bytes.len() {
                self.i = i;
                self.prev_word = prev;
                return None;
            }
            let (word, next) = char_at(self.text, i);
            if word && !prev {
                self.i = next;
                self.prev_word = true;
                return Some(i);
            }
            prev = word;
            i = next;
        }
    }
}

impl Iterator for Starts<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.rule == StartRule::Word {
            return self.next_word();
        }
        while self.i < self.text.len() {
            let i = self.i;
            let (word, next) = char_at(self.text, i);
            let admitted = match self.rule {
                StartRule::NotInsideWord => !(word && self.prev_word),
                _ => !self.prev_word,
            };
            self.prev_word = word;
            self.i = next;
            if admitted {
                return Some(i);
            }
        }
        None
    }
}

/// The first byte at or after `i` that does not begin a letter or digit (the end of the
/// word that `i` is in or begins), or the length of the text.
#[inline]
pub(crate) fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Eight bytes at a time while they are ASCII letters and digits.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let other = !ascii_alnum(u64::from_le_bytes(word)) & HIGH;
            if other != 0 {
                i += (other.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i].is_ascii() {
            return i;
        }
        match char_at_slow(text, i) {
            (true, next) => i = next,
            (false, _) => return i,
        }
    }
}

/// A set of words (ASCII letters in any case) as a bit table of their hashes: a word
/// not in the set is never reported in it; one in the set rarely is.
#[derive(Debug, Clone)]
pub(crate) struct WordFilter {
    bits: Box<[u64]>,
}

/// log2 of the bits of a [`WordFilter`] (16 KiB).
const FILTER_BITS: u32 = 17;

impl WordFilter {
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> WordFilter {
        let mut bits = vec![0u64; 1 << (FILTER_BITS - 6)].into_boxed_slice();
        for w in words {
            let h = word_hash(w, 0, w.len());
            bits[h / 64] |= 1 << (h % 64);
        }
        WordFilter { bits }
    }

    /// Is `text[start..end]` (maybe) in the set?
    #[inline]
    pub(crate) fn contains(&self, text: &[u8], start: usize, end: usize) -> bool {
        self.contains_key(WordFilter::key(text, start, end))
    }

    /// The key of `text[start..end]` in any [`WordFilter`] (for a word tested in more
    /// than one).
    #[inline]
    pub(crate) fn key(text: &[u8], start: usize, end: usize) -> usize {
        word_hash(text, start, end)
    }

    /// Is the word of key `h` ([`WordFilter::key`]) (maybe) in the set?
    #[inline]
    pub(crate) fn contains_key(&self, h: usize) -> bool {
        self.bits
            .get(h / 64)
            .is_some_and(|b| b & (1 << (h % 64)) != 0)
    }
}

/// The bit of the word `buf[start..end]` in a [`WordFilter`]: a hash of its bytes with
/// bit 0x20 set (ASCII letters in small; other bytes change alike in the text and the
/// keys).
#[inline]
fn word_hash(buf: &[u8], start: usize, end: usize) -> usize {
    let mut h = (end.saturating_sub(start) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut p = start;
    // Whole chunks of eight bytes, then the rest (one to eight bytes) as one chunk.
    while end.saturating_sub(p) > 8 {
        h = mix(h, chunk(buf, p, 8));
        p += 8;
    }
    if p < end {
        h = mix(h, chunk(buf, p, end - p));
    }
    (h >> (64 - FILTER_BITS)) as usize
}

/// One step of [`word_hash`]: chunk `x` with bit 0x20 set in each byte.
#[inline]
fn mix(h: u64, x: u64) -> u64 {
    let h = (h ^ (x | (ONES * 0x20))).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 32)
}

/// The `n` (1..=8) bytes of `buf` from `p`, little-endian, with zeros above them.
#[inline]
fn chunk(buf: &[u8], p: usize, n: usize) -> u64 {
    if let Some(c) = buf.get(p..p + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w);
        x & LOW_BYTES[n.min(8)]
    } else {
        buf.get(p..p + n)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .fold(0, |x, (k, &b)| x | u64::from(b) << (8 * k))
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// By `n` (0..=8): the mask of the low `n` bytes of a `u64`.
const LOW_BYTES: [u64; 9] = {
    let mut m = [0u64; 9];
    let mut n = 1;
    while n < 9 {
        m[n] = (m[n - 1] << 8) | 0xff;
        n += 1;
    }
    m
};
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
fn ascii_alnum(x: u64) -> u64 {
    // Each byte below 0x80: adding `0x80 - lo` sets its high bit iff it is >= lo, and
    // adding `0x7f - hi` iff it is > hi; no sum carries into the next byte.
    let low = x & !HIGH;
    let in_range = |y: u64, lo: u8, hi: u8| {
        (y + ONES * u64::from(0x80 - lo)) & !(y + ONES * u64::from(0x7f - hi))
    };
    let letters = in_range(low | (ONES * 0x20), b'a', b'z');
    let digits = in_range(low, b'0', b'9');
    (letters | digits) & !x & HIGH
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{StartRule, Starts, Trie};

    #[test]
    fn walks_all_keys_from_a_start_shortest_first() {
        let keys: [(&[u8], u32); 5] = [
            (b"un", 0),
            (b"unesco", 1),
            (b"u.s.", 2),
            (b"un", 9),
            ("c\u{f4}te".as_bytes(), 3),
        ];
        let t = Trie::build(keys).unwrap();
        let mut out = Vec::new();
        t.walk(b"UNESCO and", 0, &mut out);
        assert_eq!(out, vec![(2, 0), (6, 1)]);
        out.clear();
        t.walk(b"the U.S. and", 4, &mut out);
        assert_eq!(out, vec![(8, 2)]);
        out.clear();
        t.walk(b"UNx", 1, &mut out);
        assert!(out.is_empty());
        t.walk("C\u{f4}te".as_bytes(), 0, &mut out);
        assert_eq!(out, vec![(5, 3)]);
        out.clear();
        t.walk("C\u{d4}TE".as_bytes(), 0, &mut out);
        assert!(out.is_empty());
        assert!(t.starts_with_byte(b'U') && t.starts_with_byte(b'c'));
        assert!(!t.starts_with_byte(b'x') && !t.starts_with_byte(b'.'));
    }

    #[test]
    fn word_chars_as_is_alphanumeric() {
        for c in ('\0'..='\u{3000}').chain(['\u{ff10}', '\u{1d400}', '\u{10ffff}']) {
            assert_eq!(super::is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn word_ends() {
        use super::word_end;
        assert_eq!(word_end("abc def", 0), 3);
        assert_eq!(word_end("Kahramanmara\u{15f} x", 0), 14);
        assert_eq!(word_end("ab\u{2019}s", 0), 2);
        assert_eq!(word_end("ab", 2), 2);
        assert_eq!(word_end("Kazakhstan-Belarus", 0), 10);
        assert_eq!(word_end("abcdefghijklmnopqrstuvwxyz0123456789 x", 3), 36);
        assert_eq!(word_end("abcdefgh\u{e9}ijklmnop, x", 0), 18);
        assert_eq!(word_end("abcdefgh\u{2019}ijklmnop", 0), 8);
    }

    #[test]
    fn word_filter_holds_its_words_in_any_case() {
        let f = super::WordFilter::new([
            &b"kazakhstan"[..],
            b"u",
            b"c\xc3\xb4te",
            b"presidentofthecouncil",
        ]);
        for w in [
            "Kazakhstan",
            "KAZAKHSTAN",
            "u",
            "U",
            "C\u{f4}te",
            "PresidentOfTheCouncil",
        ] {
            assert!(f.contains(w.as_bytes(), 0, w.len()), "{w}");
            let padded = format!("the {w} and more text");
            assert!(f.contains(padded.as_bytes(), 4, 4 + w.len()), "{w}");
        }
        let misses = ["kazakh", "us", "presidential", "minister", "the", "and"]
            .iter()
            .filter(|w| !f.contains(w.as_bytes(), 0, w.len()))
            .count();
        assert!(misses >= 5);
    }

    #[test]
    fn ascii_alnum_bytes() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b'x', b, b'.', b, b'1', b'\xff', b'Z', b]);
            let m = super::ascii_alnum(x);
            let want = if b.is_ascii_alphanumeric() { 0x80 } else { 0 };
            assert_eq!(
                m,
                0x0080_0080_0000_0080 | (want << 8) | (want << 24) | (want << 56)
            );
        }
    }

    /// The positions a rule admits, one character at a time.
    fn naive(text: &str, rule: StartRule) -> Vec<usize> {
        let mut out = Vec::new();
        let mut prev = false;
        for (i, c) in text.char_indices() {
            let word = c.is_alphanumeric();
            let ok = match rule {
                StartRule::Word => word && !prev,
                StartRule::NotInsideWord => !(word && prev),
                StartRule::AfterNonWord => !prev,
            };
            if ok {
                out.push(i);
            }
            prev = word;
        }
        out
    }

    #[test]
    fn starts_as_a_naive_scan() {
        for text in [
            "",
            "a",
            " Kazakhstan-Belarus talks, 2024",
            "abcdefghijklmnopqrstuvwxyz0123456789 x",
            "abcdefgh\u{e9}ijklmnop, x \u{e9}t\u{e9} \u{2019}s",
            "abcdefgh\u{2019}ijklmnop  KAHRAMANMARA\u{15e} \u{130}stanbul",
            "x.y.z.a.b.c.d.e.f.g.h.i.j \u{3b1}\u{3b2} 1\u{2009}000",
        ] {
            for rule in [
                StartRule::Word,
                StartRule::NotInsideWord,
                StartRule::AfterNonWord,
            ] {
                let got: Vec<usize> = Starts::new(text, rule).collect();
                assert_eq!(got, naive(text, rule), "{text:?} {rule:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn starts_as_a_naive_scan_on_any_text(text in "[a-zA-Z0-9 .,'\u{2019}\u{e9}\u{3b1}\u{130}\u{15f}-]{0,40}") {
            for rule in [StartRule::Word, StartRule::NotInsideWord, StartRule::AfterNonWord] {
                let got: Vec<usize> = Starts::new(&text, rule).collect();
                proptest::prop_assert_eq!(got, naive(&text, rule));
            }
        }
    }
}
