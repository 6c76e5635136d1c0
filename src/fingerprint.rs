//! Fingerprints: a fixed-size sketch of a story's word shingles.
//!
//! Words are the tokens of the key form with digits kept (see [`crate::normalize`]); each
//! word is hashed once with seeded xxh3 and shingles are rolled over the word hashes, so no
//! shingle string is ever built. A document shorter than one shingle gets a single shingle
//! of all its words, so short exact copies still match.
//!
//! The signature is one-permutation MinHash (Li, Owen & Zhang 2012): each shingle is hashed
//! once, the hash picks one of `permutations` bins and the bin keeps its minimum; empty
//! bins borrow from a non-empty bin chosen by a seeded probe sequence (optimal
//! densification, Shrivastava 2017). Cost is one hash per shingle instead of one per
//! shingle and permutation, and equal sets always get equal signatures.
//!
//! Each bin also records where in the document its shingle first stands, as a share of
//! the document's length. Verification works on these sketches alone: the share of agreeing
//! bins estimates the Jaccard index, the set sizes turn it into containment, and the
//! earliest agreeing position says where shared text begins. A fingerprint is therefore
//! the same size for a headline and for a book, which is what lets dedup hold millions of
//! documents in memory without holding their text.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::normalize::{normalize, word_spans};

/// splitmix64's finaliser: a fast, well-mixed bijection on 64-bit words.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Derives the `n`-th sub-seed of a user seed (splitmix64 stream), recorded in the report.
pub fn derive_seed(seed: u64, n: u64) -> u64 {
    mix64(seed.wrapping_add(0x9e37_79b9_7f4a_7c15u64.wrapping_mul(n + 1)))
}

/// The position stored for a bin that holds no shingle of its own (it borrowed one).
const BORROWED: u16 = u16::MAX;

/// A story's fingerprint: fixed-size, whatever the length of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The one-permutation MinHash signature (empty when the text has no words).
    pub signature: Box<[u32]>,
    /// Per bin, where the bin's shingle first stands, in 65,535ths of the document
    /// (`u16::MAX` for a bin that borrowed its value by densification).
    pub positions: Box<[u16]>,
    /// Distinct shingles.
    pub shingles: u32,
}

/// Computes fingerprints with fixed parameters.
#[derive(Debug, Clone)]
pub struct Shingler {
    shingle_size: usize,
    permutations: usize,
    word_seed: u64,
    bin_seed: u64,
}

impl Shingler {
    /// A shingler of `shingle_size` words and `permutations` signature values.
    pub fn new(shingle_size: usize, permutations: usize, seed: u64) -> Shingler {
        Shingler {
            shingle_size: shingle_size.max(1),
            permutations: permutations.clamp(1, BORROWED as usize),
            word_seed: derive_seed(seed, 0),
            bin_seed: derive_seed(seed, 1),
        }
    }

