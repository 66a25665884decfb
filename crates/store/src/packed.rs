//! Packed columns: the compressed text of a document, its paragraphs, and lists of
//! ids kept as one blob beside the row they belong to (instead of one indexed row
//! each).
//!
//! - Text ([`pack_text`]): one format byte, then the UTF-8 text as it is
//!   ([`TEXT_PLAIN`]) or its raw deflate stream ([`TEXT_DEFLATED`]). Releases are a
//!   few KB of prose: deflate halves them; the full-text index reads them through the
//!   SQL function [`TEXT_FUNCTION`] (see `schema.rs`). Since schema 11 a document's
//!   text and its record's encoding are one deflate stream ([`pack_document`],
//!   [`TEXT_WITH_RECORD`]): one compressor set-up and one set of Huffman trees per
//!   document instead of two (for texts of 3 KB those were a third of the cost of
//!   compressing), and the record's names are found in the text before them.
//! - Paragraphs ([`pack_paragraphs`]): LEB128 varints, each start as the distance
//!   from the previous end and each end as the distance from its start.
//! - Id lists ([`pack_ids`], [`pack_sorted_ids`]): LEB128 varints, as they are or
//!   (sorted sets) as the distance from the previous id.

use attache_ingest::Paragraph;
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
use std::cell::RefCell;

/// Format byte of a text stored as it is.
const TEXT_PLAIN: u8 = 0;
/// Format byte of a text stored as a raw deflate stream.
const TEXT_DEFLATED: u8 = 1;
/// Deflate level of stored texts. zlib-rs at level 2 (its fast match finder) gives
/// 29.75 MB for the texts of 20,000 generated releases where level 4 (its medium
/// one, schema 7 to 10) gave 29.11 MB (+2.2%) and level 1 40.9 MB; level 4 was 4.3%
/// of the CPU time of ingesting 100,000 releases, level 2 takes about half of that.
const TEXT_LEVEL: u8 = 2;
/// Format byte of a text followed by its document's record in one raw deflate
/// stream: the text's length in bytes (a varint), then the stream of the text and
/// the record's encoding ([`pack_document`]).
const TEXT_WITH_RECORD: u8 = 2;
/// Texts shorter than this are stored as they are (deflate cannot pay for itself).
const TEXT_MIN_DEFLATE: usize = 64;
/// Largest text accepted from a deflate stream (a guard against corrupt data).
const MAX_TEXT: usize = 256 << 20;

/// Name of the SQL function that reads a packed text (`attache_text(text_z)`),
/// registered on every connection of the store.
pub(crate) const TEXT_FUNCTION: &str = "attache_text";

/// Why a packed column cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("unknown text format {0}")]
    Format(u8),
    #[error("empty packed text")]
    Empty,
    #[error("deflate stream: {0}")]
    Inflate(String),
    #[error("text is not UTF-8")]
    Utf8,
    #[error("truncated list")]
    Truncated,
}

