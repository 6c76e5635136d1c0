//! Normalisation: the form that hash keys are made from, never the form that is written.
//!
//! A key form is NFKC-normalised, lowercased, with every run of characters that is neither
//! a letter nor a digit folded to one space, trimmed. For clutter keys every run of digits
//! becomes one `0`, so `334 keer bekeken` and `12 keer bekeken` share a key; story shingles keep digits,
//! because numbers tell stories apart. Characters of scripts written without spaces
//! (Han, kana, Thai, Lao, Khmer, Myanmar) become tokens of their own, which makes word
//! shingles over them character shingles.
//!
//! Pure ASCII text, most of every corpus, takes a fast path with the same result.

use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64;

/// Whether digits are kept or all mapped to `0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// Keep digits as they are (story fingerprints).
    Keep,
    /// Map every run of digits to one `0` (template keys, robust to counters and dates).
    Mask,
}

/// Whether a character belongs to a script written without spaces between words.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff      // Hiragana, Katakana
        | 0x3400..=0x4dbf    // CJK Extension A
        | 0x4e00..=0x9fff    // CJK Unified Ideographs
        | 0xf900..=0xfaff    // CJK Compatibility Ideographs
        | 0x20000..=0x2fa1f  // CJK Extensions B.. and supplement
        | 0x0e00..=0x0eff    // Thai, Lao
        | 0x1000..=0x109f    // Myanmar
        | 0x1780..=0x17ff    // Khmer
    )
}

/// Writes the key form of `text` into `out` (cleared first).
pub fn normalize_into(text: &str, digits: Digits, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            let masked = digits == Digits::Mask && c.is_numeric();
            if masked && !pending_space && out.ends_with('0') {
                return; // a run of digits masks to one `0`
            }
            let c = if masked { '0' } else { c };
            let unspaced = is_unspaced(c);
            if (pending_space || unspaced) && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = unspaced;
            out.push(c);
        } else {
            pending_space = true;
        }
    };
    if text.is_ascii() {
        for b in text.bytes() {
            push(b.to_ascii_lowercase() as char, out);
        }
    } else {
        for c in text.nfkc() {
            for lower in c.to_lowercase() {
                push(lower, out);
            }
        }
    }
}

/// The key form of `text` as a new string.
pub fn normalize(text: &str, digits: Digits) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, digits, &mut out);
    out
}

/// The 64-bit template key of a block: xxh3 of its digit-masked key form.
pub fn block_key(text: &str, scratch: &mut String) -> u64 {
    normalize_into(text, Digits::Mask, scratch);
    xxh3_64(scratch.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_space_fold() {
        assert_eq!(
            normalize("  Lees OOK:  «Meer» nieuws!! ", Digits::Keep),
            "lees ook meer nieuws"
        );
        assert_eq!(
            normalize("Ｆｕｌｌ－ｗｉｄｔｈ", Digits::Keep),
            "full width"
        );
    }

    #[test]
    fn digits_are_masked_only_when_asked() {
        assert_eq!(
            normalize("334 keer bekeken", Digits::Mask),
            "0 keer bekeken"
        );
        assert_eq!(
            normalize("334 keer bekeken", Digits::Keep),
            "334 keer bekeken"
        );
        let mut s = String::new();
        assert_eq!(
            block_key("12 keer bekeken", &mut s),
            block_key("9 keer Bekeken.", &mut s)
        );
    }

    #[test]
    fn ascii_fast_path_matches_unicode_path() {
        for text in ["Hello, World 42", "a-b_c", "It's--fine"] {
            let mut slow = String::new();
            let mut pending = false;
            for c in text.nfkc().flat_map(char::to_lowercase) {
                if c.is_alphanumeric() {
                    if pending && !slow.is_empty() {
                        slow.push(' ');
                    }
                    pending = false;
                    slow.push(c);
                } else {
                    pending = true;
                }
            }
            assert_eq!(normalize(text, Digits::Keep), slow);
        }
    }

    #[test]
    fn unspaced_scripts_become_one_token_per_character() {
        assert_eq!(normalize("東京都に住む", Digits::Keep), "東 京 都 に 住 む");
        assert_eq!(normalize("Tokyo東京 ok", Digits::Keep), "tokyo 東 京 ok");
    }

    #[test]
    fn accents_survive_and_compose() {
        assert_eq!(
            normalize("Cafe\u{301} Oekraïne", Digits::Keep),
            "café oekraïne"
        );
    }
}
