//! The consensus wire codec: one [`Encode`]/[`Decode`] trait pair, a bounded slice
//! [`Reader`], and Bitcoin's `CompactSize` length prefix.
//!
//! Decoding is slice-based and never trusts a length prefix: a `CompactSize` above
//! [`MAX_COMPACT_SIZE`] is refused, non-canonical encodings are refused (as fluxd's
//! `ReadCompactSize` does), and a vector is only pre-allocated for as many elements as the
//! remaining bytes could possibly hold. Every error carries the byte offset at which it
//! happened.
//!
//! ```
//! use flux_primitives::codec::{decode_exact, encode_to_vec, CompactSize};
//!
//! let bytes = encode_to_vec(&CompactSize(0x1234));
//! assert_eq!(bytes, [0xfd, 0x34, 0x12]);
//! let back: CompactSize = decode_exact(&bytes).unwrap();
//! assert_eq!(back.0, 0x1234);
//! // fluxd refuses a non-canonical encoding of a small number:
//! assert!(decode_exact::<CompactSize>(&[0xfd, 0x05, 0x00]).is_err());
//! ```

use crate::Error;

/// Largest value fluxd accepts in a `CompactSize` (`MAX_SIZE` in `serialize.h`, 32 MiB).
pub const MAX_COMPACT_SIZE: u64 = 0x0200_0000;

/// A value that has exactly one consensus serialization.
///
/// Encoding cannot fail: a value that exists can be written.
pub trait Encode {
    /// Appends the serialization of `self` to `out`.
    fn encode(&self, out: &mut Vec<u8>);

    /// The exact number of bytes [`Encode::encode`] writes. The default encodes into a
    /// scratch buffer; types on hot paths override it.
    fn encoded_len(&self) -> usize {
        let mut v = Vec::new();
        self.encode(&mut v);
        v.len()
    }
}

/// A value that can be read from consensus bytes.
///
/// Each type names its own error, so a decoder built from others (a block of
/// transactions) keeps their typed errors instead of flattening them into this crate's;
/// every such error can still hold this crate's codec errors (`From<Error>`).
pub trait Decode: Sized {
    /// What can go wrong (this crate's [`Error`] for the types defined here).
    type Error: From<Error>;

    /// Reads one value from `r`, advancing it.
    fn decode(r: &mut Reader<'_>) -> Result<Self, Self::Error>;
}

/// Serializes `value` into a new vector.
pub fn encode_to_vec<T: Encode + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.encode(&mut out);
    out
}

