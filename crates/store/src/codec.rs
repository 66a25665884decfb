//! The stored form of a [`Record`]: a compact binary encoding.
//!
//! The record of a document is kept whole (so [`crate::Store::record`] returns exactly
//! what extraction made), but not as JSON: JSON repeats every field name and spells
//! every offset in decimal, and was 40–46% of a database. The encoding here writes
//! counts and numbers as LEB128 varints, spans as the distance from the previous span
//! (they mostly ascend) and their length, each distinct string once per record (later
//! uses refer to it by number), and a mention's surface not at all when it is the
//! document text at its span (the usual case; the text is stored beside the record).
//! On the White House readouts this is 1.13 MB for 9.54 MB of JSON. Schema 7 deflates
//! it too (`miniz_oxide`, level 1: 30% smaller on the generated releases, where records
//! were the largest column once texts were deflated), events and topics first, since
//! event lists read only those.
//!
//! Layout: one format byte, then the encoding with the events and topics first
//! ([`FORMAT_HEAD_FIRST`], schema 7: event lists read them with [`decode_head`] and
//! stop before the mentions), or the encoding in field order ([`FORMAT_RAW`]) or its
//! raw deflate stream ([`FORMAT_DEFLATED`]), both read but no longer written. A record that migration
//! 6 found unreadable as JSON keeps its JSON text, deflated, under [`FORMAT_JSON`]
//! (reading it reports the JSON error, as before the migration). Every struct is
//! written field by field through an exhaustive destructuring, so a field added to
//! the record types fails to compile here until the encoding carries it.

use attache_extract::{
    Actor, Event, EventKind, Location, Mention, MentionKind, PartialDate, Quantity, Record, Sector,
    Span, Status, Topic,
};

/// Format byte of a record kept as JSON text, deflated (see the module documentation).
const FORMAT_JSON: u8 = 0;
/// Format byte of the encoding, deflated.
const FORMAT_DEFLATED: u8 = 1;
/// Format byte of the encoding as it is (schema 6).
const FORMAT_RAW: u8 = 2;
/// Format byte of the encoding with events and topics first: [`decode_head`] reads
/// them without the mentions.
const FORMAT_HEAD_FIRST: u8 = 3;
/// Format byte of the raw deflate stream of [`FORMAT_HEAD_FIRST`] (what [`encode`]
/// writes): 30% smaller; [`decode_head`] inflates it and stops after the head.
const FORMAT_DEFLATED_HEAD_FIRST: u8 = 4;
/// Format byte of a record whose encoding ([`FORMAT_HEAD_FIRST`]'s body) follows
/// its document's text in the text's deflate stream (`documents.text_z`, see
/// [`crate::packed::pack_document`]): what [`encode_document`] writes since schema
/// 11. [`embedded`] turns it back into a form [`decode`] reads.
const FORMAT_IN_TEXT: u8 = 5;
/// Deflate level of [`encode`] (zlib's level 1 is its fast match finder, which
/// leaves records much larger; 2 is the lazy one at its cheapest).
const RECORD_LEVEL: u8 = 2;
/// Deflate level of [`encode_json_text`].
const LEVEL: u8 = 6;
/// Largest decoded record accepted (a guard against corrupt data, not a real limit).
const MAX_DECODED: usize = 256 << 20;

/// Why a stored record cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("unknown record format {0}")]
    Format(u8),
    #[error("empty record")]
    Empty,
    #[error("deflate stream: {0}")]
    Inflate(String),
    #[error("truncated record")]
    Truncated,
    #[error("invalid {0} in record")]
    Invalid(&'static str),
    #[error("record JSON: {0}")]
    Json(#[from] serde_json::Error),
}

type Result<T> = std::result::Result<T, CodecError>;

const MENTION_KINDS: [MentionKind; 8] = [
    MentionKind::Country,
    MentionKind::Place,
    MentionKind::Organization,
    MentionKind::Person,
    MentionKind::Company,
    MentionKind::Title,
    MentionKind::Date,
    MentionKind::Quantity,
];
const SECTORS: [Sector; 9] = [
    Sector::Gov,
    Sector::Mil,
    Sector::Leg,
    Sector::Jud,
    Sector::Bus,
    Sector::Igo,
    Sector::Edu,
    Sector::Med,
    Sector::Cvl,
];
pub(crate) const STATUSES: [Status; 3] = [Status::Occurred, Status::Planned, Status::Cancelled];

fn index_of<T: PartialEq>(all: &[T], v: &T) -> u64 {
    all.iter().position(|x| x == v).unwrap_or(0) as u64
}

/// The encoding of `rec` with events and topics first, without format byte.
fn encode_body(rec: &Record, text: &str) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(4096),
        strings: crate::memo::FnvMap::default(),
        prev: 0,
        text,
    };
    w.record(rec, true);
    w.out
}

