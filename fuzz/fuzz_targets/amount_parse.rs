//! Amount strings: never panic; whatever parses formats back to the same value.
#![no_main]

use flux_primitives::amount::parse_fixed_point;
use flux_primitives::{Amount, SignedAmount};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = core::str::from_utf8(data) {
        if let Ok(a) = s.parse::<Amount>() {
            assert_eq!(a.to_string().parse::<Amount>().unwrap(), a);
            assert_eq!(a.to_flux_string().parse::<Amount>().unwrap(), a);
            assert_eq!(parse_fixed_point(s).unwrap(), a.to_zat());
        }
        if let Ok(a) = s.parse::<SignedAmount>() {
            assert_eq!(a.to_string().parse::<SignedAmount>().unwrap(), a);
        }
        if let Ok(zat) = parse_fixed_point(s) {
            let v = SignedAmount::from_zat(zat);
            assert_eq!(parse_fixed_point(&v.to_string()).unwrap(), zat);
        }
    }
    if let Some(bytes) = data.get(..8) {
        let mut le = [0u8; 8];
        le.copy_from_slice(bytes);
        let zat = i64::from_le_bytes(le);
        let v = SignedAmount::from_zat(zat);
        assert_eq!(
            parse_fixed_point(&v.to_string()).ok().map(|_| ()),
            (zat.unsigned_abs() < 1_000_000_000_000_000_000).then_some(())
        );
        if let Ok(a) = Amount::from_zat(zat) {
            assert_eq!(a.to_string().parse::<Amount>().unwrap(), a);
        }
    }
});
