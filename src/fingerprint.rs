//! Fingerprints: word shingles of a story and their MinHash signature.
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

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::normalize::{normalize_into, Digits};

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

/// A story's fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Shingle hashes in text order (with repeats), for locating where an overlap lies.
    pub sequence: Vec<u64>,
    /// The distinct shingle hashes, sorted, for exact Jaccard and containment.
    pub set: Vec<u64>,
    /// The one-permutation MinHash signature (empty when the text has no words).
    pub signature: Vec<u32>,
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
            permutations: permutations.max(1),
            word_seed: derive_seed(seed, 0),
            bin_seed: derive_seed(seed, 1),
        }
    }

    /// The fingerprint of `text`.
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        let mut key = String::with_capacity(text.len());
        normalize_into(text, Digits::Keep, &mut key);
        let words: Vec<u64> = key
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| xxh3_64_with_seed(w.as_bytes(), self.word_seed))
            .collect();
        let sequence = self.shingles(&words);
        let mut set = sequence.clone();
        set.sort_unstable();
        set.dedup();
        let signature = self.signature(&set);
        Fingerprint {
            sequence,
            set,
            signature,
        }
    }

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

    fn signature(&self, set: &[u64]) -> Vec<u32> {
        if set.is_empty() {
            return Vec::new();
        }
        let bins = self.permutations as u64;
        let mut signature = vec![u32::MAX; self.permutations];
        let mut filled = vec![false; self.permutations];
        for &shingle in set {
            let h = mix64(shingle ^ self.bin_seed);
            let bin = (((h >> 32) * bins) >> 32) as usize;
            let value = h as u32;
            if value <= signature[bin] {
                signature[bin] = value;
                filled[bin] = true;
            }
        }
        let original = signature.clone();
        for bin in 0..self.permutations {
            if filled[bin] {
                continue;
            }
            let mut attempt = 0u64;
            loop {
                attempt += 1;
                let probe = mix64(self.bin_seed ^ ((bin as u64) << 32) ^ attempt);
                let donor = (((probe >> 32) * bins) >> 32) as usize;
                if filled[donor] {
                    signature[bin] = original[donor];
                    break;
                }
            }
        }
        signature
    }
}

/// How two fingerprints overlap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Distinct shingles in both.
    pub shared: usize,
    /// |A ∩ B| / |A ∪ B|.
    pub jaccard: f64,
    /// |A ∩ B| / min(|A|, |B|): how much of the smaller one the larger one contains.
    pub containment: f64,
    /// Where in the larger document the shared text begins: the first run of three shared
    /// shingles in a row, as a share of its length (0 = the very start, 1 = no such run).
    pub head: f64,
}

/// Measures the overlap of two fingerprints exactly.
pub fn overlap(a: &Fingerprint, b: &Fingerprint) -> Overlap {
    let shared = intersection(&a.set, &b.set);
    let union = a.set.len() + b.set.len() - shared;
    let smaller = a.set.len().min(b.set.len());
    let (large, small) = if (a.set.len(), &a.sequence) >= (b.set.len(), &b.sequence) {
        (a, b)
    } else {
        (b, a)
    };
    Overlap {
        shared,
        jaccard: if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        },
        containment: if smaller == 0 {
            0.0
        } else {
            shared as f64 / smaller as f64
        },
        head: head_position(large, small, shared),
    }
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn head_position(large: &Fingerprint, small: &Fingerprint, shared: usize) -> f64 {
    let len = large.sequence.len();
    if shared == 0 || len == 0 {
        return 1.0;
    }
    // A short document may share fewer than three shingles in a row with anything.
    let run_wanted = 3.min(small.sequence.len());
    let mut run = 0;
    for (position, shingle) in large.sequence.iter().enumerate() {
        if small.set.binary_search(shingle).is_ok() {
            run += 1;
            if run == run_wanted {
                return (position + 1 - run_wanted) as f64 / len as f64;
            }
        } else {
            run = 0;
        }
    }
    1.0
}

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

    #[test]
    fn short_documents_get_one_shingle() {
        let s = Shingler::new(5, 16, 7);
        let f = s.fingerprint("twee woorden");
        assert_eq!(f.set.len(), 1);
        assert_eq!(f.signature.len(), 16);
        assert!(s.fingerprint("").signature.is_empty());
    }

    #[test]
    fn containment_catches_a_truncated_copy_and_head_finds_where() {
        let s = Shingler::new(3, 128, 1);
        let full = format!("{} {}", words(200, "a"), words(200, "b"));
        let first_half = words(200, "a");
        let second_half = words(200, "b");
        let o = overlap(&s.fingerprint(&full), &s.fingerprint(&first_half));
        assert!(o.containment > 0.99 && o.jaccard < 0.55, "{o:?}");
        assert!(o.head < 0.05, "{o:?}");
        let tail = overlap(&s.fingerprint(&full), &s.fingerprint(&second_half));
        assert!(tail.head > 0.45, "{tail:?}");
    }

    #[test]
    fn signature_agreement_estimates_jaccard() {
        let s = Shingler::new(2, 256, 3);
        let a = s.fingerprint(&words(600, "x"));
        let b = s.fingerprint(&format!("{} {}", words(300, "x"), words(300, "y")));
        let exact = overlap(&a, &b).jaccard;
        let agree = a
            .signature
            .iter()
            .zip(&b.signature)
            .filter(|(x, y)| x == y)
            .count();
        let estimate = agree as f64 / 256.0;
        assert!(
            (estimate - exact).abs() < 0.1,
            "estimate {estimate} exact {exact}"
        );
    }
}
