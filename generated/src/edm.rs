//! Edm primitive types that JSON carries as strings: dates and times, durations, GUIDs and
//! binary data. Each keeps its wire text exactly (so a value read and written back is
//! unchanged, whatever precision or offset the service used) and offers typed access.
//!
//! Hand-written: the generator copies this file from `templates/edm.rs` unchanged.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

// Equality is the wire text's (a value read and written back is the same value). Order is
// the text's too, except for `DateTimeOffset`, ordered by the instant it names.
macro_rules! wire_string {
    ($(#[$doc:meta])* $name:ident) => {
        wire_string!($(#[$doc])* #[derive(PartialOrd, Ord)] $name by_instant);
    };
    ($(#[$doc:meta])* $name:ident by_instant) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct $name(pub String);

        impl $name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        // As `String` derefs to `str`: `Nullable::as_deref` gives the text (`Option<&str>`) of a
        // GUID or a date as it does of a string.
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
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

        // `"PT1H".parse::<Duration>()`, as `String` parses: the text is kept as it is, as
        // `From<&str>` keeps it (the typed accessors read it).
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name(s.to_string()))
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
    /// Ordered by the instant (`10:00+02:00` before `09:00Z`), then by text, so that only equal
    /// texts compare equal; a text that names no instant sorts before every one that does.
    DateTimeOffset by_instant
);

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.to_unix(), &self.0).cmp(&(other.to_unix(), &other.0))
    }
}
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

    /// The UTC time `seconds` after 1970-01-01 (before it when negative), in whole seconds:
    /// `2026-12-05T07:00:00Z`. With [`now`](Self::now), the window of a calendar view:
    /// `DateTimeOffset::from_unix(now + 7 * 86_400)`.
    pub fn from_unix(seconds: i64) -> Self {
        let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let (y, m, d) = civil(days);
        DateTimeOffset(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60))
    }

    /// The instant as (seconds since 1970-01-01 UTC, nanoseconds), from
    /// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` and an offset (`Z`, `+01:00`, `-0800`; none is
    /// read as UTC, as Graph means it); `None` when the text is not such a time.
    pub fn to_unix(&self) -> Option<(i64, u32)> {
        let s = self.0.trim();
        let (y, m, d) = ymd(s.get(..10)?)?;
        let rest = s.get(10..)?.strip_prefix(['T', 't', ' '])?;
        let split = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
        let (time, offset) = rest.split_at(split);
        let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
        let mut parts = hms.split(':');
        let mut field = |max: u32| parts.next().map(|p| p.parse::<u32>().ok().filter(|v| p.len() == 2 && *v <= max));
        let (h, min, sec) = (field(23)??, field(59)??, field(60).unwrap_or(Some(0))?);
        if parts.next().is_some() || fraction.bytes().any(|b| !b.is_ascii_digit()) || (time.contains('.') && fraction.is_empty()) {
            return None;
        }
        let nanos = fraction.bytes().chain(std::iter::repeat(b'0')).take(9).fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        let offset_secs = match offset {
            "" | "Z" | "z" => 0,
            _ => {
                let sign = if offset.starts_with('-') { -1 } else { 1 };
                let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let (oh, om) = (digits[..2].parse::<i64>().ok()?, digits[2..].parse::<i64>().ok()?);
                sign * (oh * 3600 + om * 60)
            }
        };
        let days = days_from_civil(i64::from(y), m, d);
        Some((days * 86_400 + i64::from(h * 3600 + min * 60 + sec) - offset_secs, nanos))
    }

    /// Seconds since 1970-01-01 UTC by this machine's clock (negative before it).
    pub fn unix_now() -> i64 {
        match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }

    /// The current UTC time, in whole seconds.
    pub fn now() -> Self {
        Self::from_unix(Self::unix_now())
    }
}

/// (year, month, day) of the day `days` after 1970-01-01, in the proleptic Gregorian calendar
/// (the days-to-civil conversion of Howard Hinnant's date algorithms, by 400-year eras).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The day number (from 1970-01-01) of a proleptic Gregorian date: the inverse of [`civil`].
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
    /// The base64 text of `bytes` (standard alphabet, padded), as Graph takes it: a file
    /// attachment's `contentBytes`.
    pub fn encode(bytes: impl AsRef<[u8]>) -> Self {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let bytes = bytes.as_ref();
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..4 {
                let c = if i <= chunk.len() { char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]) } else { '=' };
                out.push(c);
            }
        }
        Binary(out)
    }

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
