//! Per-site statistics: on how many of a site's pages each block recurs.
//!
//! This is what the first pass over the input gathers, and all it keeps: one count per
//! distinct block key of each site, never the text. The clutter stage then reads it in the
//! second pass ([`crate::clutter::decide`]'s `frequency`).
//!
//! Sites are numbered in order of first appearance, which is the same in both passes and
//! for any thread count.

use std::collections::HashMap;

use rayon::prelude::*;
use std::hash::{BuildHasherDefault, Hasher};

use crate::fingerprint::mix64;

/// Gives sites small numbers, in order of first appearance.
#[derive(Debug, Default)]
pub struct SiteIndex {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl SiteIndex {
    /// The number of `site`, numbering it if it is new.
    pub fn id(&mut self, site: &str) -> u32 {
        if let Some(&id) = self.ids.get(site) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(site.to_string(), id);
        self.names.push(site.to_string());
        id
    }

    /// Site names by number.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// A hasher for keys that are already hashes: block keys are xxh3 values, so mixing the
/// site number in is all that is left to do. Several times faster than SipHash on the
/// millions of lookups the clutter stage makes.
#[derive(Debug, Default, Clone, Copy)]
pub struct PrehashedKeys(u64);

impl Hasher for PrehashedKeys {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix64(self.0 ^ b as u64);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 ^= mix64(n as u64 ^ 0x5173);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// Shards of the frequency map, each updated by its own task. A fixed number, so memory
/// and results never depend on the thread count.
const SHARDS: usize = 16;

/// The frequency map of one shard.
type Frequencies = HashMap<(u32, u64), u32, BuildHasherDefault<PrehashedKeys>>;

/// Document frequencies of block keys per site.
#[derive(Debug)]
pub struct SiteStats {
    pages: Vec<u32>,
    /// Keys sharded by bits 32..36, which the map's own bucket and tag bits leave alone.
    shards: Vec<Frequencies>,
}

impl Default for SiteStats {
    fn default() -> Self {
        SiteStats {
            pages: Vec::new(),
            shards: (0..SHARDS).map(|_| Frequencies::default()).collect(),
        }
    }
}

/// The shard that holds `key`.
fn shard_of(key: u64) -> usize {
    (key >> 32) as usize % SHARDS
}

impl SiteStats {
    /// Counts one page of `site` whose blocks have the keys `keys` (each page counts a key
    /// once, however often it repeats on the page).
    pub fn add_page(&mut self, site: u32, keys: &[u64]) {
        self.count_page(site);
        let mut seen = keys.to_vec();
        seen.sort_unstable();
        seen.dedup();
        for key in seen {
            *self.shards[shard_of(key)].entry((site, key)).or_insert(0) += 1;
        }
    }

    fn count_page(&mut self, site: u32) {
        let site_index = site as usize;
        if self.pages.len() <= site_index {
            self.pages.resize(site_index + 1, 0);
        }
        self.pages[site_index] += 1;
    }

    /// Counts many pages, `(site, keys)` each, as [`SiteStats::add_page`] would one by one:
    /// the shards are updated in parallel, each by one task.
    pub fn add_pages(&mut self, pages: &[(u32, &[u64])]) {
        for &(site, _) in pages {
            self.count_page(site);
        }
        let distinct: Vec<Vec<u64>> = pages
            .par_iter()
            .map(|(_, keys)| {
                let mut seen = keys.to_vec();
                seen.sort_unstable();
                seen.dedup();
                seen
            })
            .collect();
        self.shards
            .par_iter_mut()
            .enumerate()
            .for_each(|(shard, frequency)| {
                for ((site, _), keys) in pages.iter().zip(&distinct) {
                    for &key in keys.iter().filter(|&&key| shard_of(key) == shard) {
                        *frequency.entry((*site, key)).or_insert(0) += 1;
                    }
                }
            });
    }

    /// Forgets the blocks seen on one page only, once every page is counted: they are most
    /// of the text and [`SiteStats::frequency`] answers 1 for them anyway.
    pub fn finish(&mut self) {
        self.shards.par_iter_mut().for_each(|frequency| {
            frequency.retain(|_, &mut n| n > 1);
            frequency.shrink_to_fit();
        });
    }

    /// How many pages the site has.
    pub fn site_pages(&self, site: u32) -> u32 {
        self.pages.get(site as usize).copied().unwrap_or(0)
    }

    /// On how many pages of `site` the block key occurs.
    pub fn frequency(&self, site: u32, key: u64) -> u32 {
        self.shards[shard_of(key)]
            .get(&(site, key))
            .copied()
            .unwrap_or(1)
    }

    /// Distinct block keys held (after [`SiteStats::finish`]: those on two pages or more).
    pub fn distinct_blocks(&self) -> usize {
        self.shards.iter().map(HashMap::len).sum()
    }

    /// The most frequent template keys: `(site, key, pages)`, most pages first.
    pub fn top(&self, min_pages: u32, limit: usize) -> Vec<(u32, u64, u32)> {
        let mut top: Vec<(u32, u64, u32)> = self
            .shards
            .iter()
            .flatten()
            .filter(|(_, &n)| n >= min_pages)
            .map(|(&(s, k), &n)| (s, k, n))
            .collect();
        top.sort_unstable_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        top.truncate(limit);
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_are_numbered_in_order_of_appearance() {
        let mut index = SiteIndex::default();
        assert_eq!(
            [index.id("b.nl"), index.id("a.nl"), index.id("b.nl")],
            [0, 1, 0]
        );
        assert_eq!(index.names(), ["b.nl", "a.nl"]);
    }

    #[test]
    fn a_key_counts_once_per_page_and_singletons_are_forgotten() {
        let mut stats = SiteStats::default();
        stats.add_page(0, &[7, 7, 8]);
        stats.add_page(0, &[7, 9]);
        stats.add_page(1, &[7]);
        stats.finish();
        assert_eq!(stats.site_pages(0), 2);
        assert_eq!(stats.frequency(0, 7), 2);
        assert_eq!(stats.frequency(0, 8), 1);
        assert_eq!(stats.frequency(1, 7), 1);
        assert_eq!(stats.distinct_blocks(), 1);
        assert_eq!(stats.top(2, 10), [(0, 7, 2)]);
    }

    #[test]
    fn pages_added_together_count_as_pages_added_one_by_one() {
        let pages: Vec<(u32, Vec<u64>)> = (0..200u64)
            .map(|n| ((n % 3) as u32, vec![n % 7, (n % 5) << 33, n << 40, n % 7]))
            .collect();
        let mut one_by_one = SiteStats::default();
        for (site, keys) in &pages {
            one_by_one.add_page(*site, keys);
        }
        let mut together = SiteStats::default();
        let borrowed: Vec<(u32, &[u64])> = pages.iter().map(|(s, k)| (*s, k.as_slice())).collect();
        together.add_pages(&borrowed[..77]);
        together.add_pages(&borrowed[77..]);
        for stats in [&mut one_by_one, &mut together] {
            stats.finish();
        }
        assert_eq!(one_by_one.top(2, 1000), together.top(2, 1000));
        assert_eq!(one_by_one.distinct_blocks(), together.distinct_blocks());
        assert_eq!(
            together.frequency(1, 1),
            pages.iter().filter(|(s, k)| *s == 1 && k[0] == 1).count() as u32
        );
    }
}
