//! A sorted map that is cheap to copy: the fold copies a schema at every branch point and
//! merge of the revision graph, and a copy of a `BTreeMap` with thousands of tables allocates
//! every key again. [`ChunkMap`] keeps its entries in short sorted runs, each shared (`Arc`)
//! between copies until one of them writes to it, and shares the list of runs too: a copy
//! costs one pointer, its first write copies the list (one pointer per run) and the run it
//! writes. [`ChunkMap::changed`] skips the runs two copies still share, so a merge looks only
//! at what its branches changed.
//!
//! It offers the part of `BTreeMap`'s API the model's users need, iterates in key order and
//! serializes as a map. This file is shared with the macro crate: std and serde only.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Entries per run at most; a full run splits in two. Small enough that copying a run on
/// write is cheap, large enough that the list of runs stays short; 16 was the fastest of 12 to
/// 64 on the fold benchmark.
const RUN: usize = 16;

/// A run of entries in key order, shared between the maps that copied it.
type Run<K, V> = Arc<Vec<(K, V)>>;

/// A sorted map of shared runs: cheap to clone, copy-on-write per run. See the module docs.
pub struct ChunkMap<K, V> {
    /// The runs in key order, none empty; the list itself shared too, so that a copy that is
    /// never written (a merge base) costs one pointer.
    runs: Arc<Vec<Run<K, V>>>,
    len: usize,
}

impl<K, V> Default for ChunkMap<K, V> {
    fn default() -> Self {
        ChunkMap { runs: Arc::default(), len: 0 }
    }
}

impl<K, V> Clone for ChunkMap<K, V> {
    fn clone(&self) -> Self {
        ChunkMap { runs: self.runs.clone(), len: self.len }
    }
}

impl<K, V> ChunkMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the map has no entry.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter { runs: self.runs.iter(), front: [].iter(), back: [].iter() }
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + Clone {
        self.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + Clone {
        self.iter().map(|(_, v)| v)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.runs = Arc::default();
        self.len = 0;
    }
}

impl<K: Ord, V> ChunkMap<K, V> {
    /// The run that holds `key`, or would: the first whose last key is not less than it, else
    /// the last run.
    fn run_of<Q>(&self, key: &Q) -> usize
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let i = self.runs.partition_point(|run| run.last().is_some_and(|(k, _)| k.borrow() < key));
        i.min(self.runs.len().saturating_sub(1))
    }

    fn find<Q>(&self, key: &Q) -> Option<(usize, usize)>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        if self.runs.is_empty() {
            return None;
        }
        let r = self.run_of(key);
        self.runs[r].binary_search_by(|(k, _)| k.borrow().cmp(key)).ok().map(|i| (r, i))
    }

    /// The value for `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).map(|(r, i)| &self.runs[r][i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.find(key).is_some()
    }

    /// The first entry.
    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.iter().next()
    }

    /// The last entry.
    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.iter().next_back()
    }

    /// The entries from `from` (inclusive) on, in order.
    pub fn iter_from<Q>(&self, from: &Q) -> impl Iterator<Item = (&K, &V)>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let r = if self.runs.is_empty() { 0 } else { self.run_of(from) };
        let start = self.runs.get(r).map_or(0, |run| run.partition_point(|(k, _)| k.borrow() < from));
        self.runs
            .get(r)
            .into_iter()
            .flat_map(move |run| run[start..].iter())
            .chain(self.runs.iter().skip(r + 1).flat_map(|run| run.iter()))
            .map(|(k, v)| (k, v))
    }

    /// The keys where `self` and `other` differ (present in one only, or with different
    /// values), in order. Runs the two still share are skipped without a look.
    pub fn changed<'a>(&'a self, other: &'a Self) -> Vec<&'a K>
    where
        V: PartialEq,
    {
        let mut out = Vec::new();
        self.walk_differences(other, |k| {
            out.push(k);
            true
        });
        out
    }

    /// Calls `visit` with each key where `self` and `other` differ, in order, while it returns
    /// true. Two copies realign after a run one of them split: both then stand at the start
    /// of the same shared run.
    fn walk_differences<'a>(&'a self, other: &'a Self, mut visit: impl FnMut(&'a K) -> bool)
    where
        V: PartialEq,
    {
        if Arc::ptr_eq(&self.runs, &other.runs) {
            return;
        }
        let (a, b) = (&self.runs, &other.runs);
        let (mut ra, mut ia, mut rb, mut ib) = (0, 0, 0, 0);
        loop {
            if ia == 0 && ib == 0 && ra < a.len() && rb < b.len() && Arc::ptr_eq(&a[ra], &b[rb]) {
                ra += 1;
                rb += 1;
                continue;
            }
            let x = a.get(ra).map(|run| &run[ia]);
            let y = b.get(rb).map(|run| &run[ib]);
            let (order, differs) = match (x, y) {
                (None, None) => return,
                (Some((k, _)), None) => (Ordering::Less, Some(k)),
                (None, Some((k, _))) => (Ordering::Greater, Some(k)),
                (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                    Ordering::Equal => (Ordering::Equal, (va != vb).then_some(ka)),
                    Ordering::Less => (Ordering::Less, Some(ka)),
                    Ordering::Greater => (Ordering::Greater, Some(kb)),
                },
            };
            if let Some(k) = differs {
                if !visit(k) {
                    return;
                }
            }
            if order != Ordering::Greater {
                ia += 1;
                if ia == a[ra].len() {
                    ra += 1;
                    ia = 0;
                }
            }
            if order != Ordering::Less {
                ib += 1;
                if ib == b[rb].len() {
                    rb += 1;
                    ib = 0;
                }
            }
        }
    }
}