    /// The fingerprint of `text`.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        self.fingerprint_form(&normalize(text))
    }

    /// The fingerprint of a text whose key form (see [`crate::normalize`]) is `form`: what
    /// the pipeline uses, since clutter removal has the form at hand already.
    pub fn fingerprint_form(&self, form: &str) -> Fingerprint {
        // About one word per five bytes: reserved at once, so the vector does not regrow.
        let mut words = Vec::with_capacity(form.len() / 5 + 1);
        words.extend(
            word_spans(form)
                .filter(|&(start, end)| end > start)
                .map(|(start, end)| {
                    xxh3_64_with_seed(&form.as_bytes()[start..end], self.word_seed)
                }),
        );
        let sequence = self.shingles(&words);
        let (signature, positions) = self.signature(&sequence);
        Fingerprint {
            signature,
            positions,
            shingles: count_distinct(&sequence),
        }
    }

    /// Shingle hashes in text order, with repeats.
    fn shingles(&self, words: &[u64]) -> Vec<u64> {
        if words.is_empty() {
            return Vec::new();
        }
        let k = self.shingle_size.min(words.len());
        words
            .windows(k)
            .map(|window| {
                let mut h = k as u64;
                for &w in window {
                    h = mix64(h.rotate_left(29) ^ w);
                }
                h
            })
            .collect()
    }

    fn signature(&self, sequence: &[u64]) -> (Box<[u32]>, Box<[u16]>) {
        if sequence.is_empty() {
            return (Box::default(), Box::default());
        }
        let bins = self.permutations as u64;
        let mut signature = vec![u32::MAX; self.permutations];
        let mut positions = vec![BORROWED; self.permutations];
        let scale = (BORROWED - 1) as u64;
        let length = sequence.len() as u64;
        for (at, &shingle) in sequence.iter().enumerate() {
            let h = mix64(shingle ^ self.bin_seed);
            let bin = (((h >> 32) * bins) >> 32) as usize;
            let value = h as u32;
            // Strictly smaller, or an empty bin: a repeated shingle keeps its first place.
            if value < signature[bin] || positions[bin] == BORROWED {
                signature[bin] = value;
                positions[bin] = (at as u64 * scale / length) as u16;
            }
        }
        let original = signature.clone();
        for bin in 0..self.permutations {
            if positions[bin] != BORROWED {
                continue;
            }
            let mut attempt = 0u64;
            loop {
                attempt += 1;
                let probe = mix64(self.bin_seed ^ ((bin as u64) << 32) ^ attempt);
                let donor = (((probe >> 32) * bins) >> 32) as usize;
                if positions[donor] != BORROWED {
                    signature[bin] = original[donor];
                    break;
                }
            }
        }
        (signature.into(), positions.into())
    }
}

/// How many distinct values `hashes` holds, exactly: a linear-probing table at most half
/// full, which for a page's shingles is faster than sorting them.
fn count_distinct(hashes: &[u64]) -> u32 {
    let size = (hashes.len() * 2).next_power_of_two().max(16);
    let mask = size - 1;
    // Slots hold a value plus one, so 0 marks an empty slot (u64::MAX is counted aside).
    let mut slots = vec![0u64; size];
    let mut distinct = 0;
    let mut saw_max = false;
    for &hash in hashes {
        let Some(stored) = hash.checked_add(1) else {
            saw_max = true;
            continue;
        };
        let mut at = (mix64(hash) as usize) & mask;
        loop {
            match slots[at] {
                0 => {
                    slots[at] = stored;
                    distinct += 1;
                    break;
                }
                slot if slot == stored => break,
                _ => at = (at + 1) & mask,
            }
        }
    }
    distinct + u32::from(saw_max)
}

/// Where the text two documents share lies in one of them, as shares of its length
/// (0 = its start, 1 = its end), estimated from the agreeing bins' positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Where the shared text begins.
    pub start: f64,
    /// Where the shared text ends.
    pub end: f64,
}

impl Span {
    /// The span of a pair that shares nothing: it begins past the end.
    const NONE: Span = Span {
        start: 1.0,
        end: 0.0,
    };

    /// Whether the sketches placed the shared text at all (too few agreeing bins of the
    /// documents' own shingles leave it unknown).
    pub fn is_known(&self) -> bool {
        self.start <= self.end
    }
}

/// How two fingerprints overlap, as estimated from their sketches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// |A ∩ B| / |A ∪ B|: the share of agreeing bins.
    pub jaccard: f64,
    /// |A ∩ B| / min(|A|, |B|): how much of the smaller one the larger one contains,
    /// derived from the Jaccard estimate and the exact set sizes.
    pub containment: f64,
    /// Where in the larger document the shared text begins, as a share of its length
    /// (0 = the very start, 1 = nothing shared).
    pub head: f64,
    /// Where the shared text lies in the first document and in the second: what tells a
    /// story glued below another from the story it copies.
    pub spans: [Span; 2],
}

