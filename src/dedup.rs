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

use crate::fingerprint::{mix64, overlap, overlap_given, resemblance, Fingerprint, Overlap, Span};
use foldhash::fast::FixedState;
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
    /// A document's match whose shared text begins after this share of the span it shares
    /// with its earliest-starting match is a story glued below its own, not a copy of it.
    pub glued_overlap: f64,
    /// Which member of a cluster is kept.
    pub keep: KeepPolicy,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            drop: true,
            shingle_size: 3,
            permutations: 256,
            bands: 128,
            rows: 2,
            threshold: 0.5,
            min_containment_shingles: 20,
            max_head: 0.5,
            glued_overlap: 0.8,
            keep: KeepPolicy::Longest,
        }
    }
}

impl DedupConfig {
    /// The similarity of two documents as dedup judges it (see the module docs).
    pub fn similarity(&self, a: &Fingerprint, b: &Fingerprint) -> (f64, Overlap) {
        let o = overlap(a, b);
        (self.judge(a, b, o.jaccard, o.containment, o.head), o)
    }

    /// What a candidate pair is: `Some((overlap, true))` for copies, `Some((overlap,
    /// false))` for a pair that shares too little to be copies but enough to say where a
    /// story stands in each (a copy truncated short, with another story glued below it),
    /// `None` for the rest. Most candidates are rejected on their agreeing bins alone,
    /// before the positions are read.
    pub fn relate(&self, a: &Fingerprint, b: &Fingerprint) -> Option<(Overlap, bool)> {
        let (jaccard, containment) = resemblance(a, b);
        let smaller = a.shingles.min(b.shingles) as usize;
        let shares_a_story =
            smaller >= self.min_containment_shingles && containment >= self.threshold / 2.0;
        if !shares_a_story && self.judge(a, b, jaccard, containment, 0.0) < self.threshold {
            return None;
        }
        let o = overlap_given(a, b, (jaccard, containment));
        let copy = self.judge(a, b, jaccard, containment, o.head) >= self.threshold;
        Some((o, copy))
    }

    fn judge(
        &self,
        a: &Fingerprint,
        b: &Fingerprint,
        jaccard: f64,
        containment: f64,
        head: f64,
    ) -> f64 {
        let smaller = a.shingles.min(b.shingles) as usize;
        if head > self.max_head {
            0.0
        } else if smaller >= self.min_containment_shingles {
            containment.max(jaccard)
        } else {
            jaccard
        }
    }
}

/// What dedup needs to know of a document besides its fingerprint: facts for the keep
/// policy, and its site.
#[derive(Debug, Clone, Default)]
pub struct KeepInfo {
    /// The document's site, as an index: a weak match within one site is shared template
    /// left by clutter removal, not evidence of where a story stands.
    pub site: u32,
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
    let related: Vec<Related> = pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let (o, copy) = config.relate(&fingerprints[a], &fingerprints[b])?;
            Some(Related {
                ends: [a, b],
                spans: o.spans,
                copy,
            })
        })
        .collect();
    let verified = related.iter().filter(|r| r.copy).count();
    let edges = drop_glued(&related, keep, config.glued_overlap);

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

/// A candidate pair that shares a story's text, with where each end shares it.
struct Related {
    ends: [usize; 2],
    spans: [Span; 2],
    /// Verified as copies; else the pair only tells where a story stands.
    copy: bool,
}

/// The related pairs that are copies, less those glued: each document's matches are
/// measured against its anchor, the related pair whose shared text begins earliest in it
/// (a story is told from its start). A copy whose shared text begins after `overlap` of
/// the anchor's span is the story glued below this one (infinite scroll, a second
/// article pasted under the first), so the pair is dropped. A document whose matches all
/// cover its start keeps them all. Anchors may be pairs too weak to be copies, from two
/// sites: a copy cut to a third of its story still says that the story glued below is not
/// its own (within one site, such a pair is more likely template that clutter removal
/// left, such as a photo gallery's captions).
fn drop_glued(pairs: &[Related], info: &[KeepInfo], overlap: f64) -> Vec<(usize, usize)> {
    // Per document, its anchor span: the earliest start, ties to the lowest other end.
    let mut anchors: Vec<Option<(Span, usize)>> = vec![None; info.len()];
    let same_site = |p: &Related| info[p.ends[0]].site == info[p.ends[1]].site;
    for pair in pairs.iter().filter(|p| p.copy || !same_site(p)) {
        for side in 0..2 {
            let (me, other, span) = (pair.ends[side], pair.ends[1 - side], pair.spans[side]);
            if !span.is_known() {
                continue;
            }
            let better = match anchors[me] {
                None => true,
                Some((a, o)) => (span.start, other) < (a.start, o),
            };
            if better {
                anchors[me] = Some((span, other));
            }
        }
    }
    // A pair whose span is unknown says nothing of where its story stands: never glued.
    let glued = |me: usize, span: Span| match anchors[me] {
        Some((anchor, _)) if span.is_known() => {
            span.start > anchor.start + overlap * (anchor.end - anchor.start)
        }
        _ => false,
    };
    pairs
        .iter()
        .filter(|p| p.copy && !glued(p.ends[0], p.spans[0]) && !glued(p.ends[1], p.spans[1]))
        .map(|p| (p.ends[0], p.ends[1]))
        .collect()
}