/// Decodes one `T` from the whole of `bytes`; bytes left over are an error
/// ([`Error::TrailingBytes`], converted into `T`'s error).
pub fn decode_exact<T: Decode>(bytes: &[u8]) -> Result<T, T::Error> {
    let mut r = Reader::new(bytes);
    let value = T::decode(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// A cursor over a byte slice that remembers its offset for error messages.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading at the beginning of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }

    /// Offset of the next byte to be read, from the start of the buffer.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Number of bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The bytes consumed between offset `start` and the current position (for hashing a
    /// span exactly as it was received).
    pub fn consumed_since(&self, start: usize) -> &'a [u8] {
        self.data.get(start..self.pos).unwrap_or_default()
    }

    /// The bytes not yet read, without consuming them.
    pub fn peek_rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    /// Errors with [`Error::TrailingBytes`] unless every byte has been read.
    pub fn finish(&self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::TrailingBytes {
                offset: self.pos,
                remaining: self.remaining(),
            })
        }
    }

    /// Reads `n` bytes.
    pub fn read_bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end.and_then(|end| self.data.get(self.pos..end).map(|s| (s, end))) {
            Some((slice, end)) => {
                self.pos = end;
                Ok(slice)
            }
            None => Err(Error::UnexpectedEof {
                offset: self.pos,
                needed: n,
                remaining: self.remaining(),
            }),
        }
    }

    /// Reads a fixed-size array.
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let slice = self.read_bytes(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    /// Reads one byte.
    pub fn read_u8(&mut self) -> Result<u8, Error> {
        Ok(self.read_array::<1>()?[0])
    }

    /// Reads a little-endian `u16`.
    pub fn read_u16(&mut self) -> Result<u16, Error> {
        Ok(u16::from_le_bytes(self.read_array()?))
    }

    /// Reads a little-endian `u32`.
    pub fn read_u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.read_array()?))
    }

    /// Reads a little-endian `i32`.
    pub fn read_i32(&mut self) -> Result<i32, Error> {
        Ok(i32::from_le_bytes(self.read_array()?))
    }

    /// Reads a little-endian `u64`.
    pub fn read_u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.read_array()?))
    }

    /// Reads a little-endian `i64`.
    pub fn read_i64(&mut self) -> Result<i64, Error> {
        Ok(i64::from_le_bytes(self.read_array()?))
    }

    /// Reads a canonical `CompactSize` no larger than [`MAX_COMPACT_SIZE`].
    pub fn read_compact_size(&mut self) -> Result<u64, Error> {
        let offset = self.pos;
        let value = self.read_compact_size_unchecked()?;
        if value > MAX_COMPACT_SIZE {
            return Err(Error::CompactSizeTooLarge { offset, value });
        }
        Ok(value)
    }

    /// Reads a canonical `CompactSize` without the 32 MiB cap, for the few places where
    /// fluxd reads one with `ReadCompactSize(s, false)`. Non-canonical forms are still refused.
    pub fn read_compact_size_unchecked(&mut self) -> Result<u64, Error> {
        let offset = self.pos;
        let first = self.read_u8()?;
        let (value, min) = match first {
            0xfd => (u64::from(self.read_u16()?), 0xfd),
            0xfe => (u64::from(self.read_u32()?), 0x1_0000),
            0xff => (self.read_u64()?, 0x1_0000_0000),
            small => return Ok(u64::from(small)),
        };
        if value < min {
            return Err(Error::NonCanonicalCompactSize { offset, value });
        }
        Ok(value)
    }

    /// Reads a `CompactSize` element count and checks that `min_element_size` bytes per
    /// element could still follow, so that no caller allocates for elements that cannot exist.
    pub fn read_count(&mut self, min_element_size: usize) -> Result<usize, Error> {
        let offset = self.pos;
        let count = self.read_compact_size()?;
        let count = usize::try_from(count).map_err(|_| Error::CompactSizeTooLarge {
            offset,
            value: count,
        })?;
        let needed = count.saturating_mul(min_element_size.max(1));
        if min_element_size > 0 && needed > self.remaining() {
            return Err(Error::CountExceedsInput {
                offset,
                count: count as u64,
                remaining: self.remaining(),
            });
        }
        Ok(count)
    }

    /// Reads a `CompactSize`-prefixed byte string (`std::vector<unsigned char>` in fluxd).
    pub fn read_var_bytes(&mut self) -> Result<&'a [u8], Error> {
        let offset = self.pos;
        let len = self.read_compact_size()?;
        let len =
            usize::try_from(len).map_err(|_| Error::CompactSizeTooLarge { offset, value: len })?;
        self.read_bytes(len)
    }

    /// Reads a `CompactSize`-prefixed vector of `T`, each element at least
    /// `min_element_size` bytes long on the wire (used to bound the allocation).
    pub fn read_vec<T: Decode>(&mut self, min_element_size: usize) -> Result<Vec<T>, T::Error> {
        let count = self.read_count(min_element_size)?;
        // Never reserve more than the remaining bytes could describe.
        let mut out = Vec::with_capacity(count.min(self.remaining() / min_element_size.max(1)));
        for _ in 0..count {
            out.push(T::decode(self)?);
        }
        Ok(out)
    }
}

