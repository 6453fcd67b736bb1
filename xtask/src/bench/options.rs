//! The flags of `cargo xtask bench <sub>`: parsed by hand (xtask has no dependencies), each
//! subcommand naming the ones it accepts.

use super::pg::DEFAULT_SERVER;

/// The flags of every subcommand, with their defaults.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--n 100,1000`: revision counts.
    pub n: Vec<usize>,
    /// `--runs R`: fresh-database runs (apply) or builds (compile) per measurement.
    pub runs: usize,
    /// `--noop-runs K`: `upgrade head` at head, per run.
    pub noop_runs: usize,
    /// `--peers`: also time the other migration tools found on PATH.
    pub peers: bool,
    /// `--server URL`: the PostgreSQL server, without a database.
    pub server: String,
    /// `--release`: compile in the release profile instead of dev.
    pub release: bool,
    /// Everything after `--`, passed to the underlying tool.
    pub rest: Vec<String>,
}

/// A flag a subcommand may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// `--n`
    N,
    /// `--runs`
    Runs,
    /// `--noop-runs`
    NoopRuns,
    /// `--peers`
    Peers,
    /// `--server`
    Server,
    /// `--release`
    Release,
    /// `-- ARGS..`
    Rest,
}

impl Flag {
    fn name(self) -> &'static str {
        match self {
            Flag::N => "--n",
            Flag::Runs => "--runs",
            Flag::NoopRuns => "--noop-runs",
            Flag::Peers => "--peers",
            Flag::Server => "--server",
            Flag::Release => "--release",
            Flag::Rest => "--",
        }
    }
}

/// Parses `args` for a subcommand that accepts `allowed`, starting from `defaults`.
pub fn parse(args: &[String], allowed: &[Flag], defaults: Options) -> Result<Options, String> {
    let mut o = defaults;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let flag = [Flag::N, Flag::Runs, Flag::NoopRuns, Flag::Peers, Flag::Server, Flag::Release, Flag::Rest]
            .into_iter()
            .find(|f| f.name() == name)
            .filter(|f| allowed.contains(f))
            .ok_or_else(|| {
                let accepted: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
                format!("unexpected argument `{arg}` (accepted here: {})", accepted.join(" "))
            })?;
        let mut value = || inline.clone().or_else(|| it.next().cloned()).ok_or(format!("{name} needs a value"));
        match flag {
            Flag::N => o.n = counts(name, &value()?)?,
            Flag::Runs => o.runs = count(name, &value()?)?,
            Flag::NoopRuns => o.noop_runs = count(name, &value()?)?,
            Flag::Server => o.server = value()?,
            Flag::Peers => o.peers = true,
            Flag::Release => o.release = true,
            Flag::Rest => {
                o.rest = it.by_ref().cloned().collect();
            }
        }
    }
    Ok(o)
}

impl Default for Options {
    fn default() -> Self {
        Self {
            n: vec![1000],
            runs: 5,
            noop_runs: 20,
            peers: false,
            server: DEFAULT_SERVER.to_string(),
            release: false,
            rest: Vec::new(),
        }
    }
}

fn count(flag: &str, text: &str) -> Result<usize, String> {
    match text.trim().replace('_', "").parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{flag} takes a positive whole number, not `{text}`")),
    }
}

fn counts(flag: &str, text: &str) -> Result<Vec<usize>, String> {
    text.split(',').map(|part| count(flag, part)).collect()
}

#[cfg(test)]
mod tests {
    use super::{parse, Flag, Options};

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_take_separate_or_inline_values() {
        let all = [Flag::N, Flag::Runs, Flag::Peers];
        let o = parse(&args(&["--n", "50", "--runs=2", "--peers"]), &all, Options::default()).unwrap();
        assert_eq!((o.n, o.runs, o.peers), (vec![50], 2, true));
    }

    #[test]
    fn counts_are_comma_separated_lists() {
        let o = parse(&args(&["--n", "100,1_000"]), &[Flag::N], Options::default()).unwrap();
        assert_eq!(o.n, vec![100, 1000]);
    }

    #[test]
    fn a_flag_the_subcommand_does_not_take_is_rejected_with_the_accepted_ones() {
        let e = parse(&args(&["--peers"]), &[Flag::N], Options::default()).unwrap_err();
        assert!(e.contains("accepted here: --n"), "{e}");
        let e = parse(&args(&["--runs", "0"]), &[Flag::Runs], Options::default()).unwrap_err();
        assert!(e.contains("positive whole number"), "{e}");
    }

    #[test]
    fn arguments_after_the_separator_are_passed_through() {
        let o = parse(&args(&["--", "--warm-up-time", "1"]), &[Flag::Rest], Options::default()).unwrap();
        assert_eq!(o.rest, args(&["--warm-up-time", "1"]));
    }
}
