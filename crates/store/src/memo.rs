//! What a writing connection remembers across its write transactions: the entities it
//! has resolved ((kind, key) → id and display name) and the events it has created
//! (for fusion), so that the entity and event indexes of the database are read only
//! for what it has not seen. On 100,000 releases those lookups were an eighth of the
//! ingest's CPU time (each a B-tree search in an index larger than the page cache).
//!
//! Kept compact (keys and names in byte arenas, found through a map of 32-bit hashes;
//! a key whose hash another key holds goes to a small map of its own), so that the
//! 434,000 entities and 1.2 million events of 100,000 releases take some 45 MB (peak
//! resident memory of that ingest: 231 MB before, 279 MB with the memo; its CPU time:
//! 105.3 s before, 96.5 s with the memo, texts deflated at level 2 and FNV maps).
//!
//! A [`Memo`] is right only about what is committed, and only while no other
//! connection writes: the store hands it to a write transaction ([`Memo::begin`]
//! forgets everything when `PRAGMA data_version` says that another connection has
//! committed since), takes it back when that transaction commits, and drops it when
//! it rolls back. Deleting a document stops the event part ([`Events::stop`]) until
//! the next transaction.

use attache_lexicon::events::Fnv;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the tag byte and the key, folded to 32 bits (keys whose hash another
/// key holds are still told apart: see [`Keys`]).
fn hash(tag: u8, key: &[u8]) -> u32 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    h = (h ^ u64::from(tag)).wrapping_mul(PRIME);
    for &b in key {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    (h ^ (h >> 32)) as u32
}

/// A hash map with the project's word hasher ([`Fnv`]), for short keys (ids, codes,
/// names): SipHash, the standard maps' hasher, was 1.5% of a 100,000-release ingest.
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A hash set with [`Fnv`].
pub(crate) type FnvSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;

/// The hasher of maps keyed by a hash already computed ([`hash`]).
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u32` is used; anything else is hashed properly all the same.
        self.0 = u64::from(hash(0, bytes));
    }

    fn write_u32(&mut self, n: u32) {
        // Spread over the 64 bits (the map reads its tags from the top bits).
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Tagged byte strings, each given the next dense number when first added.
#[derive(Debug, Default)]
struct Keys {
    slots: HashMap<u32, u32, BuildHasherDefault<Prehashed>>,
    /// Keys whose hash another key holds (or past the arena's reach).
    overflow: HashMap<(u8, Vec<u8>), u32>,
    /// (start, length) of each key in `bytes`, tag byte first.
    spans: Vec<(u32, u32)>,
    bytes: Vec<u8>,
    len: u32,
}

impl Keys {
    fn is(&self, i: u32, tag: u8, key: &[u8]) -> bool {
        let Some(&(start, len)) = self.spans.get(i as usize) else {
            return false;
        };
        let (start, len) = (start as usize, len as usize);
        len == key.len() + 1
            && self.bytes.get(start) == Some(&tag)
            && self.bytes.get(start + 1..start + len) == Some(key)
    }

    fn get(&self, tag: u8, key: &[u8]) -> Option<u32> {
        match self.slots.get(&hash(tag, key)) {
            Some(&i) if self.is(i, tag, key) => Some(i),
            Some(_) => self.overflow.get(&(tag, key.to_vec())).copied(),
            None => None,
        }
    }

    /// Add a key not in the table; its number.
    fn add(&mut self, tag: u8, key: &[u8]) -> u32 {
        let i = self.len;
        self.len += 1;
        let h = hash(tag, key);
        let start = u32::try_from(self.bytes.len()).ok();
        let len = u32::try_from(key.len() + 1).ok();
        match (start, len) {
            (Some(start), Some(len)) if !self.slots.contains_key(&h) => {
                self.bytes.push(tag);
                self.bytes.extend_from_slice(key);
                self.spans.push((start, len));
                self.slots.insert(h, i);
            }
            _ => {
                // (0, 0) matches no key: this one is found through `overflow`.
                self.spans.push((0, 0));
                self.overflow.insert((tag, key.to_vec()), i);
            }
        }
        i
    }
}

/// A byte arena of names, each found by its (start, length).
#[derive(Debug, Default)]
struct Names {
    text: String,
    /// Names past the arena's reach (4 GB), by number.
    far: HashMap<u32, String>,
    spans: Vec<(u32, u32)>,
}

impl Names {
    fn get(&self, i: u32) -> &str {
        if let Some(s) = self.far.get(&i) {
            return s;
        }
        self.spans
            .get(i as usize)
            .and_then(|&(s, l)| self.text.get(s as usize..s as usize + l as usize))
            .unwrap_or("")
    }

    /// Set name `i` (numbers are given in order: `i` is at most the count so far).
    fn set(&mut self, i: u32, name: &str) {
        let span = match (u32::try_from(self.text.len()), u32::try_from(name.len())) {
            (Ok(s), Ok(l))
                if (s as usize)
                    .checked_add(name.len())
                    .is_some_and(|e| e <= u32::MAX as usize) =>
            {
                self.text.push_str(name);
                self.far.remove(&i);
                (s, l)
            }
            _ => {
                self.far.insert(i, name.to_string());
                (0, 0)
            }
        };
        match self.spans.get_mut(i as usize) {
            Some(slot) => *slot = span,
            None => self.spans.push(span),
        }
    }
}

/// The entities known: (kind, key) → number, with the id and display name of each.
/// Every entity created since the memo began is among them, so when the database
/// had none then ([`Entities::all_known`]), an entity not known is not stored.
#[derive(Debug, Default)]
pub(crate) struct Entities {
    keys: Keys,
    ids: Vec<i64>,
    names: Names,
    /// Whether the entities table was empty when the memo began.
    began_empty: bool,
}

/// An entity of [`Entities`] by its number.
pub(crate) type Known = u32;

impl Entities {
    /// Whether every stored entity is known (the table was empty when the memo
    /// began): then one not found is not stored.
    pub(crate) fn all_known(&self) -> bool {
        self.began_empty
    }

    pub(crate) fn find(&self, kind: u8, key: &str) -> Option<Known> {
        self.keys.get(kind, key.as_bytes())
    }

    pub(crate) fn add(&mut self, kind: u8, key: &str, id: i64, name: &str) -> Known {
        let i = self.keys.add(kind, key.as_bytes());
        self.ids.push(id);
        self.names.set(i, name);
        i
    }

    pub(crate) fn id(&self, k: Known) -> i64 {
        self.ids.get(k as usize).copied().unwrap_or(0)
    }

    pub(crate) fn name(&self, k: Known) -> &str {
        self.names.get(k)
    }

    pub(crate) fn rename(&mut self, k: Known, name: &str) {
        self.names.set(k, name);
    }
}

/// An event created while remembering: its days (`i32::MIN` for none) and the
/// previous event of the same kind and sides (`u32::MAX` for none). An undated event
/// (no first day) keeps in `last` the publication day of the document that reported
/// it first: every source of an undated event has that day (fusion of undated events
/// asks for it), so it stands for all of them.
#[derive(Debug, Clone, Copy)]
struct Remembered {
    first: i32,
    last: i32,
    prev: u32,
}

const NO_DAY: i32 = i32::MIN;
const NONE: u32 = u32::MAX;

/// A new event as [`Events::created`] remembers it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Created<'s> {
    pub(crate) id: i64,
    /// Its kind's code.
    pub(crate) kind: u8,
    /// Its sides, as `events.sides` has them.
    pub(crate) sides: &'s str,
    /// Its days.
    pub(crate) first: Option<i64>,
    pub(crate) last: Option<i64>,
    /// The publication day of its document.
    pub(crate) published: Option<i64>,
    /// How precise its date is.
    pub(crate) precision: u8,
}

/// The events created since the memo started remembering them: every event with an
/// id above `since` is one of them (the `n`th has id `since + 1 + n`), by kind and
/// sides, with the days the database has for it.
#[derive(Debug, Default)]
pub(crate) struct Events {
    since: Option<i64>,
    groups: Keys,
    /// Latest event of each group.
    latest: Vec<u32>,
    events: Vec<Remembered>,
    /// How precise the date of each event's summary is ([`crate::keys::precision`];
    /// 0 for none): what a merge needs to update the summary without reading every
    /// source again.
    precision: Vec<u8>,
}

impl Events {
    /// The id above which every event is remembered; `None` when not remembering.
    pub(crate) fn since(&self) -> Option<i64> {
        self.since
    }

    /// Stop remembering (a document was deleted: events went or changed).
    pub(crate) fn stop(&mut self) {
        *self = Events::default();
    }

    /// Start remembering, if not already, from the largest event id stored now.
    fn start(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.since.is_none() {
            let max: Option<i64> =
                conn.query_row("SELECT max(id) FROM events", [], |r| r.get(0))?;
            *self = Events {
                since: Some(max.unwrap_or(0)),
                ..Events::default()
            };
        }
        Ok(())
    }

    fn day(d: Option<i64>) -> Option<i32> {
        match d {
            None => Some(NO_DAY),
            Some(n) => i32::try_from(n).ok().filter(|&n| n != NO_DAY),
        }
    }

    /// Remember a new event (`id` must follow the last one; else stop remembering).
    pub(crate) fn created(&mut self, ev: Created<'_>) {
        let Created {
            id,
            kind,
            sides,
            first,
            last,
            published,
            precision,
        } = ev;
        let Some(since) = self.since else {
            return;
        };
        let n = self.events.len();
        let expected = since.checked_add(1).and_then(|s| s.checked_add(n as i64));
        let last = if first.is_none() { published } else { last };
        let (Some(first), Some(last)) = (Events::day(first), Events::day(last)) else {
            return self.stop();
        };
        if expected != Some(id) || n >= NONE as usize {
            return self.stop();
        }
        let g = match self.groups.get(kind, sides.as_bytes()) {
            Some(g) => g,
            None => {
                let g = self.groups.add(kind, sides.as_bytes());
                self.latest.push(NONE);
                g
            }
        };
        let Some(latest) = self.latest.get_mut(g as usize) else {
            return self.stop();
        };
        self.events.push(Remembered {
            first,
            last,
            prev: *latest,
        });
        self.precision.push(precision);
        *latest = n as u32;
    }

    /// The days of a remembered event changed (the event's sources were summarized again).
    pub(crate) fn redated(&mut self, id: i64, first: Option<i64>, last: Option<i64>) {
        let Some(e) = self.index(id).and_then(|i| self.events.get_mut(i)) else {
            return;
        };
        match (e.first == NO_DAY, Events::day(first), Events::day(last)) {
            // Undated it was and is: its publication day stays.
            (true, Some(NO_DAY), _) => {}
            (false, Some(first), Some(last)) if first != NO_DAY => {
                e.first = first;
                e.last = last;
            }
            // Dated and undated do not fuse: not expected, but not remembered wrong.
            _ => self.stop(),
        }
    }

    /// How precise the summary's date of a remembered event is (`None`: not
    /// remembered).
    pub(crate) fn precision(&self, id: i64) -> Option<u8> {
        self.precision.get(self.index(id)?).copied()
    }

    /// The summary's date of a remembered event is now of this precision.
    pub(crate) fn set_precision(&mut self, id: i64, precision: u8) {
        if let Some(p) = self.index(id).and_then(|i| self.precision.get_mut(i)) {
            *p = precision;
        }
    }

    fn index(&self, id: i64) -> Option<usize> {
        let since = self.since?;
        let i = usize::try_from(id.checked_sub(since)?.checked_sub(1)?).ok()?;
        (i < self.events.len()).then_some(i)
    }

    /// The remembered events of this kind and sides with days that satisfy `keep`
    /// (first day, last day), in id order.
    pub(crate) fn dated(&self, kind: u8, sides: &str, keep: impl Fn(i64, i64) -> bool) -> Vec<i64> {
        let (Some(since), Some(g)) = (self.since, self.groups.get(kind, sides.as_bytes())) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut at = self.latest.get(g as usize).copied().unwrap_or(NONE);
        while let Some(e) = self.events.get(at as usize) {
            if e.first != NO_DAY && e.last != NO_DAY && keep(i64::from(e.first), i64::from(e.last))
            {
                out.push(since + 1 + i64::from(at));
            }
            at = e.prev;
        }
        out.reverse();
        out
    }

    /// The remembered undated events of this kind and sides first reported (so
    /// reported only) by documents published on day `published`, in id order.
    pub(crate) fn undated(&self, kind: u8, sides: &str, published: i64) -> Vec<i64> {
        let (Some(since), Some(g), Ok(day)) = (
            self.since,
            self.groups.get(kind, sides.as_bytes()),
            i32::try_from(published),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut at = self.latest.get(g as usize).copied().unwrap_or(NONE);
        while let Some(e) = self.events.get(at as usize) {
            if e.first == NO_DAY && e.last == day && day != NO_DAY {
                out.push(since + 1 + i64::from(at));
            }
            at = e.prev;
        }
        out.reverse();
        out
    }
}

/// What a writing connection remembers (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct Memo {
    pub(crate) entities: Entities,
    pub(crate) events: Events,
    /// `store_meta.max_event_days` as stored (`None`: not read yet).
    max_event_days: Option<Option<i64>>,
    /// `PRAGMA data_version` when the memo was last handed to a transaction.
    data_version: Option<i64>,
    /// Whether this connection runs a bulk load ([`crate::bulk`]) that the memo
    /// stands in for (forgotten with everything else).
    pub(crate) bulk: bool,
}

impl Memo {
    /// Hand the memo to a write transaction that has just begun on `conn`: forget
    /// everything if another connection has committed since it was last used.
    pub(crate) fn begin(mut self, conn: &Connection) -> rusqlite::Result<Memo> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            let empty: bool =
                conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM entities)", [], |r| {
                    r.get(0)
                })?;
            self = Memo {
                data_version: Some(version),
                ..Memo::default()
            };
            self.entities.began_empty = empty;
        }
        self.events.start(conn)?;
        Ok(self)
    }

    /// `store_meta.max_event_days`: the longest day range of any event.
    pub(crate) fn max_event_days(&mut self, conn: &Connection) -> rusqlite::Result<Option<i64>> {
        if let Some(v) = self.max_event_days {
            return Ok(v);
        }
        let v: Option<i64> = conn
            .prepare_cached("SELECT value FROM store_meta WHERE key = 'max_event_days'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        self.max_event_days = Some(v);
        Ok(v)
    }

    /// Whether an event of `days` days raises `max_event_days` (`true` when unknown).
    pub(crate) fn raises(&self, days: i64) -> bool {
        !matches!(self.max_event_days, Some(Some(v)) if v >= days)
    }

    /// An event of these days was stored: `max_event_days` is at least its length
    /// now (as the store's `note_range` leaves it).
    pub(crate) fn noted(&mut self, first: Option<i64>, last: Option<i64>) {
        if let (Some(days), Some(Some(v))) =
            (crate::write::range_days(first, last), self.max_event_days)
            && days > v
        {
            self.max_event_days = Some(Some(days));
        }
    }

    /// Whether the memo stands in for the indexes that entity lookups and fusion
    /// read: it knows every entity and every event stored.
    pub(crate) fn knows_all(&self) -> bool {
        self.entities.all_known() && self.events.since() == Some(0)
    }

    /// `max_event_days` was raised to `days` (or may have changed: `None`).
    pub(crate) fn set_max_event_days(&mut self, days: Option<i64>) {
        self.max_event_days = days.map(Some);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_tags_and_colliding_hashes_apart() {
        let mut k = Keys::default();
        let a = k.add(1, b"aleinik|BLR");
        let b = k.add(2, b"aleinik|BLR");
        assert_ne!(a, b);
        assert_eq!(k.get(1, b"aleinik|BLR"), Some(a));
        assert_eq!(k.get(2, b"aleinik|BLR"), Some(b));
        assert_eq!(k.get(1, b"aleinik"), None);
        // A key whose hash is taken goes to the overflow map and is still found.
        k.slots.insert(hash(3, b"x"), a);
        let c = k.add(3, b"x");
        assert_eq!(k.get(3, b"x"), Some(c));
        assert_eq!(k.get(1, b"aleinik|BLR"), Some(a));
    }

    #[test]
    fn entities_keep_ids_and_renames() {
        let mut e = Entities::default();
        let k = e.add(0, "aleinik|BLR", 7, "S.Aleinik");
        assert_eq!(e.find(0, "aleinik|BLR"), Some(k));
        assert_eq!((e.id(k), e.name(k)), (7, "S.Aleinik"));
        e.rename(k, "Sergei Aleinik");
        assert_eq!(e.name(k), "Sergei Aleinik");
        let k2 = e.add(0, "biden|USA", 9, "Biden");
        assert_eq!(
            (e.id(k2), e.name(k2), e.name(k)),
            (9, "Biden", "Sergei Aleinik")
        );
    }

    #[test]
    fn events_are_found_by_kind_sides_and_days_in_id_order() {
        let mut ev = Events {
            since: Some(10),
            ..Events::default()
        };
        ev.created(Created {
            id: 11,
            kind: 1,
            sides: "KAZ|MNG",
            first: Some(100),
            last: Some(100),
            published: Some(7),
            precision: 3,
        });
        ev.created(Created {
            id: 12,
            kind: 1,
            sides: "KAZ|MNG",
            first: None,
            last: None,
            published: Some(100),
            precision: 0,
        });
        ev.created(Created {
            id: 13,
            kind: 2,
            sides: "KAZ|MNG",
            first: Some(100),
            last: Some(100),
            published: None,
            precision: 3,
        });
        ev.created(Created {
            id: 14,
            kind: 1,
            sides: "KAZ|MNG",
            first: Some(99),
            last: Some(102),
            published: Some(100),
            precision: 2,
        });
        ev.created(Created {
            id: 15,
            kind: 1,
            sides: "KAZ|MNG",
            first: None,
            last: None,
            published: None,
            precision: 0,
        });
        let overlapping = |f: i64, l: i64| f <= 100 && l >= 100;
        assert_eq!(ev.dated(1, "KAZ|MNG", overlapping), vec![11, 14]);
        assert_eq!(ev.dated(1, "KAZ", overlapping), Vec::<i64>::new());
        assert_eq!(ev.undated(1, "KAZ|MNG", 100), vec![12]);
        assert_eq!(ev.undated(1, "KAZ|MNG", 7), Vec::<i64>::new());
        assert_eq!((ev.precision(14), ev.precision(16)), (Some(2), None));
        ev.set_precision(14, 3);
        assert_eq!(ev.precision(14), Some(3));
        ev.redated(11, Some(50), Some(50));
        assert_eq!(ev.dated(1, "KAZ|MNG", overlapping), vec![14]);
        ev.redated(12, None, None);
        assert_eq!(ev.undated(1, "KAZ|MNG", 100), vec![12]);
        // An id out of sequence: no longer remembering.
        ev.created(Created {
            id: 20,
            kind: 1,
            sides: "KAZ|MNG",
            first: Some(100),
            last: Some(100),
            published: None,
            precision: 3,
        });
        assert_eq!(ev.since(), None);
    }
}
