//! Medians, minima and maxima of timed samples: all the statistics a wall-clock benchmark of whole
//! processes needs (the noise is the machine's, not the estimator's).

use std::time::Duration;

use super::json::Json;

/// The wall times of one measurement, in seconds.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    secs: Vec<f64>,
}

impl Samples {
    /// Records one sample.
    pub fn push(&mut self, elapsed: Duration) {
        self.secs.push(elapsed.as_secs_f64());
    }

    /// Whether nothing was recorded (e.g. a peer that failed on its first run).
    pub fn is_empty(&self) -> bool {
        self.secs.is_empty()
    }

    /// The median (the mean of the middle two for an even count); NaN when empty.
    pub fn median(&self) -> f64 {
        let mut sorted = self.secs.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        }
    }

    /// The fastest sample; NaN when empty.
    pub fn min(&self) -> f64 {
        self.secs.iter().copied().reduce(f64::min).unwrap_or(f64::NAN)
    }

    /// The slowest sample; NaN when empty.
    pub fn max(&self) -> f64 {
        self.secs.iter().copied().reduce(f64::max).unwrap_or(f64::NAN)
    }

    /// `{"median_s", "min_s", "max_s", "samples_s": [..]}`.
    pub fn to_json(&self) -> Json {
        Json::object([
            ("median_s", Json::Num(self.median())),
            ("min_s", Json::Num(self.min())),
            ("max_s", Json::Num(self.max())),
            ("samples_s", Json::Arr(self.secs.iter().map(|s| Json::Num(*s)).collect())),
        ])
    }
}

/// A duration in seconds, shown with a unit that keeps three significant digits readable.
pub fn human(secs: f64) -> String {
    if !secs.is_finite() {
        "-".to_string()
    } else if secs < 0.0 {
        format!("-{}", human(-secs))
    } else if secs >= 10.0 {
        format!("{secs:.1} s")
    } else if secs >= 1.0 {
        format!("{secs:.2} s")
    } else if secs >= 0.001 {
        format!("{:.1} ms", secs * 1e3)
    } else {
        format!("{:.0} µs", secs * 1e6)
    }
}

/// `a / b` as `1.23×`, or `-` when either side is missing.
pub fn ratio(a: f64, b: f64) -> String {
    let r = a / b;
    if r.is_finite() {
        format!("{r:.2}×")
    } else {
        "-".to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{human, Samples};

    fn samples(ms: &[u64]) -> Samples {
        let mut s = Samples::default();
        for m in ms {
            s.push(Duration::from_millis(*m));
        }
        s
    }

    #[test]
    fn median_of_an_odd_count_is_the_middle_sample() {
        assert_eq!(samples(&[30, 10, 20]).median(), 0.02);
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(samples(&[40, 10, 20, 30]).median(), 0.025);
        assert_eq!(samples(&[40, 10, 20, 30]).min(), 0.01);
        assert_eq!(samples(&[40, 10, 20, 30]).max(), 0.04);
    }

    #[test]
    fn no_samples_have_no_median() {
        assert!(Samples::default().median().is_nan());
        assert_eq!(human(Samples::default().median()), "-");
    }

    #[test]
    fn durations_are_shown_with_a_fitting_unit() {
        assert_eq!(human(2.9712), "2.97 s");
        assert_eq!(human(0.0123), "12.3 ms");
        assert_eq!(human(0.000_45), "450 µs");
        assert_eq!(human(-0.0035), "-3.5 ms");
    }
}
