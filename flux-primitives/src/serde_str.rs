//! One serde form for every type that has a canonical text form: serialize with `Display`,
//! deserialize with `FromStr`. Keeps JSON identical to what `to_string()`/`parse()` give.

/// Implements `Serialize` (via `Display`) and `Deserialize` (via `FromStr`) for a type.
macro_rules! serde_via_str {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_via_str;
