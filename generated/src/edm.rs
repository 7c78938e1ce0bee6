//! Edm primitive types that JSON carries as strings: dates and times, durations, GUIDs and
//! binary data. Each keeps its wire text exactly (so a value read and written back is
//! unchanged, whatever precision or offset the service used) and offers typed access.
//!
//! Hand-written: the generator copies this file from `templates/edm.rs` unchanged.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! wire_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub String);

        impl $name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        // A field takes its text with one `.into()`: `start_date_time: "2026-12-01T09:00:00Z".into()`.
        impl From<&str> for crate::runtime::Nullable<$name> {
            fn from(s: &str) -> Self {
                crate::runtime::Nullable::Value($name(s.to_string()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name)
            }
        }
    };
}

wire_string!(
    /// `Edm.DateTimeOffset`: an ISO 8601 date and time with offset, `2021-03-14T09:26:53.5897932Z`.
    DateTimeOffset
);
wire_string!(
    /// `Edm.Date`: `2021-03-14`.
    Date
);
wire_string!(
    /// `Edm.TimeOfDay`: `09:26:53.0000000`.
    TimeOfDay
);
wire_string!(
    /// `Edm.Duration`: an ISO 8601 duration, `PT1H30M`.
    Duration
);
wire_string!(
    /// `Edm.Guid`: `b7d1c9a2-5e60-4f3b-8c21-9f4e6a0d1b35`.
    Guid
);
wire_string!(
    /// `Edm.Binary`: base64 text.
    Binary
);

impl DateTimeOffset {
    /// (year, month, day) of the date part, when the text starts with one.
    pub fn date(&self) -> Option<(i32, u32, u32)> {
        ymd(self.0.get(..10)?)
    }
}

impl Date {
    /// (year, month, day).
    pub fn ymd(&self) -> Option<(i32, u32, u32)> {
        ymd(&self.0)
    }
}

fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

impl Duration {
    /// The length in seconds of a day-time duration (`P1DT2H3M4.5S`); `None` for years or
    /// months, whose length depends on the calendar.
    pub fn seconds(&self) -> Option<f64> {
        let (neg, s) = match self.0.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, self.0.as_str()),
        };
        let s = s.strip_prefix('P')?;
        let (days, time) = match s.split_once('T') {
            Some((d, t)) => (d, t),
            None => (s, ""),
        };
        let mut total = 0.0;
        let mut num = String::new();
        for (part, units) in [(days, &[('W', 604_800.0), ('D', 86_400.0)][..]), (time, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)][..])] {
            for c in part.chars() {
                if c.is_ascii_digit() || c == '.' {
                    num.push(c);
                    continue;
                }
                let (_, factor) = units.iter().find(|(u, _)| *u == c)?;
                total += num.parse::<f64>().ok()? * factor;
                num.clear();
            }
        }
        num.is_empty().then_some(if neg { -total } else { total })
    }
}

impl Guid {
    /// The GUID as a number, when the text is one (hyphens and braces allowed).
    pub fn to_u128(&self) -> Option<u128> {
        let hex: String = self.0.chars().filter(|c| !matches!(c, '-' | '{' | '}')).collect();
        if hex.len() != 32 {
            return None;
        }
        u128::from_str_radix(&hex, 16).ok()
    }
}

impl Binary {
    /// The bytes (standard or URL-safe base64, padding optional); `None` when the text is not
    /// base64.
    pub fn decode(&self) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(self.0.len() * 3 / 4);
        let mut acc = 0u32;
        let mut bits = 0;
        for c in self.0.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return None,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
            }
        }
        Some(out)
    }
}
