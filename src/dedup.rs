//! Dedup: finds clusters of near-duplicate stories and picks the one to keep.
//!
//! 1. **Candidates** by LSH banding: the signature is cut into `bands` bands of `rows`
//!    values; two documents that agree on a whole band become a candidate pair. The chance
//!    that a pair of Jaccard `s` becomes a candidate is `1 - (1 - s^rows)^bands`.
//! 2. **Verification**: every candidate pair is measured on its fingerprints (fixed-size
//!    sketches, see [`crate::fingerprint`]). Two documents whose shared text begins late in
//!    the larger one (past `max_head` of it) are never copies: the larger one is another
//!    story with this one glued below. Otherwise the similarity is the Jaccard index, or
//!    the containment of the smaller document in the larger when the smaller has enough
//!    shingles (a truncated copy matches its original).
//! 3. **Clusters without chaining**: documents are taken most-connected first (then
//!    largest, then lowest ordinal), so the original of a story, which all its copies
//!    match, leads its cluster before a composite that matches two stories can. An
//!    unassigned document becomes a representative and gathers its unassigned verified
//!    neighbours; every member is verified against the representative itself, so A~B and
//!    B~C never put A and C together unless C~A too.
//! 4. **Keep policy**: one member per cluster is kept, by [`KeepPolicy`], ties by input order.
//!
//! Determinism: candidate pairs are sorted before use and every choice breaks ties by
//! ordinal, so clusters do not depend on the thread count.

use crate::fingerprint::{mix64, overlap, Fingerprint, Overlap};
use rayon::prelude::*;

/// Which member of a cluster is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeepPolicy {
    /// The longest cleaned text (the most complete copy).
    Longest,
    /// The first in input order.
    First,
    /// The smallest share of clutter stripped, then the longest.
    Cleanest,
    /// The earliest date field (ISO dates compare as text); documents without one come last.
    Earliest,
}

impl std::str::FromStr for KeepPolicy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "longest" => Ok(KeepPolicy::Longest),
            "first" => Ok(KeepPolicy::First),
            "cleanest" => Ok(KeepPolicy::Cleanest),
            "earliest" => Ok(KeepPolicy::Earliest),
            other => Err(format!(
                "unknown keep policy '{other}' (expected longest, first, cleanest or earliest)"
            )),
        }
    }
}

/// Settings of the dedup stage.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DedupConfig {
    /// Whether duplicates are dropped from the output (`--keep-duplicates` turns it off).
    pub drop: bool,
    /// Words per shingle.
    pub shingle_size: usize,
    /// Values in a MinHash signature.
    pub permutations: usize,
    /// LSH bands.
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
    /// A verified similarity at or above this makes two documents copies.
    pub threshold: f64,
    /// Containment counts only when the smaller document has at least this many shingles.
    pub min_containment_shingles: usize,
    /// Two documents are copies only when their shared text begins in this first share of
    /// the larger one.
    pub max_head: f64,
    /// Which member of a cluster is kept.
    pub keep: KeepPolicy,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            drop: true,
            shingle_size: 3,
            permutations: 128,
            bands: 42,
            rows: 3,
            threshold: 0.5,
            min_containment_shingles: 20,
            max_head: 0.3,
            keep: KeepPolicy::Longest,
        }
    }
}

impl DedupConfig {
    /// The similarity of two documents as dedup judges it (see the module docs).
    pub fn similarity(&self, a: &Fingerprint, b: &Fingerprint) -> (f64, Overlap) {
        let o = overlap(a, b);
        let smaller = a.shingles.min(b.shingles) as usize;
        let sim = if o.head > self.max_head {
            0.0
        } else if smaller >= self.min_containment_shingles {
            o.containment.max(o.jaccard)
        } else {
            o.jaccard
        };
        (sim, o)
    }
}

/// What the keep policy needs to know of a document.
#[derive(Debug, Clone, Default)]
pub struct KeepInfo {
    /// Bytes of cleaned text.
    pub cleaned_len: usize,
    /// Bytes stripped as clutter.
    pub stripped: usize,
    /// Bytes of original text.
    pub original_len: usize,
    /// The date field, if any.
    pub date: Option<String>,
}

/// A member of a cluster.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Member {
    /// The document's ordinal.
    pub ordinal: usize,
    /// Similarity to the kept document (1 for the kept one).
    pub similarity: f64,
    /// Jaccard index with the kept document.
    pub jaccard: f64,
    /// Containment with the kept document.
    pub containment: f64,
}

/// A cluster of two or more copies of one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Members in ordinal order.
    pub members: Vec<Member>,
    /// The ordinal of the kept document.
    pub kept: usize,
    /// The ordinal of the representative every member was verified against.
    pub representative: usize,
}