/// The stored form of a document text.
pub(crate) fn pack_text(text: &str) -> Vec<u8> {
    if text.len() < TEXT_MIN_DEFLATE {
        let mut out = Vec::with_capacity(text.len() + 1);
        out.push(TEXT_PLAIN);
        out.extend_from_slice(text.as_bytes());
        return out;
    }
    let mut out = vec![TEXT_DEFLATED];
    let fits = deflate_into(text.as_bytes(), TEXT_LEVEL, &mut out);
    if !fits || out.len() > text.len() + 1 {
        out.clear();
        out.push(TEXT_PLAIN);
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// The stored form of a document text with `record` (the encoding of its record,
/// see `codec`) in the same deflate stream ([`TEXT_WITH_RECORD`]); `None` when the
/// text is too short to deflate or the compressor failed (the caller stores them
/// apart).
pub(crate) fn pack_document(text: &str, record: &[u8]) -> Option<Vec<u8>> {
    if text.len() < TEXT_MIN_DEFLATE {
        return None;
    }
    let mut input = Vec::with_capacity(text.len() + record.len());
    input.extend_from_slice(text.as_bytes());
    input.extend_from_slice(record);
    let mut out = Vec::with_capacity(input.len() / 2 + 16);
    out.push(TEXT_WITH_RECORD);
    put(&mut out, text.len() as u64);
    deflate_into(&input, TEXT_LEVEL, &mut out).then_some(out)
}

/// The text of a stored form made by [`pack_text`] or [`pack_document`] (of the
/// latter, only the text is inflated).
pub(crate) fn unpack_text(bytes: &[u8]) -> Result<String, PackError> {
    let (&format, body) = bytes.split_first().ok_or(PackError::Empty)?;
    let raw = match format {
        TEXT_PLAIN => body.to_vec(),
        TEXT_DEFLATED => inflate(body, MAX_TEXT).map_err(PackError::Inflate)?,
        TEXT_WITH_RECORD => {
            let (len, stream) = text_length(body)?;
            inflate_prefix(stream, len).map_err(PackError::Inflate)?
        }
        other => return Err(PackError::Format(other)),
    };
    String::from_utf8(raw).map_err(|_| PackError::Utf8)
}

/// The text of a stored form and the record encoding stored with it (`None` when
/// the record is stored apart, [`pack_text`]).
pub(crate) fn unpack_document(bytes: &[u8]) -> Result<(String, Option<Vec<u8>>), PackError> {
    match bytes.split_first() {
        Some((&TEXT_WITH_RECORD, body)) => {
            let (len, stream) = text_length(body)?;
            let mut raw =
                inflate(stream, MAX_TEXT.saturating_mul(2)).map_err(PackError::Inflate)?;
            if raw.len() < len {
                return Err(PackError::Truncated);
            }
            let record = raw.split_off(len);
            let text = String::from_utf8(raw).map_err(|_| PackError::Utf8)?;
            Ok((text, Some(record)))
        }
        _ => Ok((unpack_text(bytes)?, None)),
    }
}

/// The text's length at the start of a [`TEXT_WITH_RECORD`] body, and the stream
/// after it.
fn text_length(body: &[u8]) -> Result<(usize, &[u8]), PackError> {
    let mut v = 0u64;
    for (i, &b) in body.iter().enumerate().take(10) {
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            let len = usize::try_from(v).map_err(|_| PackError::Truncated)?;
            if len > MAX_TEXT {
                return Err(PackError::Truncated);
            }
            return Ok((len, &body[i + 1..]));
        }
    }
    Err(PackError::Truncated)
}

thread_local! {
    /// One decompressor per thread, reused: a fresh one is an allocation of 11 KB,
    /// which was a fifth of the time of reading an event list.
    static INFLATER: RefCell<Box<DecompressorOxide>> = RefCell::new(Box::default());
    /// Compressors by level ([`deflate_into`]).
    static DEFLATERS: RefCell<Vec<(i32, zlib_rs::Deflate)>> = const { RefCell::new(Vec::new()) };
}

/// Append the raw deflate stream of `input` at `level` (zlib's levels: 1 is its
/// fast match finder, much larger output on prose) to `out`; `false` if the
/// compressor failed (the caller stores the input as it is).
///
/// A zlib-rs compressor per thread and level, reset for each stream (which clears
/// its 128 KB hash table and nothing more): miniz_oxide's reusable compressor
/// cleared about 250 KB of tables for every stream, and a fresh zlib-rs one is an
/// allocation cleared as well; for texts of a few KB that set-up was half the time
/// of compressing them (and the largest single cost of storing the White House
/// readouts). The output is a raw deflate stream like any other ([`inflate`] reads
/// it, and streams written by earlier builds are read as before).
pub(crate) fn deflate_into(input: &[u8], level: u8, out: &mut Vec<u8>) -> bool {
    let level = i32::from(level.min(9));
    let start = out.len();
    out.resize(start + zlib_rs::compress_bound(input.len()), 0);
    let done = DEFLATERS.with(|cell| {
        let mut all = cell.borrow_mut();
        let i = match all.iter().position(|(l, _)| *l == level) {
            Some(i) => i,
            None => {
                // Negative window bits: a raw stream (no zlib header), 32 KB window.
                all.push((level, zlib_rs::Deflate::new(level, false, 15)));
                all.len() - 1
            }
        };
        let d = &mut all[i].1;
        d.reset();
        let status = d.compress(input, &mut out[start..], zlib_rs::DeflateFlush::Finish);
        let written = usize::try_from(d.total_out()).unwrap_or(usize::MAX);
        let consumed = d.total_in() == input.len() as u64;
        match status {
            Ok(zlib_rs::Status::StreamEnd) if consumed => Some(written),
            _ => None,
        }
    });
    match done {
        Some(n) if start + n <= out.len() => {
            out.truncate(start + n);
            true
        }
        _ => {
            out.truncate(start);
            false
        }
    }
}

/// The first `len` bytes of what a raw deflate stream inflates to (the rest is not
/// inflated); an error when it holds fewer.
pub(crate) fn inflate_prefix(input: &[u8], len: usize) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; len];
    if len == 0 {
        return Ok(out);
    }
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    INFLATER.with(|cell| {
        let mut d = cell.borrow_mut();
        d.init();
        let (status, _, produced) = decompress(&mut d, input, &mut out, 0, flags);
        match status {
            TINFLStatus::Done | TINFLStatus::HasMoreOutput if produced == len => Ok(out),
            other => Err(format!("{other:?}")),
        }
    })
}