/// Candidate pairs `(a, b)` with `a < b`, sorted and distinct.
///
/// Each worker buckets a few bands at a time (8 bytes of key per document and band) and
/// gathers its pairs in a set, so a pair that agrees on many bands is held once, not once
/// per band; the workers' sets are merged and sorted at the end.
fn candidate_pairs(fingerprints: &[Fingerprint], config: &DedupConfig) -> Vec<(usize, usize)> {
    let rows = config.rows.max(1);
    let bands = config.bands.min(config.permutations / rows).max(1);
    let pair_set = || PairSet::with_hasher(FixedState::default());
    let passes = bands.div_ceil(BANDS_PER_PASS);
    let distinct = (0..passes)
        .into_par_iter()
        .fold(pair_set, |mut pairs, pass| {
            let first = pass * BANDS_PER_PASS;
            let last = (first + BANDS_PER_PASS).min(bands);
            // The bucket in the high half, the ordinal in the low half: one u64 a document,
            // which sorts twice as fast as a (key, ordinal) pair. Two buckets that share
            // their 32 bits only add candidates, which verification rejects.
            let mut keys: Vec<Vec<u64>> = (first..last)
                .map(|_| Vec::with_capacity(fingerprints.len()))
                .collect();
            for (ordinal, f) in fingerprints.iter().enumerate() {
                for (band, keys) in (first..last).zip(&mut keys) {
                    if let Some(values) = f.signature.get(band * rows..(band + 1) * rows) {
                        keys.push(
                            band_key(values, band as u64) & !u64::from(u32::MAX) | ordinal as u64,
                        );
                    }
                }
            }
            let mut members: Vec<u32> = Vec::new();
            for keys in &mut keys {
                keys.sort_unstable();
                for bucket in keys
                    .chunk_by(|a, b| a >> 32 == b >> 32)
                    .filter(|b| b.len() > 1)
                {
                    members.clear();
                    members.extend(bucket.iter().map(|&k| k as u32));
                    pairs.extend(bucket_pairs(&members).map(|(a, b)| (a as u64) << 32 | b as u64));
                }
            }
            pairs
        })
        .reduce(pair_set, |a, b| {
            let (mut larger, smaller) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            larger.extend(smaller);
            larger
        });
    let mut pairs: Vec<u64> = distinct.into_iter().collect();
    pairs.par_sort_unstable();
    pairs
        .into_iter()
        .map(|p| ((p >> 32) as usize, (p & u64::from(u32::MAX)) as usize))
        .collect()
}

/// Bands bucketed in one pass over the fingerprints. A signature is a heap block of its
/// own, so a pass per band fetched a fresh cache line of every document for each band:
/// eight bands of two rows read one 64-byte line of each signature per pass.
const BANDS_PER_PASS: usize = 8;

/// Distinct candidate pairs, packed as `a << 32 | b`.
type PairSet = std::collections::HashSet<u64, FixedState>;

/// The bucket of one band of a signature: its values hashed with the band number.
fn band_key(values: &[u32], band: u64) -> u64 {
    values.iter().fold(mix64(band ^ 0x9e37_79b9), |h, &v| {
        mix64(h.rotate_left(17) ^ v as u64)
    })
}

