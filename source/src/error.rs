//! Errors: the accumulator every phase records into, and the catalogue of the macro's own messages
//! (the safety rules' texts live in `crate::safety`, shared with `retort lint`).

use proc_macro2::{Ident, Span, TokenStream, TokenTree};

/// A source range: from the first token of something to its last. Errors spanning a range
/// underline all of it, which single spans cannot do on stable.
#[derive(Debug, Clone, Copy)]
pub struct SpanRange {
    /// The first token.
    pub start: Span,
    /// The last token.
    pub end: Span,
}

impl SpanRange {
    /// The range of one token.
    pub fn single(span: Span) -> Self {
        SpanRange { start: span, end: span }
    }

    /// An error underlining the range.
    pub fn error(self, message: impl std::fmt::Display) -> syn::Error {
        // `syn::Error::new_spanned` takes the range from the first and last token it is given.
        let tokens: TokenStream =
            [TokenTree::Ident(Ident::new("start", self.start)), TokenTree::Ident(Ident::new("end", self.end))]
                .into_iter()
                .collect();
        syn::Error::new_spanned(tokens, message)
    }
}

/// Collects the errors of one invocation so that they are reported together (serde's `Ctxt`).
///
/// It must be consumed by [`Errors::propagate`] or [`Errors::finish`]: dropping it with errors
/// unreported is a bug in the macro, caught by a panic in tests.
pub struct Errors {
    errors: Option<Vec<syn::Error>>,
}

impl Default for Errors {
    fn default() -> Self {
        Self::new()
    }
}

impl Errors {
    /// An empty collector.
    pub fn new() -> Self {
        Errors { errors: Some(Vec::new()) }
    }

    /// Records an error.
    pub fn push(&mut self, error: syn::Error) {
        if let Some(errors) = &mut self.errors {
            errors.push(error);
        }
    }

    /// An error underlining `range`.
    pub fn at(&mut self, range: SpanRange, message: impl std::fmt::Display) {
        self.push(range.error(message));
    }

    /// One mistake shown at two places (e.g. an `up` op and the `down` op that fails to undo it).
    pub fn pair(
        &mut self,
        first: SpanRange,
        first_message: impl std::fmt::Display,
        second: SpanRange,
        second_message: impl std::fmt::Display,
    ) {
        let mut error = first.error(first_message);
        error.combine(second.error(second_message));
        self.push(error);
    }

    /// Whether no error is recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.as_ref().is_none_or(Vec::is_empty)
    }

    /// A phase boundary: every error so far, combined into one, if there is any.
    pub fn propagate(&mut self) -> syn::Result<()> {
        let errors = self.errors.as_mut().map(std::mem::take).unwrap_or_default();
        match errors.into_iter().reduce(|mut all, e| {
            all.combine(e);
            all
        }) {
            None => Ok(()),
            Some(all) => Err(all),
        }
    }

    /// The last boundary: consumes the collector.
    pub fn finish(mut self) -> syn::Result<()> {
        let result = self.propagate();
        self.errors = None;
        result
    }
}

impl Drop for Errors {
    #[allow(clippy::panic)] // the drop bomb: an unchecked collector is a bug in the macro, not in user input
    fn drop(&mut self) {
        if !std::thread::panicking() && !self.is_empty() {
            panic!("retort-macros: errors were collected and never reported");
        }
    }
}

/// The macro's own messages, one function each, so that their wording is kept in one place.
pub mod msg {
    use crate::safety::Rule;

    /// Every header option and block keyword, for "did you mean".
    pub const HEADER_OPTIONS: &[&str] = &[
        "revision",
        "parent",
        "parents",
        "branch_label",
        "branch_labels",
        "depends_on",
        "transaction",
        "lock_timeout",
        "statement_timeout",
        "lock_retries",
        "up",
        "down",
        "irreversible",
    ];

    /// An option the header does not know.
    pub fn unknown_option(name: &str) -> String {
        let close = crate::ops::dsl::closest(name, HEADER_OPTIONS);
        match close.first() {
            Some(best) => format!("unknown option `{name}`; did you mean `{best}`?"),
            None => format!("unknown option `{name}`; the options are {}", quoted(HEADER_OPTIONS)),
        }
    }

    /// An option or block given twice.
    pub fn duplicate_option(name: &str) -> String {
        format!("`{name}` is given twice; keep one")
    }

    /// A duration that does not parse.
    pub fn bad_duration(key: &str, value: &str) -> String {
        format!("`{key}: \"{value}\"` is not a duration; write a whole number with a unit: `\"500ms\"`, `\"2s\"` or `\"1min\"`")
    }