/// Agreeing bins (of a bin's own shingle in both) needed before an earliest or latest
/// shared position is believed: one agreeing bin may be a stock phrase ("according to
/// the").
const WITNESSES: usize = 2;

/// The Jaccard index and containment of two fingerprints made by the same [`Shingler`]:
/// the cheap part of [`overlap`], enough to reject most candidate pairs.
pub fn resemblance(a: &Fingerprint, b: &Fingerprint) -> (f64, f64) {
    let bins = a.signature.len().min(b.signature.len());
    if bins == 0 {
        return (0.0, 0.0);
    }
    let agree = a.signature[..bins]
        .iter()
        .zip(&b.signature[..bins])
        .filter(|(x, y)| x == y)
        .count();
    let jaccard = agree as f64 / bins as f64;
    let (na, nb) = (a.shingles as f64, b.shingles as f64);
    let shared = jaccard * (na + nb) / (1.0 + jaccard);
    let containment = (shared / na.min(nb).max(1.0)).min(1.0);
    (jaccard, containment)
}

/// Estimates the overlap of two fingerprints made by the same [`Shingler`].
pub fn overlap(a: &Fingerprint, b: &Fingerprint) -> Overlap {
    overlap_given(a, b, resemblance(a, b))
}

/// [`overlap`] for a caller that has the pair's [`resemblance`] already.
pub fn overlap_given(a: &Fingerprint, b: &Fingerprint, resemblance: (f64, f64)) -> Overlap {
    let (jaccard, containment) = resemblance;
    // A very short document agrees in few bins; then its single earliest one has to do.
    let needed = WITNESSES.min(a.shingles.min(b.shingles).max(1) as usize);
    let spans = shared_spans(a, b, needed);
    let head = match a.shingles.cmp(&b.shingles) {
        std::cmp::Ordering::Greater => spans[0].start,
        std::cmp::Ordering::Less => spans[1].start,
        std::cmp::Ordering::Equal => spans[0].start.min(spans[1].start),
    };
    Overlap {
        jaccard,
        containment,
        head,
        spans,
    }
}

/// The spans of shared text in `a` and in `b`: from the earliest to the latest position of
/// a shingle both sketches hold in their own right (a borrowed bin says nothing of where
/// its value stands), leaving out the outer twentieth of the agreeing bins at either end, and
/// at least `needed - 1`: stock phrases ("said on Monday") agree far from the shared text.
fn shared_spans(a: &Fingerprint, b: &Fingerprint, needed: usize) -> [Span; 2] {
    let bins = a.signature.len().min(b.signature.len());
    let (mut in_a, mut in_b) = (Vec::with_capacity(bins), Vec::with_capacity(bins));
    for i in 0..bins {
        let (pa, pb) = (a.positions[i], b.positions[i]);
        if pa != BORROWED && pb != BORROWED && a.signature[i] == b.signature[i] {
            in_a.push(pa);
            in_b.push(pb);
        }
    }
    [span(&mut in_a, needed), span(&mut in_b, needed)]
}

/// The span of agreeing positions, trimmed as [`shared_spans`] says.
fn span(positions: &mut [u16], needed: usize) -> Span {
    if needed == 0 || positions.len() < needed {
        return Span::NONE;
    }
    let last = positions.len() - 1;
    let outer = (needed - 1).max(positions.len() / OUTLIER_SHARE).min(last);
    let scale = (BORROWED - 1) as f64;
    // Two selections, not a sort: only the two ranks are wanted.
    let start = *positions.select_nth_unstable(outer).1;
    let end = *positions.select_nth_unstable(last - outer).1;
    Span {
        start: start as f64 / scale,
        end: end as f64 / scale,
    }
}

