//! Base58 and Base58Check, as fluxd's `base58.cpp` defines them (Bitcoin's alphabet).
//!
//! Base58Check appends the first four bytes of SHA-256d of the payload. Every transparent
//! and Sprout address, WIF key and BIP32 extended key is a Base58Check string.
//!
//! ```
//! use flux_primitives::base58;
//!
//! assert_eq!(base58::encode(&[0x61]), "2g");
//! assert_eq!(base58::decode("2g").unwrap(), vec![0x61]);
//! let s = base58::encode_check(&[0x1c, 0xb8, 0, 0]);
//! assert_eq!(base58::decode_check(&s).unwrap(), vec![0x1c, 0xb8, 0, 0]);
//! ```

use crate::hash::sha256d;
use crate::Error;

/// Length of the Base58Check checksum.
pub const CHECKSUM_LEN: usize = 4;

/// Encodes bytes as Base58 (leading zero bytes become leading `1`s).
pub fn encode(data: &[u8]) -> String {
    bs58::encode(data).into_string()
}

/// Decodes a Base58 string. Whitespace is not skipped: every character must be in the
/// alphabet.
pub fn decode(s: &str) -> Result<Vec<u8>, Error> {
    bs58::decode(s).into_vec().map_err(|e| match e {
        bs58::decode::Error::InvalidCharacter { character, index } => {
            Error::InvalidBase58Character {
                character,
                position: index,
            }
        }
        bs58::decode::Error::NonAsciiCharacter { index } => Error::InvalidBase58Character {
            character: s
                .get(index..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER),
            position: index,
        },
        // `into_vec` sizes its own buffer; any other error is reported as a bad string.
        other => Error::InvalidBase58Character {
            character: char::REPLACEMENT_CHARACTER,
            position: other.to_string().len().min(s.len()),
        },
    })
}

/// The Base58Check checksum of `payload`: the first four bytes of its SHA-256d.
pub fn checksum(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    let h = sha256d(payload);
    [h[0], h[1], h[2], h[3]]
}

/// Encodes `payload` followed by its checksum as Base58.
pub fn encode_check(payload: &[u8]) -> String {
    let mut v = Vec::with_capacity(payload.len() + CHECKSUM_LEN);
    v.extend_from_slice(payload);
    v.extend_from_slice(&checksum(payload));
    encode(&v)
}

/// Decodes a Base58Check string and returns the payload without its checksum.
///
/// Errors: [`Error::InvalidBase58Character`], [`Error::InvalidLength`] when fewer than four
/// bytes decode, [`Error::BadChecksum`].
pub fn decode_check(s: &str) -> Result<Vec<u8>, Error> {
    let mut data = decode(s)?;
    let split = data
        .len()
        .checked_sub(CHECKSUM_LEN)
        .ok_or(Error::InvalidLength {
            what: "base58check data",
            expected: crate::error::Expected::AtLeast(4),
            actual: data.len(),
        })?;
    let found = data.split_off(split);
    let expected = checksum(&data);
    if found != expected {
        return Err(Error::BadChecksum {
            expected,
            found: found.try_into().unwrap_or_default(),
        });
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(
            decode("2g0"),
            Err(Error::InvalidBase58Character {
                character: '0',
                position: 2
            })
        );
        assert!(matches!(
            decode("2é"),
            Err(Error::InvalidBase58Character { position: 1, .. })
        ));
        assert!(matches!(
            decode_check("2g"),
            Err(Error::InvalidLength { actual: 1, .. })
        ));
        let mut s = encode_check(b"flux").into_bytes();
        let last = s.len() - 1;
        s[last] = if s[last] == b'2' { b'3' } else { b'2' };
        assert!(matches!(
            decode_check(std::str::from_utf8(&s).unwrap()),
            Err(Error::BadChecksum { .. })
        ));
    }
}