impl<K: Ord + Clone, V: Clone> ChunkMap<K, V> {
    /// The value for `key`, to change (its run copied first if another map shares it).
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let (r, i) = self.find(key)?;
        Some(&mut Arc::make_mut(&mut Arc::make_mut(&mut self.runs)[r])[i].1)
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.insert_at(key, value).1
    }

    /// Sets `key` to `value`; returns where it is now (run, index) and the value it replaces.
    fn insert_at(&mut self, key: K, value: V) -> ((usize, usize), Option<V>) {
        let runs = Arc::make_mut(&mut self.runs);
        if runs.is_empty() {
            runs.push(Arc::new(vec![(key, value)]));
            self.len = 1;
            return ((0, 0), None);
        }
        let r = runs.partition_point(|run| run.last().is_some_and(|(k, _)| *k < key)).min(runs.len() - 1);
        let run = Arc::make_mut(&mut runs[r]);
        match run.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => ((r, i), Some(std::mem::replace(&mut run[i].1, value))),
            Err(i) => {
                run.insert(i, (key, value));
                self.len += 1;
                if run.len() <= RUN {
                    return ((r, i), None);
                }
                let half = run.len() / 2;
                let upper = run.split_off(half);
                runs.insert(r + 1, Arc::new(upper));
                (if i < half { (r, i) } else { (r + 1, i - half) }, None)
            }
        }
    }

    /// Removes `key`; returns its value.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let (r, i) = self.find(key)?;
        let runs = Arc::make_mut(&mut self.runs);
        let run = Arc::make_mut(&mut runs[r]);
        let (_, value) = run.remove(i);
        if run.is_empty() {
            runs.remove(r);
        }
        self.len -= 1;
        Some(value)
    }

    /// Keeps the entries `keep` accepts; runs it keeps whole stay shared.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        let runs = Arc::make_mut(&mut self.runs);
        for run in runs.iter_mut() {
            let Some(first) = run.iter().position(|(k, v)| !keep(k, v)) else { continue };
            // `keep` sees each entry once: those before `first` it kept already.
            let mut at = 0;
            Arc::make_mut(run).retain(|(k, v)| {
                at += 1;
                at <= first || (at > first + 1 && keep(k, v))
            });
        }
        runs.retain(|run| !run.is_empty());
        self.len = runs.iter().map(|run| run.len()).sum();
    }

    /// The values in key order, to change: every run is copied first if shared, so prefer
    /// [`ChunkMap::get_mut`] for the entries that change.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.iter_mut().map(|(_, v)| v)
    }

    /// The entries in key order, values to change; see [`ChunkMap::values_mut`].
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&K, &mut V)> {
        Arc::make_mut(&mut self.runs).iter_mut().flat_map(|run| Arc::make_mut(run).iter_mut().map(|(k, v)| (&*k, v)))
    }

    /// The entry for `key`, to read or fill.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        Entry { map: self, key }
    }
}

/// An entry of a [`ChunkMap`], from [`ChunkMap::entry`].
pub struct Entry<'a, K, V> {
    map: &'a mut ChunkMap<K, V>,
    key: K,
}

impl<'a, K: Ord + Clone, V: Clone> Entry<'a, K, V> {
    /// The value, inserting `make()` first if there is none.
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        let map = self.map;
        let (r, i) = match map.find(&self.key) {
            Some(at) => at,
            None => map.insert_at(self.key, make()).0,
        };
        &mut Arc::make_mut(&mut Arc::make_mut(&mut map.runs)[r])[i].1
    }

    /// The value, inserting `value` first if there is none.
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    /// The value, inserting the default first if there is none.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