/// Encode `rec`, whose spans point into `text`, into a stored form of its own
/// ([`FORMAT_DEFLATED_HEAD_FIRST`]).
pub(crate) fn encode(rec: &Record, text: &str) -> Vec<u8> {
    deflate_body(&encode_body(rec, text))
}

/// [`FORMAT_DEFLATED_HEAD_FIRST`] of an encoding.
fn deflate_body(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 2 + 16);
    out.push(FORMAT_DEFLATED_HEAD_FIRST);
    if crate::packed::deflate_into(body, RECORD_LEVEL, &mut out) {
        return out;
    }
    // (The compressor failed: the encoding as it is.)
    let mut raw = Vec::with_capacity(body.len() + 1);
    raw.push(FORMAT_HEAD_FIRST);
    raw.extend_from_slice(body);
    raw
}

/// The stored forms of a document's text and of its record `rec` (`text_z`,
/// `record_z`): the record's encoding in the text's deflate stream
/// ([`FORMAT_IN_TEXT`]), or (a text too short to deflate) each apart.
pub(crate) fn encode_document(rec: &Record, text: &str) -> (Vec<u8>, Vec<u8>) {
    let body = encode_body(rec, text);
    match crate::packed::pack_document(text, &body) {
        Some(text_z) => (text_z, vec![FORMAT_IN_TEXT]),
        None => (crate::packed::pack_text(text), deflate_body(&body)),
    }
}

/// A stored record (`record_z`) in a form [`decode`] and [`decode_head`] read:
/// itself, or (stored with the text, [`FORMAT_IN_TEXT`]) the encoding found in
/// the text's stream (`embedded`, see [`crate::packed::unpack_document`]).
pub(crate) fn embedded(
    record_z: &[u8],
    embedded: Option<Vec<u8>>,
) -> Result<std::borrow::Cow<'_, [u8]>> {
    if record_z != [FORMAT_IN_TEXT] {
        return Ok(std::borrow::Cow::Borrowed(record_z));
    }
    let body = embedded.ok_or(CodecError::Invalid(
        "record stored with a text that has none",
    ))?;
    let mut out = Vec::with_capacity(body.len() + 1);
    out.push(FORMAT_HEAD_FIRST);
    out.extend_from_slice(&body);
    Ok(std::borrow::Cow::Owned(out))
}

/// Whether a stored record is kept in its text's stream ([`FORMAT_IN_TEXT`]).
pub(crate) fn in_text(record_z: &[u8]) -> bool {
    record_z == [FORMAT_IN_TEXT]
}

/// The formats of earlier builds, for tests of reading them.
#[cfg(test)]
pub(crate) fn encode_as(rec: &Record, text: &str, head_first: bool) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(4096),
        strings: crate::memo::FnvMap::default(),
        prev: 0,
        text,
    };
    w.out.push(if head_first {
        FORMAT_HEAD_FIRST
    } else {
        FORMAT_RAW
    });
    w.record(rec, head_first);
    w.out
}

/// The stored form of record JSON that does not parse (kept as it was).
pub(crate) fn encode_json_text(json: &str) -> Vec<u8> {
    let mut out = vec![FORMAT_JSON];
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(
        json.as_bytes(),
        LEVEL,
    ));
    out
}

/// The events and topics of a record: what event lists read of each source. An
/// event not asked for is `None` (decoding an event is most of the cost of a head).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Head {
    pub(crate) events: Vec<Option<Event>>,
    pub(crate) topics: Vec<Topic>,
}

/// Whether [`decode_head`] needs the document text for this stored record (records
/// of earlier formats are decoded whole; the current one needs no text for its head).
pub(crate) fn head_needs_text(bytes: &[u8]) -> bool {
    !matches!(
        bytes.first(),
        Some(&FORMAT_HEAD_FIRST | &FORMAT_DEFLATED_HEAD_FIRST)
    )
}