/// The result of the dedup stage.
#[derive(Debug, Clone, Default)]
pub struct Dedup {
    /// Clusters, ordered by their lowest ordinal.
    pub clusters: Vec<Cluster>,
    /// Candidate pairs LSH proposed.
    pub candidates: usize,
    /// Candidate pairs that verification accepted.
    pub verified: usize,
}

/// Above this many documents in one LSH bucket, each is paired only with its neighbours in
/// ordinal order and the bucket's first member, to stay linear on degenerate inputs.
const BUCKET_ALL_PAIRS: usize = 64;

/// Finds the clusters among `fingerprints` (indexed by ordinal).
pub fn find_clusters(
    fingerprints: &[Fingerprint],
    keep: &[KeepInfo],
    config: &DedupConfig,
) -> Dedup {
    let pairs = candidate_pairs(fingerprints, config);
    let candidates = pairs.len();
    let edges: Vec<(usize, usize)> = pairs
        .par_iter()
        .filter(|&&(a, b)| {
            config.similarity(&fingerprints[a], &fingerprints[b]).0 >= config.threshold
        })
        .copied()
        .collect();
    let verified = edges.len();

    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); fingerprints.len()];
    for &(a, b) in &edges {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let mut order: Vec<usize> = (0..fingerprints.len())
        .filter(|&d| !neighbours[d].is_empty())
        .collect();
    order.sort_by_key(|&d| {
        (
            std::cmp::Reverse(neighbours[d].len()),
            std::cmp::Reverse(fingerprints[d].shingles),
            d,
        )
    });

    let mut assigned = vec![false; fingerprints.len()];
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for &rep in &order {
        if assigned[rep] {
            continue;
        }
        let mut members: Vec<usize> = neighbours[rep]
            .iter()
            .copied()
            .filter(|&n| !assigned[n])
            .collect();
        if members.is_empty() {
            continue;
        }
        members.push(rep);
        members.sort_unstable();
        members.dedup();
        for &m in &members {
            assigned[m] = true;
        }
        groups.push((rep, members));
    }
    groups.sort_by_key(|(_, members)| members[0]);

    let clusters = groups
        .into_par_iter()
        .map(|(representative, ordinals)| {
            let kept = choose(&ordinals, keep, config.keep);
            let members = ordinals
                .iter()
                .map(|&m| {
                    if m == kept {
                        Member {
                            ordinal: m,
                            similarity: 1.0,
                            jaccard: 1.0,
                            containment: 1.0,
                        }
                    } else {
                        let (similarity, o) =
                            config.similarity(&fingerprints[m], &fingerprints[kept]);
                        Member {
                            ordinal: m,
                            similarity,
                            jaccard: o.jaccard,
                            containment: o.containment,
                        }
                    }
                })
                .collect();
            Cluster {
                members,
                kept,
                representative,
            }
        })
        .collect();
    Dedup {
        clusters,
        candidates,
        verified,
    }
}

/// Candidate pairs `(a, b)` with `a < b`, sorted and distinct.
///
/// Bands are bucketed one at a time, so memory holds one band's keys (12 bytes per
/// document) and the pairs, not every band's keys at once.
fn candidate_pairs(fingerprints: &[Fingerprint], config: &DedupConfig) -> Vec<(usize, usize)> {
    let rows = config.rows.max(1);
    let bands = config.bands.min(config.permutations / rows).max(1);
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(fingerprints.len());
    for band in 0..bands {
        keys.clear();
        keys.par_extend(
            fingerprints
                .par_iter()
                .enumerate()
                .filter(|(_, f)| f.signature.len() >= (band + 1) * rows)
                .map(|(ordinal, f)| {
                    let values = &f.signature[band * rows..(band + 1) * rows];
                    (band_key(values, band as u64), ordinal as u32)
                }),
        );
        keys.par_sort_unstable();
        for bucket in keys.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
            let members: Vec<u32> = bucket.iter().map(|&(_, o)| o).collect();
            pairs.extend(bucket_pairs(&members));
        }
        // Keep the pairs distinct as they come, so they never pile up band over band.
        if pairs.len() > 4 * fingerprints.len() {
            pairs.par_sort_unstable();
            pairs.dedup();
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|(a, b)| (a as usize, b as usize))
        .collect()
}

/// The bucket of one band of a signature: its values hashed with the band number.
fn band_key(values: &[u32], band: u64) -> u64 {
    values.iter().fold(mix64(band ^ 0x9e37_79b9), |h, &v| {
        mix64(h.rotate_left(17) ^ v as u64)
    })
}