/// One agreeing bin in this many, at either end of a span, is taken for a stray match.
const OUTLIER_SHARE: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("w{salt}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn equal_texts_have_equal_fingerprints_whatever_the_case_and_punctuation() {
        let s = Shingler::new(3, 64, 7);
        assert_eq!(
            s.fingerprint("De brug, gaat DICHT!"),
            s.fingerprint("de brug gaat dicht")
        );
    }

    proptest::proptest! {
        #[test]
        fn distinct_count_is_exact(
            values in proptest::collection::vec(
                proptest::prop_oneof![0u64..40, proptest::num::u64::ANY, proptest::strategy::Just(u64::MAX)],
                0..300,
            )
        ) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            sorted.dedup();
            proptest::prop_assert_eq!(count_distinct(&values) as usize, sorted.len());
        }
    }

    #[test]
    fn short_documents_get_one_shingle() {
        let s = Shingler::new(5, 16, 7);
        let f = s.fingerprint("twee woorden");
        assert_eq!(f.shingles, 1);
        assert_eq!(f.signature.len(), 16);
        assert!(s.fingerprint("").signature.is_empty());
        let o = overlap(&f, &s.fingerprint("Twee woorden."));
        assert_eq!((o.jaccard, o.head), (1.0, 0.0));
    }

    #[test]
    fn a_fingerprint_has_the_same_size_for_any_text() {
        let s = Shingler::new(3, 128, 1);
        let short = s.fingerprint(&words(10, "a"));
        let long = s.fingerprint(&words(50_000, "a"));
        assert_eq!(short.signature.len(), long.signature.len());
        assert_eq!(short.positions.len(), long.positions.len());
        assert_eq!(long.shingles, 49_998);
    }

    #[test]
    fn containment_catches_a_truncated_copy_and_head_finds_where() {
        let s = Shingler::new(3, 128, 1);
        let full = format!("{} {}", words(200, "a"), words(200, "b"));
        let first_half = words(200, "a");
        let second_half = words(200, "b");
        let o = overlap(&s.fingerprint(&full), &s.fingerprint(&first_half));
        assert!(o.containment > 0.85 && o.jaccard < 0.6, "{o:?}");
        assert!(o.head < 0.05, "{o:?}");
        let tail = overlap(&s.fingerprint(&full), &s.fingerprint(&second_half));
        assert!(tail.head > 0.45 && tail.head < 0.6, "{tail:?}");
        let none = overlap(&s.fingerprint(&first_half), &s.fingerprint(&second_half));
        assert_eq!((none.jaccard, none.head), (0.0, 1.0));
    }

    #[test]
    fn spans_say_where_the_shared_text_lies_in_each_document() {
        let s = Shingler::new(3, 256, 1);
        let full = s.fingerprint(&format!("{} {}", words(300, "a"), words(300, "b")));
        let tail = s.fingerprint(&words(300, "b"));
        let [in_full, in_tail] = overlap(&full, &tail).spans;
        assert!(in_full.start > 0.45 && in_full.start < 0.6, "{in_full:?}");
        assert!(in_full.end > 0.95, "{in_full:?}");
        assert!(in_tail.start < 0.05 && in_tail.end > 0.9, "{in_tail:?}");
        let [first, second] = overlap(&tail, &full).spans;
        assert_eq!(
            (first, second),
            (in_tail, in_full),
            "the order follows the arguments"
        );
    }

    #[test]
    fn agreeing_bins_estimate_the_exact_jaccard_index() {
        let s = Shingler::new(3, 128, 3);
        for (keep, extra) in [(600, 0), (450, 150), (300, 300), (150, 450)] {
            let a = words(600, "x");
            let b = format!("{} {}", words(keep, "x"), words(extra, "y"));
            // Exact: the first `keep - 2` shingles are shared, each side has 598.
            let shared = keep.saturating_sub(2) as f64;
            let exact = shared / (2.0 * 598.0 - shared);
            let o = overlap(&s.fingerprint(&a), &s.fingerprint(&b));
            assert!(
                (o.jaccard - exact).abs() < 0.12,
                "keep {keep}: estimate {} exact {exact}",
                o.jaccard
            );
        }
    }
}