/// Writes `value` as a `CompactSize`.
pub fn write_compact_size(out: &mut Vec<u8>, value: u64) {
    match value {
        0..=0xfc => out.push(value as u8),
        0xfd..=0xffff => {
            out.push(0xfd);
            out.extend_from_slice(&(value as u16).to_le_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(0xfe);
            out.extend_from_slice(&(value as u32).to_le_bytes());
        }
        _ => {
            out.push(0xff);
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
}

/// Number of bytes a `CompactSize` of `value` takes.
pub fn compact_size_len(value: u64) -> usize {
    match value {
        0..=0xfc => 1,
        0xfd..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

/// Writes a `CompactSize`-prefixed byte string.
pub fn write_var_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    write_compact_size(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Writes a `CompactSize`-prefixed vector.
pub fn write_vec<T: Encode>(out: &mut Vec<u8>, items: &[T]) {
    write_compact_size(out, items.len() as u64);
    for item in items {
        item.encode(out);
    }
}

/// A `CompactSize` as a value of its own (canonical, capped at [`MAX_COMPACT_SIZE`] on decode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CompactSize(pub u64);

impl Encode for CompactSize {
    fn encode(&self, out: &mut Vec<u8>) {
        write_compact_size(out, self.0);
    }
    fn encoded_len(&self) -> usize {
        compact_size_len(self.0)
    }
}

impl Decode for CompactSize {
    type Error = Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.read_compact_size().map(CompactSize)
    }
}

macro_rules! impl_int_codec {
    ($($t:ty => $read:ident),*) => {$(
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn encoded_len(&self) -> usize {
                core::mem::size_of::<$t>()
            }
        }
        impl Decode for $t {
            type Error = Error;
            fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
                r.$read()
            }
        }
    )*};
}

impl_int_codec!(u8 => read_u8, u16 => read_u16, u32 => read_u32, i32 => read_i32, u64 => read_u64, i64 => read_i64);

impl<const N: usize> Encode for [u8; N] {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
    fn encoded_len(&self) -> usize {
        N
    }
}

impl<const N: usize> Decode for [u8; N] {
    type Error = Error;
    fn decode(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.read_array()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_size_boundaries_round_trip() {
        for v in [
            0u64,
            0xfc,
            0xfd,
            0xffff,
            0x1_0000,
            0x00ff_ffff,
            MAX_COMPACT_SIZE,
        ] {
            let bytes = encode_to_vec(&CompactSize(v));
            assert_eq!(bytes.len(), compact_size_len(v));
            assert_eq!(decode_exact::<CompactSize>(&bytes).unwrap().0, v);
        }
    }

    #[test]
    fn compact_size_refuses_non_canonical_and_huge() {
        let cases: [(&[u8], &str); 4] = [
            (&[0xfd, 0xfc, 0x00], "non-canonical"),
            (&[0xfe, 0xff, 0xff, 0x00, 0x00], "non-canonical"),
            (&[0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], "non-canonical"),
            (&[0xfe, 0x01, 0x00, 0x00, 0x02], "larger than"),
        ];
        for (bytes, what) in cases {
            let err = decode_exact::<CompactSize>(bytes).unwrap_err();
            assert!(err.to_string().contains(what), "{err}");
        }
        // The uncapped reader still accepts a canonical large value.
        let mut r = Reader::new(&[0xfe, 0x01, 0x00, 0x00, 0x02]);
        assert_eq!(r.read_compact_size_unchecked().unwrap(), 0x0200_0001);
    }

    #[test]
    fn truncation_reports_offset_and_need() {
        let err = decode_exact::<u32>(&[1, 2]).unwrap_err();
        assert_eq!(
            err,
            Error::UnexpectedEof {
                offset: 0,
                needed: 4,
                remaining: 2
            }
        );
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let err = decode_exact::<u8>(&[1, 2, 3]).unwrap_err();
        assert_eq!(
            err,
            Error::TrailingBytes {
                offset: 1,
                remaining: 2
            }
        );
    }

    #[test]
    fn huge_count_does_not_allocate() {
        // Claims 0x0200_0000 four-byte elements but carries none.
        let bytes = [0xfe, 0x00, 0x00, 0x00, 0x02];
        let err = Reader::new(&bytes).read_vec::<u32>(4).unwrap_err();
        assert!(matches!(err, Error::CountExceedsInput { .. }), "{err}");
    }
}