fn inflate(body: &[u8]) -> Result<Vec<u8>> {
    crate::packed::inflate(body, MAX_DECODED).map_err(CodecError::Inflate)
}

/// The events (those of `wanted` only, when given) and topics of a stored record,
/// without decoding its mentions when it is of the current format; `text` is used by
/// earlier formats only.
pub(crate) fn decode_head(bytes: &[u8], text: &str, wanted: Option<&[usize]>) -> Result<Head> {
    let inflated;
    let head_first = match bytes.split_first() {
        Some((&FORMAT_HEAD_FIRST, body)) => Some(body),
        Some((&FORMAT_DEFLATED_HEAD_FIRST, body)) => {
            inflated = inflate(body)?;
            Some(&inflated[..])
        }
        _ => None,
    };
    match head_first {
        Some(body) => {
            let mut r = Reader {
                buf: body,
                pos: 0,
                strings: Vec::new(),
                prev: 0,
                text,
                skip: false,
            };
            let _doc_id = r.str()?;
            let _extractor = r.str()?;
            r.head(wanted)
        }
        _ => {
            let rec = decode(bytes, text)?;
            Ok(Head {
                events: rec.events.into_iter().map(Some).collect(),
                topics: rec.topics,
            })
        }
    }
}

/// Decode a stored record; `text` is the text of its document.
pub(crate) fn decode(bytes: &[u8], text: &str) -> Result<Record> {
    let (&format, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    let inflated;
    let (raw, head_first) = match format {
        FORMAT_DEFLATED_HEAD_FIRST => {
            inflated = inflate(body)?;
            (&inflated[..], true)
        }
        FORMAT_HEAD_FIRST => (body, true),
        FORMAT_RAW => (body, false),
        FORMAT_DEFLATED => {
            inflated = inflate(body)?;
            (&inflated[..], false)
        }
        FORMAT_JSON => return Ok(serde_json::from_slice(&inflate(body)?)?),
        other => return Err(CodecError::Format(other)),
    };
    let mut r = Reader {
        buf: raw,
        pos: 0,
        strings: Vec::new(),
        prev: 0,
        text,
        skip: false,
    };
    let rec = r.record(head_first)?;
    if r.pos != raw.len() {
        return Err(CodecError::Invalid("trailing data"));
    }
    Ok(rec)
}

struct Writer<'a> {
    out: Vec<u8>,
    strings: crate::memo::FnvMap<&'a str, u64>,
    prev: i64,
    text: &'a str,
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

impl<'a> Writer<'a> {
    fn uint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn int(&mut self, v: i64) {
        self.uint(zigzag(v));
    }

    /// A string: `0, len, bytes` the first time, `n + 1` for the n-th distinct string.
    fn str(&mut self, s: &'a str) {
        if let Some(&n) = self.strings.get(s) {
            self.uint(n + 1);
            return;
        }
        let n = self.strings.len() as u64;
        self.strings.insert(s, n);
        self.uint(0);
        self.uint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: &'a Option<String>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                self.uint(1);
                self.str(s);
            }
        }
    }

    fn strs(&mut self, v: &'a [String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    fn span(&mut self, s: &Span) {
        let start = s.start as i64;
        self.int(start - self.prev);
        self.int(s.end as i64 - start);
        self.prev = start;
    }

    fn spans(&mut self, v: &[Span]) {
        self.uint(v.len() as u64);
        for s in v {
            self.span(s);
        }
    }

    fn date(&mut self, d: &Option<PartialDate>) {
        let Some(PartialDate { year, month, day }) = d else {
            self.uint(0);
            return;
        };
        self.uint(1 | u64::from(month.is_some()) << 1 | u64::from(day.is_some()) << 2);
        self.int(i64::from(*year));
        if let Some(m) = month {
            self.int(i64::from(*m));
        }
        if let Some(d) = day {
            self.int(i64::from(*d));
        }
    }

    /// The record, its events and topics first when `head_first` (what
    /// [`decode_head`] reads without the rest), else in the order of [`FORMAT_RAW`].
    fn record(&mut self, rec: &'a Record, head_first: bool) {
        let Record {
            doc_id,
            extractor,
            sentences,
            mentions,
            actors,
            events,
            topics,
            quantities,
        } = rec;
        self.str(doc_id);
        self.str(extractor);
        if head_first {
            self.events_and_topics(events, topics);
        }
        self.spans(sentences);
        self.uint(mentions.len() as u64);
        for m in mentions {
            self.mention(m);
        }
        self.uint(actors.len() as u64);
        for a in actors {
            self.actor(a);
        }
        if !head_first {
            self.events_and_topics(events, topics);
        }
        self.uint(quantities.len() as u64);
        for q in quantities {
            let Quantity {
                value,
                unit,
                per,
                span,
            } = q;
            self.out.extend_from_slice(&value.to_bits().to_le_bytes());
            self.str(unit);
            self.opt_str(per);
            self.span(span);
        }
    }

    fn events_and_topics(&mut self, events: &'a [Event], topics: &'a [Topic]) {
        self.uint(events.len() as u64);
        for e in events {
            self.event(e);
        }
        self.uint(topics.len() as u64);
        for t in topics {
            let Topic { topic, evidence } = t;
            self.str(topic);
            self.spans(evidence);
        }
    }

    fn mention(&mut self, m: &'a Mention) {
        let Mention {
            span,
            kind,
            surface,
            entity,
            country,
        } = m;
        self.span(span);
        // Kind and "surface is the text at the span" in one number.
        let same = surface == span.of(self.text);
        self.uint(index_of(&MENTION_KINDS, kind) << 1 | u64::from(!same));
        if !same {
            self.str(surface);
        }
        self.str(entity);
        self.opt_str(country);
    }

    fn actor(&mut self, a: &'a Actor) {
        let Actor {
            name,
            titles,
            country,
            organization,
            sector,
            spans,
        } = a;
        self.str(name);
        self.strs(titles);
        self.opt_str(country);
        self.opt_str(organization);
        match sector {
            None => self.uint(0),
            Some(s) => self.uint(index_of(&SECTORS, s) + 1),
        }
        self.spans(spans);
    }

    fn event(&mut self, e: &'a Event) {
        let Event {
            kind,
            cameo,
            plover,
            plover_mode,
            status,
            date,
            date_end,
            location,
            participants,
            sides,
            organization,
            evidence,
        } = e;
        self.uint(index_of(&EventKind::ALL, kind));
        self.str(cameo);
        self.opt_str(plover);
        self.opt_str(plover_mode);
        self.uint(index_of(&STATUSES, status));
        self.date(date);
        self.date(date_end);
        match location {
            None => self.uint(0),
            Some(Location {
                place,
                country,
                span,
            }) => {
                self.uint(1 + u64::from(span.is_some()));
                self.opt_str(place);
                self.opt_str(country);
                if let Some(s) = span {
                    self.span(s);
                }
            }
        }
        self.uint(participants.len() as u64);
        for a in participants {
            self.actor(a);
        }
        self.strs(sides);
        self.opt_str(organization);
        self.spans(evidence);
    }
}

