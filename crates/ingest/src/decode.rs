//! Bytes to text: refusing binary files, then BOM → valid UTF-8 → declared charset
//! (`<meta charset>`, `http-equiv`, `<?xml encoding?>`) → detection with `chardetng`.

use crate::error::Reason;
use encoding_rs::Encoding;

/// Names a binary format from its magic number, or says the bytes look binary.
pub(crate) fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "zip archive"),
        (b"PK\x05\x06", "zip archive"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"\x1f\x8b", "gzip archive"),
        (b"\xfd7zXZ\x00", "xz archive"),
        (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
        (b"Rar!\x1a\x07", "RAR archive"),
        (b"\x7fELF", "executable"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\x28\xb5\x2f\xfd", "zstd archive"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"OggS", "Ogg media"),
        (b"\x00\x00\x01\x00", "icon image"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            _ => "RIFF media",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4 media");
    }
    if has_bom(bytes) {
        return None;
    }
    // Control bytes (NUL and C0 controls other than tab/newline/CR/FF/ESC) in the head.
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return None;
    }
    // UTF-16 text has zero bytes; most inputs have none (one fast scan).
    let has_zero = head.contains(&0);
    if has_zero && looks_utf16(head).is_some() {
        return None;
    }
    if has_zero {
        return Some("unrecognised binary data");
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if controls * 20 > head.len() {
        return Some("unrecognised binary data");
    }
    None
}

fn has_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xef\xbb\xbf")
        || bytes.starts_with(b"\xff\xfe")
        || bytes.starts_with(b"\xfe\xff")
}

/// UTF-16 without a BOM: ASCII text with every other byte zero.
fn looks_utf16(head: &[u8]) -> Option<&'static Encoding> {
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= pairs * 9 && even_zero * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= pairs * 9 && odd_zero * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A charset declared in the first bytes of an HTML or XML document.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for pat in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], pat) {
            let mut i = from + pos + pat.len();
            while i < lower.len() && matches!(lower[i], b'"' | b'\'' | b' ') {
                i += 1;
            }
            let start = i;
            while i < lower.len()
                && (lower[i].is_ascii_alphanumeric()
                    || matches!(lower[i], b'-' | b'_' | b'.' | b':'))
            {
                i += 1;
            }
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // A page cannot really be UTF-16 if we could read the ASCII declaration.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(enc);
            }
            from = i.max(from + pos + 1);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a file's bytes into text. Fails only for binary data.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Reason> {
    if let Some(what) = sniff_binary(bytes) {
        return Err(Reason::Binary(what));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(enc) = looks_utf16(head) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(text.into_owned());
    }
    let enc = declared(bytes).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new();
        det.feed(bytes, true);
        det.guess(None, true)
    });
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_legacy() {
        assert_eq!(decode(b"\xef\xbb\xbfHello").unwrap(), "Hello");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Привет".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Привет");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251
            .encode("<meta charset=\"windows-1251\"><p>Министр иностранных дел</p>");
        assert!(decode(&cp1251).unwrap().contains("Министр иностранных дел"));
        let (undeclared, _, _) = encoding_rs::WINDOWS_1251
            .encode("Министр иностранных дел Республики Беларусь провёл переговоры с коллегой.");
        assert!(decode(&undeclared).unwrap().contains("Министр"));
    }

    #[test]
    fn binaries() {
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(Reason::Binary("zip archive"))
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n...."),
            Err(Reason::Binary("PNG image"))
        ));
        assert!(matches!(
            decode(b"abc\x00\x01\x02def"),
            Err(Reason::Binary(_))
        ));
    }
}
