//! Decoding of unpadded base64url (RFC 7515 §2), for peeking into a token header that
//! `jsonwebtoken` refused to parse.

/// Decodes unpadded base64url; `None` on any character outside the alphabet or an
/// impossible length.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for byte in text.bytes() {
        buffer = (buffer << 6) | u32::from(sextet(byte)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn sextet(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_unpadded_base64url() {
        assert_eq!(decode("").as_deref(), Some(&b""[..]));
        assert_eq!(decode("Zg").as_deref(), Some(&b"f"[..]));
        assert_eq!(decode("Zm8").as_deref(), Some(&b"fo"[..]));
        assert_eq!(decode("Zm9v").as_deref(), Some(&b"foo"[..]));
        assert_eq!(decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(
            decode("eyJhbGciOiJub25lIn0").as_deref(),
            Some(&br#"{"alg":"none"}"#[..])
        );
    }

    #[test]
    fn refuses_padding_standard_alphabet_and_bad_lengths() {
        for bad in ["Zg==", "a+b/", "Z", "Zm9vY", "Zm 9"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }
}
