//! How durations and byte sizes read in messages and output: one style for the library's
//! messages and the CLI's text, formatted by `humantime` and `bytesize` after rounding to what a
//! person reads (nobody needs the nanoseconds of a 3-second step).

use std::time::Duration;

/// A duration as `97us`, `7ms`, `3s 400ms`, `42s`, `2m 5s`: rounded to the microsecond below a
/// millisecond, to the millisecond below a second, to a tenth of a second below ten seconds,
/// and to the second above.
pub fn duration(d: Duration) -> String {
    let step = if d < Duration::from_millis(1) {
        Duration::from_micros(1)
    } else if d < Duration::from_secs(1) {
        Duration::from_millis(1)
    } else if d < Duration::from_secs(10) {
        Duration::from_millis(100)
    } else {
        Duration::from_secs(1)
    };
    humantime::format_duration(round(d, step)).to_string()
}

/// A duration given in milliseconds (the unit of the JSON fields), as [`duration`] reads it;
/// negative and non-finite values read as zero.
pub fn millis(ms: f64) -> String {
    let ms = if ms.is_finite() { ms.max(0.0) } else { 0.0 };
    duration(Duration::from_secs_f64(ms / 1000.0))
}

/// A size in bytes with SI units, as the rates retort assumes are given (MB/s): `96 B`,
/// `8.2 kB`, `16.4 MB`.
pub fn bytes(n: u64) -> String {
    bytesize::ByteSize::b(n).display().si().to_string()
}

/// A count with thousands separators, as the CLI prints counts: `1,000,000`.
pub fn count(n: u64) -> String {
    indicatif::HumanCount(n).to_string()
}

/// `d` rounded to the nearest multiple of `step`.
fn round(d: Duration, step: Duration) -> Duration {
    let step_ns = step.as_nanos().max(1);
    let rounded = (d.as_nanos() + step_ns / 2) / step_ns * step_ns;
    Duration::from_nanos(u64::try_from(rounded).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_to_what_a_person_reads() {
        assert_eq!(duration(Duration::ZERO), "0s");
        assert_eq!(duration(Duration::from_nanos(97_400)), "97us");
        assert_eq!(duration(Duration::from_micros(6_912)), "7ms");
        assert_eq!(duration(Duration::from_millis(850)), "850ms");
        assert_eq!(duration(Duration::from_millis(3_449)), "3s 400ms");
        assert_eq!(duration(Duration::from_millis(12_600)), "13s");
        assert_eq!(duration(Duration::from_secs(125)), "2m 5s");
        assert_eq!(millis(2500.0), "2s 500ms");
        assert_eq!(millis(-1.0), "0s");
    }

    #[test]
    fn sizes_use_si_units() {
        assert_eq!(bytes(96), "96 B");
        assert_eq!(bytes(8192), "8.2 kB");
        assert_eq!(bytes(16_400_000), "16.4 MB");
    }
}