    /// A duration over PostgreSQL's limit.
    pub fn duration_too_long(key: &str, value: &str) -> String {
        format!("`{key}: \"{value}\"` is longer than PostgreSQL accepts (about 24 days); give a shorter duration")
    }

    /// A zero `lock_timeout`, which would wait forever.
    pub fn zero_lock_timeout() -> &'static str {
        "`lock_timeout: \"0\"` would let each attempt wait for its lock without limit, queueing every later query on the table behind it; give a short duration such as `\"2s\"` (it bounds each attempt: the retries still follow), or remove the key to keep the configured schedule"
    }

    /// A `lock_retries` out of range.
    pub fn bad_lock_retries(max: u16) -> String {
        format!("`lock_retries` is how many retries of the configured schedule this revision keeps: a whole number from 0 (no retry) to {max}")
    }

    /// No `revision:`.
    pub fn missing_revision() -> &'static str {
        "missing `revision: \"<id>\"`: every revision needs a unique id (`cargo xtask migrate new` writes one)"
    }

    /// No `parent:`.
    pub fn missing_parent() -> &'static str {
        "missing `parent`: write `parent: \"<id>\"`, `parents: [\"<id>\", \"<id>\"]` for a merge, or `parent: none` for the first revision"
    }

    /// No `up { .. }`.
    pub fn missing_up() -> &'static str {
        "missing `up { .. }`: write the revision's ops inside it"
    }

    /// An id or label with characters targets could not name.
    pub fn bad_id(what: &str, id: &str, problem: &str) -> String {
        let id = if id.is_empty() { String::new() } else { format!(" `{id}`") };
        format!("{what}{id} {problem}; ids are letters, digits and `_`, at most 32 bytes (`@ - + :` and spaces would read as targets like `label@head`, `-1` or `a:b`)")
    }

    /// An id or label spelled like a target word.
    pub fn reserved_id(what: &str, id: &str) -> String {
        if what == "parent id" && id == "base" {
            return "parent id `base` is a reserved word, not a revision: for the first revision of a chain write `parent: none`".to_string();
        }
        format!("{what} `{id}` is a reserved word: targets read `head`, `heads`, `base` and `current` as positions in the chain, so this one could never be named; choose another (`migrate new` writes random hex ids)")
    }

    /// An empty `up` outside a merge.
    pub fn empty_up() -> &'static str {
        "`up` is empty: a revision with nothing to apply would still be recorded as applied; write its ops here, or delete the file if it is not needed (only a merge, with `parents: [..]`, may be empty)"
    }

    /// A revision naming itself as its parent.
    pub fn own_parent(id: &str) -> String {
        format!("revision `{id}` names itself as its parent; a parent is the revision this one follows")
    }

    /// `parents: [..]` with fewer than two.
    pub fn merge_needs_two() -> &'static str {
        "a merge has two or more parents; for one parent write `parent: \"<id>\"`, for none `parent: none`"
    }

    /// A parent listed twice.
    pub fn duplicate_parent(id: &str) -> String {
        format!("parent `{id}` is listed twice; list each parent once")
    }

    /// A revision depending on itself.
    pub fn depends_on_itself(id: &str) -> String {
        format!("revision `{id}` cannot depend on itself; remove it from `depends_on`")
    }

    /// `irreversible` next to a `down`: the two places' messages.
    pub fn irreversible_with_down() -> (&'static str, &'static str) {
        (
            "a revision is either `irreversible` or has `down { .. }`, not both; remove `irreversible` to keep the downgrade",
            "this `down` contradicts `irreversible`",
        )
    }

    /// An attribute other than a doc comment or an allow.
    pub fn not_an_allow() -> &'static str {
        "only doc comments and `#[allow(rule_id, reason = \"..\")]` are accepted here"
    }

    /// An allow without `reason = ".."`.
    pub fn allow_without_reason(rules: &str) -> String {
        format!("an allow needs a reason: write `#[allow({rules}, reason = \"why this is safe here\")]`")
    }

    /// An allow naming no safety rule.
    pub fn unknown_rule(name: &str) -> String {
        let names: Vec<String> = crate::safety::RULES.iter().map(Rule::allow_name).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match crate::ops::dsl::closest(name, &names).first() {
            Some(best) => format!("unknown safety rule `{name}`; did you mean `{best}`?"),
            None => format!("unknown safety rule `{name}`; the rules are {}", quoted(&names)),
        }
    }

    /// An allow of a rule that cannot be allowed.
    pub fn not_allowable(rule: &Rule) -> String {
        format!("`{}` cannot be allowed: {}; instead, {}", rule.allow_name(), rule.why, rule.recipe)
    }

    /// A safety finding as a compile error: what, why, the recipe, and how to accept it.
    pub fn finding(rule: &Rule, finding: &crate::safety::Finding) -> String {
        format!(
            "{message} [{id}]\n\
             why: {why}\n\
             help: {recipe}\n\
             help: if this is safe here, put `#[allow({allow}, reason = \"..\")]` above the op",
            message = finding.message,
            id = rule.id,
            why = finding.why,
            recipe = finding.recipe,
            allow = rule.allow_name(),
        )
    }

    /// An op that cannot run inside a transaction, in one.
    pub fn needs_no_transaction(op: &str) -> String {
        match op {
            "backfill" => {
                "`backfill(..)` commits once per batch, so it cannot run inside a transaction; add `transaction: none`"
                    .into()
            }
            op => format!("`{op}(..).concurrently()` cannot run inside a transaction; add `transaction: none`"),
        }
    }

    /// A column defined twice in `create_table`.
    pub fn duplicate_column(name: &str, table: &str) -> String {
        format!("column `{name}` is defined twice in `create_table(\"{table}\", ..)`; rename or remove one")
    }

    /// A NOT NULL (or primary key) column defaulting to NULL.
    pub fn not_null_default_null(flag: &str) -> String {
        format!("a NOT NULL column cannot default to NULL; drop `.default(null)` or the `.{flag}()`")
    }

    /// `Numeric(0, s)`.
    pub fn numeric_zero_precision() -> String {
        "`Numeric` needs a precision of at least 1: `Numeric(10, 2)`".into()
    }

    /// `Numeric(p, s)` with `s > p`.
    pub fn numeric_scale_over_precision(p: i64, s: i64) -> String {
        format!("the scale of `Numeric({p}, {s})` is larger than its precision; the scale counts digits after the point, at most {p}: `Numeric({p}, {p})` or `Numeric({s}, {p})`")
    }

    /// An empty column list.
    pub fn empty_list(what: &str, example: &str) -> String {
        format!("{what} needs at least one column: `{example}`")
    }

    /// An identifier PostgreSQL would truncate.
    pub fn identifier_too_long(rule: &Rule, name: &str) -> String {
        format!("`{name}` is {} bytes long: {}; {}", name.len(), rule.why, rule.recipe)
    }

    /// A name with a dot in it, which every dialect would take as one identifier.
    pub fn dotted_name(name: &str) -> String {
        let (schema, object) = name.split_once('.').unwrap_or((name, ""));
        format!(
            "`{name}` would be one object literally named `{name}`, not `{object}` in schema `{schema}`: retort has no \
             schema-qualified names yet; set `schema = \"{schema}\"` in retort.toml for the whole chain, or write this \
             op as `execute(..)`"
        )
    }

    /// An inline foreign key whose generated name is over the identifier limit.
    pub fn generated_identifier_too_long(rule: &Rule, name: &str, column: &str) -> String {
        format!(
            "the foreign key of the inline `references(..)` of `{column}` is named `{name}`, {} bytes long: {}; \
             name it explicitly: drop `.references(..)` and add `foreign_key(\"fk_<short name>\", [\"{column}\"], .., ..)` \
             with `add_constraint(..)`",
            name.len(),
            rule.why
        )
    }

    /// `.where(..)`, a Rust keyword.
    pub fn where_keyword() -> &'static str {
        "`where` is a Rust keyword; write `.where_(..)`"
    }

    /// A macro call where a literal belongs.
    pub fn macro_call(name: &str) -> String {
        format!("macros such as `{name}!` are not expanded inside `migration!`, which reads its ops at compile time; write the literal value")
    }

    /// A path where a bare word belongs.
    pub fn path_word() -> &'static str {
        "paths are not part of the DSL; write the bare word, e.g. `Cascade` or `BigInt`"
    }

    /// Something that is no DSL value.
    pub fn not_a_dsl_value() -> &'static str {
        "expected a DSL value: a string literal, a number, `true`/`false`/`null`, a list `[..]`, a word like `BigInt` or a call like `column(..)`"
    }

    /// A method written without `(..)`.
    pub fn method_needs_parens(name: &str) -> String {
        format!("expected `(` after `.{name}`: methods are called like `.{name}()`")
    }

    /// An op without its `;`.
    pub fn missing_semicolon() -> &'static str {
        "expected `;` here, after the op"
    }

    /// Tokens after the blocks.
    pub fn trailing_tokens() -> &'static str {
        "unexpected tokens after the ops; a migration ends with `up { .. }` and an optional `down { .. }` or `irreversible`"
    }

    fn quoted(names: &[&str]) -> String {
        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
    }
}