/// The entries of a [`ChunkMap`] in key order.
pub struct Iter<'a, K, V> {
    runs: std::slice::Iter<'a, Run<K, V>>,
    front: std::slice::Iter<'a, (K, V)>,
    back: std::slice::Iter<'a, (K, V)>,
}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Iter { runs: self.runs.clone(), front: self.front.clone(), back: self.back.clone() }
    }
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((k, v)) = self.front.next() {
                return Some((k, v));
            }
            match self.runs.next() {
                Some(run) => self.front = run.iter(),
                None => return self.back.next().map(|(k, v)| (k, v)),
            }
        }
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((k, v)) = self.back.next_back() {
                return Some((k, v));
            }
            match self.runs.next_back() {
                Some(run) => self.back = run.iter(),
                None => return self.front.next_back().map(|(k, v)| (k, v)),
            }
        }
    }
}

impl<'a, K, V> IntoIterator for &'a ChunkMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

impl<K: Clone, V: Clone> IntoIterator for ChunkMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::iter::FlatMap<std::vec::IntoIter<Run<K, V>>, Vec<(K, V)>, fn(Run<K, V>) -> Vec<(K, V)>>;

    fn into_iter(self) -> Self::IntoIter {
        let runs = Arc::try_unwrap(self.runs).unwrap_or_else(|shared| (*shared).clone());
        runs.into_iter().flat_map(|run| Arc::try_unwrap(run).unwrap_or_else(|shared| (*shared).clone()))
    }
}

impl<K: Ord + Clone, V: Clone> FromIterator<(K, V)> for ChunkMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut map = ChunkMap::new();
        map.extend(items);
        map
    }
}

impl<K: Ord + Clone, V: Clone> Extend<(K, V)> for ChunkMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, items: I) {
        for (k, v) in items {
            self.insert(k, v);
        }
    }
}

impl<K: Ord + Clone, V: Clone, const N: usize> From<[(K, V); N]> for ChunkMap<K, V> {
    fn from(items: [(K, V); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for ChunkMap<K, V> {
    type Output = V;

    #[allow(clippy::expect_used)] // indexing panics on a missing key, as BTreeMap's does
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key in the map")
    }
}

impl<K: Ord, V: PartialEq> PartialEq for ChunkMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        let mut same = self.len == other.len;
        if same {
            self.walk_differences(other, |_| {
                same = false;
                false
            });
        }
        same
    }
}

impl<K: Ord, V: Eq> Eq for ChunkMap<K, V> {}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for ChunkMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for ChunkMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, K: Deserialize<'de> + Ord + Clone, V: Deserialize<'de> + Clone> Deserialize<'de> for ChunkMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + Ord + Clone, V: Deserialize<'de> + Clone> Visitor<'de> for MapVisitor<K, V> {
            type Value = ChunkMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = ChunkMap::new();
                while let Some((k, v)) = access.next_entry()? {
                    map.insert(k, v);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

/// What the diff and a merge read from the model's maps, `BTreeMap` and [`ChunkMap`] alike.
pub trait SortedMap<K: Ord, V>: Clone {
    /// The entries in key order.
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a;
    /// The value for `key`.
    fn value(&self, key: &K) -> Option<&V>;
    /// Sets `key` to `value`.
    fn put(&mut self, key: K, value: V);
    /// Removes `key`.
    fn delete(&mut self, key: &K);
    /// The keys where `self` and `other` may differ, in order: every key of either for a
    /// `BTreeMap`, only those of the runs they do not share for a [`ChunkMap`].
    fn differing<'a>(&'a self, other: &'a Self) -> Vec<&'a K>
    where
        V: PartialEq;
}

impl<K: Ord + Clone, V: Clone> SortedMap<K, V> for std::collections::BTreeMap<K, V> {
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.iter()
    }
    fn value(&self, key: &K) -> Option<&V> {
        self.get(key)
    }
    fn put(&mut self, key: K, value: V) {
        self.insert(key, value);
    }
    fn delete(&mut self, key: &K) {
        self.remove(key);
    }
    fn differing<'a>(&'a self, other: &'a Self) -> Vec<&'a K>
    where
        V: PartialEq,
    {
        let mut keys: Vec<&K> = self.keys().chain(other.keys()).collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

impl<K: Ord + Clone, V: Clone> SortedMap<K, V> for ChunkMap<K, V> {
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.iter()
    }
    fn value(&self, key: &K) -> Option<&V> {
        self.get(key)
    }
    fn put(&mut self, key: K, value: V) {
        self.insert(key, value);
    }
    fn delete(&mut self, key: &K) {
        self.remove(key);
    }
    fn differing<'a>(&'a self, other: &'a Self) -> Vec<&'a K>
    where
        V: PartialEq,
    {
        self.changed(other)
    }
}

/// A sorted set on a [`ChunkMap`]: cheap to clone, copy-on-write per run.
#[derive(Clone)]
pub struct ChunkSet<K>(ChunkMap<K, ()>);

impl<K: Ord> PartialEq for ChunkSet<K> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<K: Ord> Eq for ChunkSet<K> {}

impl<K> Default for ChunkSet<K> {
    fn default() -> Self {
        ChunkSet(ChunkMap::default())
    }
}

impl<K> ChunkSet<K> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set has no member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &K> + Clone {
        self.0.keys()
    }
}