/// The pairs of one bucket, `(lower, higher)`: all of them, or for a bucket above
/// [`BUCKET_ALL_PAIRS`] members, each with its successor and with the first.
fn bucket_pairs(members: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let all = members.len() <= BUCKET_ALL_PAIRS;
    let every = members
        .iter()
        .enumerate()
        .filter(move |_| all)
        .flat_map(move |(i, &a)| members[i + 1..].iter().map(move |&b| (a.min(b), a.max(b))));
    let chain = members
        .windows(2)
        .filter(move |_| !all)
        .map(|w| (w[0], w[1]))
        .chain(
            members
                .iter()
                .skip(2)
                .filter(move |_| !all)
                .map(|&b| (members[0], b)),
        );
    every.chain(chain)
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
        run_on_sites(texts, &vec![0; texts.len()], config)
    }

    fn run_on_sites(texts: &[String], sites: &[u32], config: &DedupConfig) -> Dedup {
        let s = Shingler::new(config.shingle_size, config.permutations, 42);
        let fps: Vec<_> = texts.iter().map(|t| s.fingerprint(t)).collect();
        let info: Vec<_> = texts
            .iter()
            .zip(sites)
            .map(|(t, &site)| KeepInfo {
                site,
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

    fn words(salt: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{salt}{i}")).collect()
    }

    fn members(d: &Dedup) -> Vec<Vec<usize>> {
        d.clusters
            .iter()
            .map(|c| c.members.iter().map(|m| m.ordinal).collect())
            .collect()
    }

    #[test]
    fn a_story_glued_below_a_truncated_copy_does_not_pull_it_away() {
        // 0: story A; 1: story B; 2: a copy of B; 3: A cut to 60% with all of B glued
        // below. B's text is most of 3 and its share starts in 3's first third, inside
        // `max_head`, so only the rule that a story is told from its start keeps 3 with A.
        let a = words("alfa", 300);
        let b = words("beta", 400);
        let glued = format!("{} {}", a[..180].join(" "), b.join(" "));
        let texts = vec![a.join(" "), b.join(" "), b[..380].join(" "), glued];
        let d = run(&texts, &DedupConfig::default());
        assert_eq!(members(&d), [vec![0, 3], vec![1, 2]]);
    }

    #[test]
    fn a_copy_cut_short_still_disowns_the_story_glued_below_it() {
        // 3 is A cut to 40% (too little of A to be its copy) with B glued below; B's share
        // starts in 3's first third. The weak match with A, from another site, says
        // where 3's own story stands, so 3 is nobody's copy. From A's own site the same
        // match is taken for template (a gallery's captions left on every page), and 3
        // is B's copy.
        let a = words("alfa", 300);
        let b = words("beta", 400);
        let glued = format!("{} {}", a[..120].join(" "), b.join(" "));
        let texts = vec![a.join(" "), b.join(" "), b[..380].join(" "), glued];
        let d = run_on_sites(&texts, &[1, 2, 3, 4], &DedupConfig::default());
        assert_eq!(members(&d), [vec![1, 2]]);
        let d = run_on_sites(&texts, &[1, 2, 3, 1], &DedupConfig::default());
        assert_eq!(members(&d), [vec![1, 2, 3]]);
    }

    #[test]
    fn a_pair_whose_span_is_unknown_is_neither_anchor_nor_glued() {
        let span = |start, end| Span { start, end };
        let (head, tail, unknown) = (span(0.0, 0.3), span(0.6, 1.0), span(1.0, 0.0));
        let pair = |b, spans| Related {
            ends: [0, b],
            spans,
            copy: true,
        };
        let pairs = [
            pair(1, [head, head]),
            pair(2, [unknown, unknown]),
            pair(3, [tail, head]),
        ];
        let kept = drop_glued(&pairs, &vec![KeepInfo::default(); 4], 0.8);
        assert_eq!(kept, [(0, 1), (0, 2)]);
    }

    #[test]
    fn two_stories_sharing_only_a_glued_tail_stay_apart() {
        // 2 and 3 tell different stories (A and C) with the same story B glued below.
        let (a, b, c) = (words("alfa", 200), words("beta", 200), words("gamma", 200));
        let texts = vec![
            a.join(" "),
            c.join(" "),
            format!("{} {}", a.join(" "), b.join(" ")),
            format!("{} {}", c.join(" "), b.join(" ")),
        ];
        let d = run(&texts, &DedupConfig::default());
        assert_eq!(members(&d), [vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn documents_shorter_than_a_shingle_match_exactly() {
        let texts: Vec<String> = ["Brug dicht", "brug DICHT!", "Brug open"]
            .map(String::from)
            .into();
        let d = run(&texts, &DedupConfig::default());
        assert_eq!(members(&d), [vec![0, 1]]);
    }

    #[test]
    fn unspaced_scripts_match_by_characters() {
        let story = "市议会周二决定关闭运河上的旧桥进行维修工程预计将持续三个月期间行人和骑车者可以使用临时渡轮";
        let copy = story.replace("三个月", "四个月");
        let other =
            "足球俱乐部在周末的比赛中以二比一战胜了对手球迷们在体育场外庆祝到深夜警方维持秩序";
        let texts = vec![story.to_string(), copy, other.to_string()];
        let d = run(&texts, &DedupConfig::default());
        assert_eq!(members(&d), [vec![0, 1]]);
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
                ..Default::default()
            },
            KeepInfo {
                cleaned_len: 30,
                stripped: 30,
                original_len: 60,
                date: None,
                ..Default::default()
            },
            KeepInfo {
                cleaned_len: 30,
                stripped: 0,
                original_len: 30,
                date: Some("2023-01-01".into()),
                ..Default::default()
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
        assert!(bucket_pairs(&members).count() < 2000);
    }
}