fn bucket_pairs(members: &[u32]) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    if members.len() <= BUCKET_ALL_PAIRS {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    } else {
        for window in members.windows(2) {
            pairs.push((window[0], window[1]));
        }
        pairs.extend(members[2..].iter().map(|&b| (members[0], b)));
    }
    pairs
}

/// The member to keep under `policy`; ties go to the lowest ordinal.
fn choose(ordinals: &[usize], info: &[KeepInfo], policy: KeepPolicy) -> usize {
    // Each key is "smaller is better"; longer texts map to smaller keys.
    let longer_first = |o: usize| u64::MAX - info[o].cleaned_len as u64;
    let pick =
        |key: &dyn Fn(usize) -> (u64, u64)| ordinals.iter().copied().min_by_key(|&o| (key(o), o));
    let best = match policy {
        KeepPolicy::Longest => pick(&|o| (longer_first(o), 0)),
        KeepPolicy::First => pick(&|_| (0, 0)),
        KeepPolicy::Cleanest => pick(&|o| {
            // Stripped share in parts per billion, so shares compare as exact integers.
            let i = &info[o];
            let share = (i.stripped as u128 * 1_000_000_000 / i.original_len.max(1) as u128) as u64;
            (share, longer_first(o))
        }),
        KeepPolicy::Earliest => ordinals.iter().copied().min_by(|&a, &b| {
            let date = |o: usize| info[o].date.as_deref();
            match (date(a), date(b)) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then(a.cmp(&b))
        }),
    };
    best.unwrap_or(ordinals[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Shingler;

    fn story(salt: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("{salt}{}", i * 7 % 101))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn run(texts: &[String], config: &DedupConfig) -> Dedup {
        let s = Shingler::new(config.shingle_size, config.permutations, 42);
        let fps: Vec<_> = texts.iter().map(|t| s.fingerprint(t)).collect();
        let info: Vec<_> = texts
            .iter()
            .map(|t| KeepInfo {
                cleaned_len: t.len(),
                original_len: t.len(),
                ..Default::default()
            })
            .collect();
        find_clusters(&fps, &info, config)
    }

    #[test]
    fn truncated_copy_joins_its_original() {
        let full: Vec<String> = (0..300).map(|i| format!("woord{i}")).collect();
        let texts = vec![full.join(" "), full[..120].join(" "), story("ander", 300)];
        let d = run(&texts, &DedupConfig::default());
        assert_eq!(d.clusters.len(), 1);
        let members: Vec<usize> = d.clusters[0].members.iter().map(|m| m.ordinal).collect();
        assert_eq!(members, [0, 1]);
        assert_eq!(d.clusters[0].kept, 0);
    }

    #[test]
    fn no_chaining_through_a_composite() {
        // C = A + B glued: A and B share nothing, so they must not end in one cluster.
        let a: Vec<String> = (0..200).map(|i| format!("alfa{i}")).collect();
        let b: Vec<String> = (0..200).map(|i| format!("beta{i}")).collect();
        let c = format!("{} {}", a.join(" "), b.join(" "));
        let texts = vec![a.join(" "), b.join(" "), c];
        let d = run(&texts, &DedupConfig::default());
        for cluster in &d.clusters {
            let ms: Vec<usize> = cluster.members.iter().map(|m| m.ordinal).collect();
            assert!(!(ms.contains(&0) && ms.contains(&1)), "chained: {ms:?}");
        }
        assert_eq!(
            d.clusters.len(),
            1,
            "A is the head of C and belongs with it"
        );
        assert_eq!(
            d.clusters[0]
                .members
                .iter()
                .map(|m| m.ordinal)
                .collect::<Vec<_>>(),
            [0, 2]
        );
    }

    #[test]
    fn keep_policies_pick_as_documented() {
        let info = vec![
            KeepInfo {
                cleaned_len: 10,
                stripped: 5,
                original_len: 15,
                date: Some("2024-05-01".into()),
            },
            KeepInfo {
                cleaned_len: 30,
                stripped: 30,
                original_len: 60,
                date: None,
            },
            KeepInfo {
                cleaned_len: 30,
                stripped: 0,
                original_len: 30,
                date: Some("2023-01-01".into()),
            },
        ];
        let all = [0, 1, 2];
        assert_eq!(choose(&all, &info, KeepPolicy::Longest), 1);
        assert_eq!(choose(&all, &info, KeepPolicy::First), 0);
        assert_eq!(choose(&all, &info, KeepPolicy::Cleanest), 2);
        assert_eq!(choose(&all, &info, KeepPolicy::Earliest), 2);
    }

    #[test]
    fn huge_buckets_stay_linear() {
        let members: Vec<u32> = (0..1000).collect();
        assert!(bucket_pairs(&members).len() < 2000);
    }
}