impl<K: Ord> ChunkSet<K> {
    /// Whether `key` is a member.
    pub fn contains<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.contains_key(key)
    }

    /// The members of `self` that `other` lacks and those of `other` that `self` lacks, in
    /// order, skipping the runs the two share.
    pub fn changed<'a>(&'a self, other: &'a Self) -> Vec<&'a K> {
        self.0.changed(&other.0)
    }
}

impl<K: Ord + Clone> ChunkSet<K> {
    /// Adds `key`; whether it was new.
    pub fn insert(&mut self, key: K) -> bool {
        self.0.insert(key, ()).is_none()
    }

    /// Removes `key`; whether it was a member.
    pub fn remove<Q>(&mut self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.0.remove(key).is_some()
    }

    /// Adds every member of `other` that `self` lacks, looking only at the runs the two do
    /// not share.
    pub fn union_with(&mut self, other: &Self) {
        let new: Vec<K> = other.0.changed(&self.0).into_iter().filter(|k| !self.contains(*k)).cloned().collect();
        for k in new {
            self.insert(k);
        }
    }
}

impl<K: fmt::Debug> fmt::Debug for ChunkSet<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<'a, K> IntoIterator for &'a ChunkSet<K> {
    type Item = &'a K;
    type IntoIter = std::iter::Map<Iter<'a, K, ()>, fn((&'a K, &'a ())) -> &'a K>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, _)| k)
    }
}

impl<K: Ord + Clone> FromIterator<K> for ChunkSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(items: I) -> Self {
        ChunkSet(items.into_iter().map(|k| (k, ())).collect())
    }
}

impl<K: Ord + Clone> Extend<K> for ChunkSet<K> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, items: I) {
        for k in items {
            self.insert(k);
        }
    }
}

impl<K: Serialize> Serialize for ChunkSet<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, K: Deserialize<'de> + Ord + Clone> Deserialize<'de> for ChunkSet<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor<K>(std::marker::PhantomData<K>);
        impl<'de, K: Deserialize<'de> + Ord + Clone> Visitor<'de> for SetVisitor<K> {
            type Value = ChunkSet<K>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut set = ChunkSet::new();
                while let Some(k) = access.next_element()? {
                    set.insert(k);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(SetVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut map: ChunkMap<u32, u32> = ChunkMap::new();
        let mut model = std::collections::BTreeMap::new();
        let mut x: u32 = 12345;
        for step in 0..5000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let k = (x >> 8) % 700;
            if step % 3 == 0 {
                assert_eq!(map.remove(&k), model.remove(&k));
            } else {
                assert_eq!(map.insert(k, step), model.insert(k, step));
            }
            assert_eq!(map.len(), model.len());
        }
        assert!(map.iter().map(|(k, v)| (*k, *v)).eq(model.iter().map(|(k, v)| (*k, *v))));
        assert!(map.iter().rev().map(|(k, _)| *k).eq(model.keys().rev().copied()));
        assert!(map.iter_from(&350).map(|(k, _)| *k).eq(model.range(350..).map(|(k, _)| *k)));
        for k in 0..700 {
            assert_eq!(map.get(&k), model.get(&k));
        }
        for k in (0..900).rev() {
            *map.entry(k).or_default() += 1;
            *model.entry(k).or_default() += 1;
        }
        assert!(map.iter().map(|(k, v)| (*k, *v)).eq(model.iter().map(|(k, v)| (*k, *v))));
    }

    #[test]
    fn changed_skips_shared_runs_and_finds_every_difference() {
        let base: ChunkMap<u32, u32> = (0..1000).map(|k| (k * 2, k)).collect();
        let mut side = base.clone();
        side.insert(501, 1);
        side.insert(2001, 1);
        side.remove(&40);
        *side.get_mut(&900).expect("present") = 7;
        side.retain(|k, _| *k != 1200);
        assert_eq!(side.changed(&base), vec![&40, &501, &900, &1200, &2001]);
        assert_eq!(base.changed(&side), vec![&40, &501, &900, &1200, &2001]);
        assert!(base.changed(&base.clone()).is_empty());
        assert_ne!(side, base);
    }
}