struct Reader<'b> {
    buf: &'b [u8],
    pos: usize,
    /// The distinct strings read so far (borrowed from `buf`).
    strings: Vec<&'b str>,
    prev: i64,
    text: &'b str,
    /// Read without building strings (an event not asked for).
    skip: bool,
}

impl<'b> Reader<'b> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.buf.get(self.pos).ok_or(CodecError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(CodecError::Invalid("number"))
    }

    fn int(&mut self) -> Result<i64> {
        Ok(unzigzag(self.uint()?))
    }

    /// A count of items that each take at least one byte (bounds allocations).
    fn len(&mut self) -> Result<usize> {
        let n = self.uint()?;
        if n > (self.buf.len() - self.pos) as u64 {
            return Err(CodecError::Truncated);
        }
        Ok(n as usize)
    }

    fn small<T: Copy>(&mut self, all: &[T], what: &'static str) -> Result<T> {
        let i = self.uint()?;
        all.get(i as usize)
            .copied()
            .ok_or(CodecError::Invalid(what))
    }

    fn str(&mut self) -> Result<String> {
        let s = self.str_ref()?;
        Ok(if self.skip {
            String::new()
        } else {
            s.to_string()
        })
    }

    fn str_ref(&mut self) -> Result<&'b str> {
        match self.uint()? {
            0 => {
                let n = self.len()?;
                let buf: &'b [u8] = self.buf;
                let bytes = &buf[self.pos..self.pos + n];
                self.pos += n;
                let s = std::str::from_utf8(bytes).map_err(|_| CodecError::Invalid("string"))?;
                self.strings.push(s);
                Ok(s)
            }
            n => self
                .strings
                .get((n - 1) as usize)
                .copied()
                .ok_or(CodecError::Invalid("string reference")),
        }
    }

    fn opt_str(&mut self) -> Result<Option<String>> {
        match self.uint()? {
            0 => Ok(None),
            1 => Ok(Some(self.str()?)),
            _ => Err(CodecError::Invalid("option")),
        }
    }

    fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }

    fn usize(v: i64) -> Result<usize> {
        usize::try_from(v).map_err(|_| CodecError::Invalid("offset"))
    }

    fn span(&mut self) -> Result<Span> {
        let start = self
            .prev
            .checked_add(self.int()?)
            .ok_or(CodecError::Invalid("offset"))?;
        let end = start
            .checked_add(self.int()?)
            .ok_or(CodecError::Invalid("offset"))?;
        self.prev = start;
        Ok(Span::new(Self::usize(start)?, Self::usize(end)?))
    }

    fn spans(&mut self) -> Result<Vec<Span>> {
        let n = self.len()?;
        (0..n).map(|_| self.span()).collect()
    }

    fn narrow<T: TryFrom<i64>>(v: i64) -> Result<T> {
        T::try_from(v).map_err(|_| CodecError::Invalid("date"))
    }

    fn date(&mut self) -> Result<Option<PartialDate>> {
        let flags = self.uint()?;
        if flags == 0 {
            return Ok(None);
        }
        if flags > 7 || flags & 1 == 0 {
            return Err(CodecError::Invalid("date"));
        }
        let year = Self::narrow(self.int()?)?;
        let month = if flags & 2 != 0 {
            Some(Self::narrow(self.int()?)?)
        } else {
            None
        };
        let day = if flags & 4 != 0 {
            Some(Self::narrow(self.int()?)?)
        } else {
            None
        };
        Ok(Some(PartialDate { year, month, day }))
    }

    /// The events and topics of a record.
    fn head(&mut self, wanted: Option<&[usize]>) -> Result<Head> {
        let n = self.len()?;
        let mut events = Vec::with_capacity(n);
        for i in 0..n {
            if wanted.is_none_or(|w| w.contains(&i)) {
                events.push(Some(self.event()?));
            } else {
                self.skip = true;
                let read = self.event();
                self.skip = false;
                read?;
                events.push(None);
            }
        }
        let n = self.len()?;
        let topics = (0..n)
            .map(|_| {
                Ok(Topic {
                    topic: self.str()?,
                    evidence: self.spans()?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Head { events, topics })
    }

    fn record(&mut self, head_first: bool) -> Result<Record> {
        let doc_id = self.str()?;
        let extractor = self.str()?;
        let first = if head_first {
            Some(self.head(None)?)
        } else {
            None
        };
        let sentences = self.spans()?;
        let n = self.len()?;
        let mentions = (0..n).map(|_| self.mention()).collect::<Result<_>>()?;
        let n = self.len()?;
        let actors = (0..n).map(|_| self.actor()).collect::<Result<_>>()?;
        let Head { events, topics } = match first {
            Some(head) => head,
            None => self.head(None)?,
        };
        let events = events.into_iter().flatten().collect();
        let n = self.len()?;
        let quantities = (0..n)
            .map(|_| {
                let bits = self
                    .buf
                    .get(self.pos..self.pos + 8)
                    .ok_or(CodecError::Truncated)?;
                let mut le = [0u8; 8];
                le.copy_from_slice(bits);
                self.pos += 8;
                Ok(Quantity {
                    value: f64::from_bits(u64::from_le_bytes(le)),
                    unit: self.str()?,
                    per: self.opt_str()?,
                    span: self.span()?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Record {
            doc_id,
            extractor,
            sentences,
            mentions,
            actors,
            events,
            topics,
            quantities,
        })
    }

    fn mention(&mut self) -> Result<Mention> {
        let span = self.span()?;
        let tag = self.uint()?;
        let kind = *MENTION_KINDS
            .get((tag >> 1) as usize)
            .ok_or(CodecError::Invalid("mention kind"))?;
        let surface = if tag & 1 == 0 {
            span.of(self.text).to_string()
        } else {
            self.str()?
        };
        Ok(Mention {
            span,
            kind,
            surface,
            entity: self.str()?,
            country: self.opt_str()?,
        })
    }

    fn actor(&mut self) -> Result<Actor> {
        let name = self.str()?;
        let titles = self.strs()?;
        let country = self.opt_str()?;
        let organization = self.opt_str()?;
        let sector = match self.uint()? {
            0 => None,
            i => Some(
                *SECTORS
                    .get((i - 1) as usize)
                    .ok_or(CodecError::Invalid("sector"))?,
            ),
        };
        Ok(Actor {
            name,
            titles,
            country,
            organization,
            sector,
            spans: self.spans()?,
        })
    }

    fn event(&mut self) -> Result<Event> {
        let kind = self.small(&EventKind::ALL, "event kind")?;
        let cameo = self.str()?;
        let plover = self.opt_str()?;
        let plover_mode = self.opt_str()?;
        let status = self.small(&STATUSES, "status")?;
        let date = self.date()?;
        let date_end = self.date()?;
        let location = match self.uint()? {
            0 => None,
            tag @ (1 | 2) => Some(Location {
                place: self.opt_str()?,
                country: self.opt_str()?,
                span: if tag == 2 { Some(self.span()?) } else { None },
            }),
            _ => return Err(CodecError::Invalid("location")),
        };
        let n = self.len()?;
        let participants = (0..n).map(|_| self.actor()).collect::<Result<_>>()?;
        Ok(Event {
            kind,
            cameo,
            plover,
            plover_mode,
            status,
            date,
            date_end,
            location,
            participants,
            sides: self.strs()?,
            organization: self.opt_str()?,
            evidence: self.spans()?,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn sample(text: &str) -> Record {
        let actor = |name: &str| Actor {
            name: name.into(),
            titles: vec!["Minister of Foreign Affairs".into(), "Ambassador".into()],
            country: Some("BLR".into()),
            organization: None,
            sector: Some(Sector::Cvl),
            spans: vec![Span::new(3, 10), Span::new(1, 2)],
        };
        Record {
            doc_id: "abc".into(),
            extractor: "0.1.0".into(),
            sentences: vec![Span::new(0, 12), Span::new(13, text.len())],
            mentions: vec![
                Mention {
                    span: Span::new(0, 7),
                    kind: MentionKind::Country,
                    surface: "Belarus".into(),
                    entity: "BLR".into(),
                    country: None,
                },
                Mention {
                    // Surface not the text at the span: kept as written.
                    span: Span::new(8, 12),
                    kind: MentionKind::Quantity,
                    surface: "other".into(),
                    entity: "BLR".into(),
                    country: Some("KAZ".into()),
                },
                Mention {
                    // Span off a char boundary and past the end.
                    span: Span::new(text.len() + 5, 2),
                    kind: MentionKind::Date,
                    surface: String::new(),
                    entity: "2024-05".into(),
                    country: None,
                },
            ],
            actors: vec![actor("Sergei Aleinik"), actor("Ёко Камикава")],
            events: vec![Event {
                kind: EventKind::Sanction,
                cameo: "163".into(),
                plover: None,
                plover_mode: Some("visit".into()),
                status: Status::Cancelled,
                date: PartialDate::parse("2024-05-21"),
                date_end: Some(PartialDate {
                    year: -3,
                    month: Some(13),
                    day: None,
                }),
                location: Some(Location {
                    place: None,
                    country: Some("KAZ".into()),
                    span: Some(Span::new(usize::MAX >> 2, 0)),
                }),
                participants: vec![actor("S.Aleinik")],
                sides: vec!["BLR".into(), "KAZ".into()],
                organization: Some("UN".into()),
                evidence: vec![Span::new(0, 12)],
            }],
            topics: vec![Topic {
                topic: "trade".into(),
                evidence: vec![],
            }],
            quantities: vec![Quantity {
                value: -1.5e300,
                unit: "USD".into(),
                per: Some("year".into()),
                span: Span::new(4, 4),
            }],
        }
    }

    #[test]
    fn records_round_trip_exactly() {
        let text = "Belarus and Kazakhstan — Ёко";
        let rec = sample(text);
        let bytes = encode(&rec, text);
        assert_eq!(decode(&bytes, text).unwrap(), rec);
        let empty = Record {
            doc_id: String::new(),
            extractor: String::new(),
            sentences: vec![],
            mentions: vec![],
            actors: vec![],
            events: vec![],
            topics: vec![],
            quantities: vec![],
        };
        assert_eq!(decode(&encode(&empty, ""), "").unwrap(), empty);
    }

    #[test]
    fn records_stored_with_their_text_round_trip() {
        // Long enough to deflate: one stream for the text and the record.
        let text = "Belarus and Kazakhstan — Ёко. ".repeat(5);
        let rec = sample(&text);
        let (text_z, record_z) = encode_document(&rec, &text);
        assert!(in_text(&record_z));
        assert_eq!(crate::packed::unpack_text(&text_z).unwrap(), text);
        let (read, inner) = crate::packed::unpack_document(&text_z).unwrap();
        assert_eq!(read, text);
        let stored = embedded(&record_z, inner).unwrap();
        assert_eq!(decode(&stored, &text).unwrap(), rec);
        let head = decode_head(&stored, "", None).unwrap();
        assert_eq!(head, decode_head(&encode(&rec, &text), "", None).unwrap());
        // Without the text's stream the record cannot be read.
        assert!(embedded(&record_z, None).is_err());
        // A short text: each stored apart, as before.
        let short = "Belarus and Kazakhstan — Ёко";
        let rec = sample(short);
        let (text_z, record_z) = encode_document(&rec, short);
        assert!(!in_text(&record_z));
        let (read, inner) = crate::packed::unpack_document(&text_z).unwrap();
        assert_eq!((read.as_str(), inner.is_none()), (short, true));
        assert_eq!(
            decode(&embedded(&record_z, inner).unwrap(), short).unwrap(),
            rec
        );
    }

    #[test]
    fn corrupt_bytes_are_errors_not_panics() {
        let text = "Belarus and Kazakhstan — Ёко";
        let bytes = encode(&sample(text), text);
        assert!(matches!(decode(&[], text), Err(CodecError::Empty)));
        assert!(matches!(
            decode(&[9, 1, 2], text),
            Err(CodecError::Format(9))
        ));
        for cut in 1..bytes.len() {
            assert!(decode(&bytes[..cut], text).is_err(), "cut at {cut}");
        }
        // A valid deflate stream of garbage.
        let mut junk = vec![FORMAT_DEFLATED];
        junk.extend(miniz_oxide::deflate::compress_to_vec(&[0xff; 40], 1));
        assert!(decode(&junk, text).is_err());
        assert!(decode(&[FORMAT_RAW, 0xff, 0xff, 0xff], text).is_err());
        // The forms of schema 6 (deflated, then as it is) still read.
        let old = encode_as(&sample(text), text, false);
        assert_eq!(old[0], FORMAT_RAW);
        assert_eq!(decode(&old, text).unwrap(), sample(text));
        let mut deflated = vec![FORMAT_DEFLATED];
        deflated.extend(miniz_oxide::deflate::compress_to_vec(&old[1..], 1));
        assert_eq!(decode(&deflated, text).unwrap(), sample(text));
        let head = decode_head(&old, text, None).unwrap();
        assert_eq!(head, decode_head(&bytes, "", None).unwrap());
        let head_first = encode_as(&sample(text), text, true);
        assert_eq!(head_first[0], FORMAT_HEAD_FIRST);
        assert_eq!(decode(&head_first, text).unwrap(), sample(text));
        assert_eq!(head, decode_head(&head_first, "", None).unwrap());
        let events: Vec<Event> = head.events.into_iter().flatten().collect();
        assert_eq!(events, sample(text).events);
        // Only the events asked for are decoded.
        let none = decode_head(&bytes, "", Some(&[])).unwrap();
        assert_eq!(none.events, vec![None]);
        assert_eq!(none.topics, sample(text).topics);
        let first = decode_head(&bytes, "", Some(&[0])).unwrap();
        assert_eq!(first.events[0].as_ref(), sample(text).events.first());
        assert!(head_needs_text(&old) && !head_needs_text(&bytes));
        // Unparseable JSON kept by the migration reads back as a JSON error.
        let kept = encode_json_text("{}");
        assert!(matches!(decode(&kept, text), Err(CodecError::Json(_))));
        // (JSON cannot carry the out-of-range date of the sample.)
        let mut rec = sample(text);
        rec.events[0].date_end = None;
        let json = serde_json::to_string(&rec).unwrap();
        assert_eq!(decode(&encode_json_text(&json), text).unwrap(), rec);
    }
}