/// Inflate a raw deflate stream of at most `max` bytes (an error past it).
pub(crate) fn inflate(mut input: &[u8], max: usize) -> Result<Vec<u8>, String> {
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    // Texts and records deflate 2–3×: most fit the first buffer.
    let mut out = vec![0u8; input.len().saturating_mul(4).clamp(64, max.max(64))];
    INFLATER.with(|cell| {
        let mut d = cell.borrow_mut();
        d.init();
        let mut out_pos = 0;
        loop {
            let (status, consumed, produced) = decompress(&mut d, input, &mut out, out_pos, flags);
            out_pos += produced;
            match status {
                TINFLStatus::Done => {
                    out.truncate(out_pos);
                    return Ok(out);
                }
                TINFLStatus::HasMoreOutput if out.len() < max && consumed <= input.len() => {
                    input = &input[consumed..];
                    let len = out.len().saturating_mul(2).min(max);
                    out.resize(len, 0);
                }
                other => return Err(format!("{other:?}")),
            }
        }
    })
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Read the varints of `bytes`.
fn varints(bytes: &[u8]) -> Result<Vec<u64>, PackError> {
    let mut out = Vec::new();
    let mut v = 0u64;
    let mut shift = 0u32;
    for &b in bytes {
        if shift > 63 {
            return Err(PackError::Truncated);
        }
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            out.push(v);
            v = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
    if shift != 0 {
        return Err(PackError::Truncated);
    }
    Ok(out)
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Paragraph ranges as varints.
pub(crate) fn pack_paragraphs(paragraphs: &[Paragraph]) -> Vec<u8> {
    let mut out = Vec::with_capacity(paragraphs.len() * 3);
    let mut prev = 0i64;
    for p in paragraphs {
        put(&mut out, zigzag(p.start as i64 - prev));
        put(&mut out, zigzag(p.end as i64 - p.start as i64));
        prev = p.end as i64;
    }
    out
}

/// The paragraphs of [`pack_paragraphs`].
pub(crate) fn unpack_paragraphs(bytes: &[u8]) -> Result<Vec<Paragraph>, PackError> {
    let v = varints(bytes)?;
    if v.len() % 2 != 0 {
        return Err(PackError::Truncated);
    }
    let mut out = Vec::with_capacity(v.len() / 2);
    let mut prev = 0i64;
    for pair in v.chunks_exact(2) {
        let start = prev.saturating_add(unzigzag(pair[0]));
        let end = start.saturating_add(unzigzag(pair[1]));
        if start < 0 || end < start {
            return Err(PackError::Truncated);
        }
        out.push(Paragraph {
            start: start as usize,
            end: end as usize,
        });
        prev = end;
    }
    Ok(out)
}

/// A list of ids, in its order.
pub(crate) fn pack_ids(ids: &[i64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ids.len() * 3);
    for &id in ids {
        put(&mut out, zigzag(id));
    }
    out
}

/// The ids of [`pack_ids`].
pub(crate) fn unpack_ids(bytes: &[u8]) -> Result<Vec<i64>, PackError> {
    Ok(varints(bytes)?.into_iter().map(unzigzag).collect())
}

/// A set of ids (sorted here), each as the distance from the previous one.
pub(crate) fn pack_sorted_ids(ids: &[i64]) -> Vec<u8> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = Vec::with_capacity(sorted.len() * 2);
    let mut prev = 0i64;
    for id in sorted {
        put(&mut out, zigzag(id.wrapping_sub(prev)));
        prev = id;
    }
    out
}

/// The ids of [`pack_sorted_ids`], ascending.
pub(crate) fn unpack_sorted_ids(bytes: &[u8]) -> Result<Vec<i64>, PackError> {
    let mut prev = 0i64;
    Ok(varints(bytes)?
        .into_iter()
        .map(|d| {
            prev = prev.wrapping_add(unzigzag(d));
            prev
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_and_long_ones_shrink() {
        for text in [
            "",
            "Short.",
            "Ёко — Belarus",
            &"The ministers of Belarus and Kazakhstan met in Astana. ".repeat(40),
        ] {
            let packed = pack_text(text);
            assert_eq!(unpack_text(&packed).unwrap(), text);
            assert!(packed.len() <= text.len() + 1);
        }
        let long = "The ministers of Belarus and Kazakhstan met in Astana. ".repeat(40);
        assert!(pack_text(&long).len() * 4 < long.len());
        // Each stream starts afresh.
        let mut a = Vec::new();
        assert!(deflate_into(long.as_bytes(), 1, &mut a));
        let mut b = vec![9];
        assert!(deflate_into(long.as_bytes(), 1, &mut b));
        assert_eq!(&b[1..], &a[..]);
        assert_eq!(inflate(&a, 1 << 20).unwrap(), long.as_bytes());
        assert_eq!(unpack_text(&pack_text(&long)).unwrap(), long);
    }

    #[test]
    fn a_text_and_its_record_share_one_stream() {
        let text = "The ministers of Belarus and Kazakhstan met in Astana. ".repeat(10);
        let record = b"\x02Belarus\x00Kazakhstan\xff\x00\x01".repeat(20);
        let packed = pack_document(&text, &record).unwrap();
        assert_eq!(packed[0], TEXT_WITH_RECORD);
        assert!(packed.len() < pack_text(&text).len() + record.len() / 2);
        assert_eq!(unpack_text(&packed).unwrap(), text);
        let (read, inner) = unpack_document(&packed).unwrap();
        assert_eq!((read, inner), (text.clone(), Some(record.clone())));
        // An empty record; a text too short to deflate is left to `pack_text`.
        let (read, inner) = unpack_document(&pack_document(&text, &[]).unwrap()).unwrap();
        assert_eq!((read, inner), (text.clone(), Some(Vec::new())));
        assert!(pack_document("Short.", &record).is_none());
        // Texts stored apart read as before, without a record.
        let (read, inner) = unpack_document(&pack_text(&text)).unwrap();
        assert_eq!((read, inner), (text.clone(), None));
        // Truncated or lying about the text's length: errors, not panics.
        for cut in 1..packed.len() {
            assert!(unpack_document(&packed[..cut]).is_err(), "cut at {cut}");
        }
        assert!(unpack_text(&[TEXT_WITH_RECORD]).is_err());
        assert!(unpack_text(&[TEXT_WITH_RECORD, 0x80]).is_err());
        let mut longer = vec![TEXT_WITH_RECORD];
        put(&mut longer, (text.len() + record.len() + 1) as u64);
        let stream_at = 1 + packed[1..].iter().position(|b| b & 0x80 == 0).unwrap() + 1;
        longer.extend_from_slice(&packed[stream_at..]);
        assert!(unpack_text(&longer).is_err());
        assert!(unpack_document(&longer).is_err());
    }

    #[test]
    fn corrupt_texts_are_errors() {
        assert!(matches!(unpack_text(&[]), Err(PackError::Empty)));
        assert!(matches!(unpack_text(&[7, 1]), Err(PackError::Format(7))));
        assert!(unpack_text(&[TEXT_PLAIN, 0xff, 0xfe]).is_err());
        let packed = pack_text(&"Belarus and Kazakhstan. ".repeat(20));
        assert!(unpack_text(&packed[..packed.len() / 2]).is_err());
    }

    #[test]
    fn paragraphs_and_ids_round_trip() {
        let paras = vec![
            Paragraph { start: 0, end: 120 },
            Paragraph {
                start: 122,
                end: 4000,
            },
            Paragraph {
                start: 3990,
                end: 3995,
            },
        ];
        assert_eq!(unpack_paragraphs(&pack_paragraphs(&paras)).unwrap(), paras);
        assert!(unpack_paragraphs(&[]).unwrap().is_empty());
        assert!(unpack_paragraphs(&[0x80]).is_err());
        let ids = [5, 3, 1_000_000, 3, -2];
        assert_eq!(unpack_ids(&pack_ids(&ids)).unwrap(), ids);
        assert_eq!(
            unpack_sorted_ids(&pack_sorted_ids(&ids)).unwrap(),
            vec![-2, 3, 5, 1_000_000]
        );
    }
}
