//! The table of source ranges behind `ops::dsl::SpanId`s.

use proc_macro2::Span;

use crate::error::SpanRange;
use crate::ops::dsl::SpanId;

/// Every node's range, indexed by its span id. The op model stays free of `proc_macro2`, so
/// that `core` can compile it; the macro keeps the spans on the side.
#[derive(Debug, Default)]
pub struct Spans {
    ranges: Vec<SpanRange>,
}

impl Spans {
    /// Records a node's range; its id.
    pub fn push(&mut self, start: Span, end: Span) -> SpanId {
        self.ranges.push(SpanRange { start, end });
        // More than 4 billion nodes in one invocation cannot happen; saturate rather than panic.
        SpanId::try_from(self.ranges.len() - 1).unwrap_or(SpanId::MAX)
    }

    /// The range of a node (the call site for an unknown id).
    pub fn get(&self, id: SpanId) -> SpanRange {
        let fallback = SpanRange::single(Span::call_site());
        usize::try_from(id).ok().and_then(|i| self.ranges.get(i)).copied().unwrap_or(fallback)
    }

    /// From the start of `first` to the end of `last`.
    pub fn join(&self, first: SpanId, last: SpanId) -> SpanRange {
        SpanRange { start: self.get(first).start, end: self.get(last).end }
    }
}
