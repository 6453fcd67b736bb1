//! One revision file as `migrations!()` needs it: lexed once, each `migration!` parsed,
//! evaluated and checked as its own expansion would be, and its registration ready, so that a
//! clean file need not be declared as a module (and expanded by rustc) at all. Plain data, so
//! that `cache.rs` can keep it across builds, keyed by the file's content.

use serde::{Deserialize, Serialize};

use retort_source::folder::{self, Header};
use retort_source::objects::Facts;
use retort_source::project::Project;

use crate::error::Errors;
use crate::eval::{self, Evaluated};
use crate::parse::{self, Migration};
use crate::registration::Registration;
use crate::validate::{pairing, safety, transaction, wellformed};

/// What a file's text says, whatever the chain around it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Analysis {
    /// Why the text is not Rust tokens, if so.
    pub error: Option<String>,
    /// Whether the file holds nothing but its revisions ([`folder::Scan::plain`]).
    pub plain: bool,
    /// Its `migration!` invocations, in order.
    pub revisions: Vec<Analyzed>,
}

/// One `migration!` of a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Analyzed {
    /// What the graph rules read.
    pub header: Header,
    /// The line `line!()` gives in its expansion.
    pub line: usize,
    /// Its ops for the schema fold; `None` when it does not parse.
    pub fold: Option<folder::Revision>,
    /// What it registers, when it has no error of its own (the chain's and the safety rules'
    /// findings aside, which depend on the other files): the JSON object of its
    /// `retort::RevisionTable` entry but `source`, serialized once, here, so that a build that
    /// reads it from the cache only pastes it into the table. The cache stores it apart.
    #[serde(skip)]
    pub registration: Option<String>,
    /// The safety rules' verdict, for the facts it was reached with: `true` when they found
    /// nothing to report, no warning either.
    pub safety: Option<(Facts, bool)>,
}

/// The parsed form of each invocation, while it is in memory (it is not kept in the cache).
pub(crate) type Parsed = Vec<Option<(Migration, Evaluated)>>;

/// Analyses `text`; the parsed invocations come back too, for [`safety_clean`].
pub(crate) fn analyze(text: &str) -> (Analysis, Parsed) {
    let scan = match folder::scan(text) {
        Ok(scan) => scan,
        Err(e) => return (Analysis { error: Some(e), plain: false, revisions: Vec::new() }, Vec::new()),
    };
    let mut revisions = Vec::new();
    let mut parsed = Vec::new();
    for invocation in scan.invocations {
        let (analyzed, m) = revision(invocation);
        revisions.push(analyzed);
        parsed.push(m);
    }
    (Analysis { error: None, plain: scan.plain, revisions }, parsed)
}

/// Parse, evaluate and the checks that need nothing but the revision, as `migration!` runs them.
fn revision(invocation: folder::Invocation) -> (Analyzed, Option<(Migration, Evaluated)>) {
    let mut errors = Errors::new();
    let mut analyzed =
        Analyzed { header: invocation.header, line: invocation.line, fold: None, registration: None, safety: None };
    let m = match parse::parse(invocation.body, &mut errors) {
        Ok(m) => m,
        Err(e) => {
            errors.push(e);
            // Its own `migration!` reports the errors; here they only keep it a module.
            let _ = errors.finish();
            return (analyzed, None);
        }
    };
    let ev = eval::evaluate(&m, &mut errors);
    // As `folder::revisions` reads it for the fold: complete when it parsed and evaluated cleanly.
    let complete = ev.complete(&m) && errors.is_empty();
    analyzed.fold = Some(folder::Revision {
        up: ev.up.clone(),
        down: ev.down.clone(),
        transaction: m.transaction_mode(),
        complete,
    });
    wellformed::check(&m, &ev, &mut errors);
    transaction::check(&m, &ev, &mut errors);
    pairing::check(&m, &ev, &mut errors);
    if errors.is_empty() {
        // A registration that cannot be serialized (none can) leaves the file a module.
        analyzed.registration = serde_json::to_string(&Registration::checked(&m, &ev)).ok();
    }
    let _ = errors.finish();
    (analyzed, Some((m, ev)))
}

/// Whether the safety rules find nothing in a revision (no error, no warning) under `facts`.
pub(crate) fn safety_clean(m: &Migration, ev: &Evaluated, facts: &Facts, project: &Project) -> bool {
    let mut errors = Errors::new();
    let warnings = safety::check(m, ev, facts, project, &mut errors);
    let clean = warnings.is_empty() && errors.is_empty();
    let _ = errors.finish();
    clean
}
