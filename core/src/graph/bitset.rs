//! A fixed-size set of revision indices, one bit each.
//!
//! Closures over a 10,000-revision graph are computed on every plan; a bit per revision keeps
//! them to a few hundred machine words instead of a hash set per query.

/// A set of indices below a fixed bound.
#[derive(Debug, Clone)]
pub(super) struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    /// An empty set able to hold `0..len`.
    pub(super) fn new(len: usize) -> Self {
        Self { words: vec![0; len.div_ceil(64)] }
    }

    /// Adds `i`; true when it was not there yet.
    pub(super) fn insert(&mut self, i: usize) -> bool {
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        let fresh = self.words[word] & bit == 0;
        self.words[word] |= bit;
        fresh
    }

    /// Removes `i`; true when it was there.
    pub(super) fn remove(&mut self, i: usize) -> bool {
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        let present = self.words[word] & bit != 0;
        self.words[word] &= !bit;
        present
    }

    /// Whether `i` is in the set.
    pub(super) fn contains(&self, i: usize) -> bool {
        self.words[i / 64] & (1u64 << (i % 64)) != 0
    }

    /// Adds every element of `other` (same bound).
    pub(super) fn union_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= *b;
        }
    }

    /// Keeps only the elements also in `other` (same bound).
    pub(super) fn intersect_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= *b;
        }
    }
}
