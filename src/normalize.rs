//! Normalisation: the form that hash keys are made from, never the form that is written.
//!
//! A key form is NFKC-normalised, lowercased, with every run of characters that is neither
//! a letter nor a digit folded to one space, trimmed. Characters of scripts written without
//! spaces (Han, kana, Thai, Lao, Khmer, Myanmar) become tokens of their own, which makes
//! word shingles over them character shingles. Story shingles use the key form as it is,
//! because numbers tell stories apart; template keys mask it further, every run of digits
//! becoming one `0` ([`mask_digits`]), so `334 keer bekeken` and `12 keer bekeken` share a
//! key.
//!
//! A page's key form is computed once, block by block; everything downstream (template
//! keys, clutter rules, shingles) reads it. Forms of texts joined by white space are the
//! texts' forms joined by one space. Pure ASCII text, most of
//! every corpus, takes a fast path with the same result.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

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
///
/// Runs of ASCII, most of every page, skip NFKC and Unicode case tables. Text between them
/// is normalised on its own, together with the ASCII character before it (which combining
/// marks may compose with): an ASCII character never composes with what stands before it,
/// so NFKC of the pieces is NFKC of the whole.
pub fn normalize_into(text: &str, out: &mut String) {
    let mut buffer = std::mem::take(out).into_bytes();
    buffer.clear();
    buffer.reserve(text.len() + 1);
    let mut key = KeyWriter {
        out: buffer,
        pending_space: false,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let ascii_end = first_non_ascii(bytes, at);
        if ascii_end == bytes.len() {
            key.push_ascii(&bytes[at..]);
            break;
        }
        let unicode_start = ascii_end.saturating_sub(1).max(at);
        key.push_ascii(&bytes[at..unicode_start]);
        let unicode_end = next_position(bytes, ascii_end, |b| b.is_ascii());
        key.push_unicode(&text[unicode_start..unicode_end]);
        at = unicode_end;
    }
    *out = String::from_utf8(key.out).expect("key forms are written a whole character at a time");
}

/// Writes `form` (a key form) into `out` with every run of digits masked to one `0`.
pub fn mask_digits(form: &str, out: &mut String) {
    out.clear();
    let mut in_digits = false;
    if form.is_ascii() {
        // Branch-free like `push_ascii`: each byte is written, and kept unless it repeats a digit.
        let mut bytes = std::mem::take(out).into_bytes();
        bytes.resize(form.len(), 0);
        let mut written = 0;
        for &b in form.as_bytes() {
            let digit = b.is_ascii_digit();
            bytes[written] = if digit { b'0' } else { b };
            written += usize::from(!(digit & in_digits));
            in_digits = digit;
        }
        bytes.truncate(written);
        *out = String::from_utf8(bytes).expect("ASCII in, ASCII out");
        return;
    }
    for c in form.chars() {
        let digit = c.is_numeric();
        if !(digit && in_digits) {
            out.push(if digit { '0' } else { c });
        }
        in_digits = digit;
    }
}

/// The first position at or after `from` of a byte that is not ASCII, or `bytes.len()`.
fn first_non_ascii(bytes: &[u8], from: usize) -> usize {
    // Whole chunks first: `is_ascii` tests a word at a time.
    let skipped: usize = bytes[from..]
        .chunks(32)
        .take_while(|chunk| chunk.is_ascii())
        .map(<[u8]>::len)
        .sum();
    next_position(bytes, from + skipped, |b| !b.is_ascii())
}

/// The first position at or after `from` whose byte passes `test`, or `bytes.len()`.
fn next_position(bytes: &[u8], from: usize, test: impl Fn(u8) -> bool) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| test(b))
        .map_or(bytes.len(), |n| from + n)
}

/// The key form of each ASCII byte: letters lowercased, digits kept, 0 for a separator.
static ASCII_KEY: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Whether eight ASCII bytes are key form but for their ends: lower-case letters, digits and
/// spaces, no two spaces together. Tested on all eight at once, each byte's high bit
/// standing for one comparison.
fn is_key_form_inside(chunk: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of ASCII `word` set where that byte is at least `c`: adding
    // 0x80 - c to a byte below 0x80 never carries into the next.
    let at_least = |word: u64, c: u8| word.wrapping_add(ONES * (0x80 - u64::from(c))) & HIGH;
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(chunk);
    let word = u64::from_le_bytes(bytes);
    let lower = at_least(word, b'a') & !at_least(word, b'z' + 1);
    let digit = at_least(word, b'0') & !at_least(word, b'9' + 1);
    let space = at_least(word, b' ') & !at_least(word, b' ' + 1);
    (lower | digit | space) == HIGH && space & (space << 8) == 0
}

/// Appends normalised characters to a key form, folding separators.
struct KeyWriter {
    /// The key form so far, UTF-8.
    out: Vec<u8>,
    /// A separator (or an unspaced character) came since the last character written.
    pending_space: bool,
}

impl KeyWriter {
    /// ASCII bytes: lowercase, no NFKC needed, never of an unspaced script. The steps of
    /// [`KeyWriter::push_alphanumeric`] with the Unicode tables left out. Eight bytes that
    /// are already key form inside (lower-case letters, digits, single spaces) are copied
    /// at once; other bytes go one at a time without a branch each: every byte writes its
    /// candidate space and character, and the write position only moves past those that
    /// count.
    fn push_ascii(&mut self, bytes: &[u8]) {
        debug_assert!(bytes.is_ascii());
        let start = self.out.len();
        let mut pending_space = self.pending_space;
        // A space is written only right before a character, at most one per separator run,
        // so the bytes plus one leading space always fit; one more makes the blind writes safe.
        self.out.resize(start + bytes.len() + 2, 0);
        let room = &mut self.out[start..];
        let mut written = 0;
        let step = |room: &mut [u8], b: u8, written: &mut usize, pending_space: &mut bool| {
            let lower = ASCII_KEY[b as usize];
            let alphanumeric = lower != 0;
            room[*written] = b' ';
            *written += usize::from(alphanumeric & *pending_space & (start + *written > 0));
            room[*written] = lower;
            *written += usize::from(alphanumeric);
            *pending_space = !alphanumeric;
        };
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            if !is_key_form_inside(chunk) {
                for &b in chunk {
                    step(room, b, &mut written, &mut pending_space);
                }
                continue;
            }
            // The chunk's first character needs a space before it when a separator came
            // first (its own leading space, or pending) and the form has begun.
            let begun = start + written > 0;
            let lead_space = chunk[0] == b' ';
            if !lead_space && pending_space && begun {
                room[written] = b' ';
                written += 1;
            }
            let from = usize::from(lead_space && !begun);
            let trail_space = chunk[7] == b' ';
            let to = 8 - usize::from(trail_space);
            let piece = &chunk[from..to];
            room[written..written + piece.len()].copy_from_slice(piece);
            written += piece.len();
            pending_space = trail_space;
        }
        for &b in chunks.remainder() {
            step(room, b, &mut written, &mut pending_space);
        }
        self.out.truncate(start + written);
        self.pending_space = pending_space;
    }

    /// Text without ASCII but for its first character: NFKC (skipped when the quick check
    /// proves it a no-op), then lowercase.
    fn push_unicode(&mut self, text: &str) {
        if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
            text.chars().for_each(|c| self.push_lowercase(c));
        } else {
            text.nfkc().for_each(|c| self.push_lowercase(c));
        }
    }

    fn push_lowercase(&mut self, c: char) {
        for lower in c.to_lowercase() {
            if lower.is_alphanumeric() {
                self.push_alphanumeric(lower);
            } else {
                self.pending_space = true;
            }
        }
    }

    fn push_alphanumeric(&mut self, c: char) {
        let unspaced = is_unspaced(c);
        // A space is only ever written right before a character, so `out` never ends in one.
        if (self.pending_space || unspaced) && !self.out.is_empty() {
            self.out.push(b' ');
        }
        self.pending_space = unspaced;
        let mut utf8 = [0; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }
}

/// The key form of `text` as a new string.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Byte spans of the words of a key form: the pieces between its spaces, as
/// `form.split(' ')` gives them (an empty form is one empty piece). The spaces are found
/// eight bytes at a time, as a bit mask per `u64` that each word then takes one bit off:
/// words are a few bytes long, and a vector search restarted per word (memchr's) costs
/// more in setting up than in searching. The clutter tally and the fingerprint both walk
/// every page's words with it.
pub fn word_spans(form: &str) -> WordSpans<'_> {
    let mut spans = WordSpans {
        bytes: form.as_bytes(),
        chunk: 0,
        spaces: 0,
        start: 0,
        done: false,
    };
    spans.spaces = spans.spaces_at(0);
    spans
}

/// The iterator of [`word_spans`].
pub struct WordSpans<'a> {
    bytes: &'a [u8],
    /// Offset of the eight bytes `spaces` marks.
    chunk: usize,
    /// The top bit of each byte of the chunk that is a space not yet given out.
    spaces: u64,
    /// Where the next word starts.
    start: usize,
    /// The last piece is given.
    done: bool,
}

impl WordSpans<'_> {
    /// The mask of spaces among the eight bytes from `at` (bytes past the end are none).
    fn spaces_at(&self, at: usize) -> u64 {
        let rest = self.bytes.get(at..).unwrap_or_default();
        let word = match rest.first_chunk::<8>() {
            Some(eight) => u64::from_le_bytes(*eight),
            None => {
                let mut padded = [0u8; 8];
                padded[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(padded)
            }
        };
        // Bytes equal to a space become zero; a byte is zero exactly when neither its low
        // seven bits (added to 0x7f, they carry into the top bit) nor its top bit is set.
        const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        let x = word ^ 0x2020_2020_2020_2020;
        !(((x & LOW) + LOW) | x | LOW)
    }
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.spaces != 0 {
                let space = self.chunk + (self.spaces.trailing_zeros() / 8) as usize;
                self.spaces &= self.spaces - 1;
                let span = (self.start, space);
                self.start = space + 1;
                return Some(span);
            }
            if self.chunk + 8 >= self.bytes.len() {
                if self.done {
                    return None;
                }
                self.done = true;
                return Some((self.start, self.bytes.len()));
            }
            self.chunk += 8;
            self.spaces = self.spaces_at(self.chunk);
        }
    }
}

/// A 64-bit hash of one word of a key form, taken once per word of every page and shared by
/// the stop-word count and the pull-quote windows. A word of up to eight bytes, most
/// words, is packed into a `u64` whole (zero-padded, read with at most two loads; key-form
/// words hold no NUL) and mixed by a bijection, so no two such words share a hash; longer
/// words go through xxh3.
pub fn word_hash(word: &[u8]) -> u64 {
    match packed_word(word) {
        Some(packed) => crate::fingerprint::mix64(packed),
        None => xxh3_64(word),
    }
}

/// `word` as a little-endian `u64`, zero-padded, if it has at most eight bytes.
fn packed_word(word: &[u8]) -> Option<u64> {
    let byte = |i: usize| u64::from(word[i]);
    Some(match word.len() {
        0 => 0,
        1 => byte(0),
        2 => byte(0) | byte(1) << 8,
        3 => byte(0) | byte(1) << 8 | byte(2) << 16,
        len @ 4..=8 => {
            // The first four bytes and the last four, overlapping where the word is short.
            let (mut head, mut tail) = ([0u8; 4], [0u8; 4]);
            head.copy_from_slice(&word[..4]);
            tail.copy_from_slice(&word[len - 4..]);
            u64::from(u32::from_le_bytes(head))
                | u64::from(u32::from_le_bytes(tail)) << (8 * (len - 4))
        }
        _ => return None,
    })
}

/// The 64-bit template key of a block whose key form is `form`: xxh3 of the form with its
/// digits masked. `scratch` is working space.
pub fn template_key(form: &str, scratch: &mut String) -> u64 {
    let bytes = form.as_bytes();
    let numeric_beyond_ascii = || form.chars().any(|c| !c.is_ascii() && c.is_numeric());
    if !bytes.is_ascii() && numeric_beyond_ascii() {
        mask_digits(form, scratch);
        return xxh3_64(scratch.as_bytes());
    }
    // Only ASCII digits to mask: the pieces between digit runs go to a streaming xxh3
    // (which gives what the one-shot function would), each run as one `0`, uncopied.
    let is_digit = |b: &u8| b.is_ascii_digit();
    let Some(mut run) = bytes.iter().position(is_digit) else {
        return xxh3_64(bytes);
    };
    let mut hasher = Xxh3::new();
    let mut from = 0;
    loop {
        hasher.update(&bytes[from..run]);
        hasher.update(b"0");
        from = run
            + bytes[run..]
                .iter()
                .position(|b| !is_digit(b))
                .unwrap_or(bytes.len() - run);
        match bytes[from..].iter().position(is_digit) {
            Some(next) => run = from + next,
            None => break,
        }
    }
    hasher.update(&bytes[from..]);
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_and_space_fold() {
        assert_eq!(
            normalize("  Lees OOK:  «Meer» nieuws!! "),
            "lees ook meer nieuws"
        );
        assert_eq!(normalize("Ｆｕｌｌ－ｗｉｄｔｈ"), "full width");
    }

    #[test]
    fn short_words_hash_apart_and_long_words_hash() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefg",
            "abcdefghi",
            "ëé",
            "東",
        ];
        let hashes: std::collections::HashSet<u64> =
            words.iter().map(|w| word_hash(w.as_bytes())).collect();
        assert_eq!(hashes.len(), words.len());
        assert_eq!(word_hash(b"abcdefghi"), xxh3_64(b"abcdefghi"));
        for word in words.iter().filter(|w| w.len() <= 8) {
            let mut padded = [0u8; 8];
            padded[..word.len()].copy_from_slice(word.as_bytes());
            assert_eq!(
                packed_word(word.as_bytes()),
                Some(u64::from_le_bytes(padded))
            );
        }
    }

    #[test]
    fn template_keys_mask_digit_runs() {
        let mut s = String::new();
        mask_digits("334 keer bekeken a5b 2024 07", &mut s);
        assert_eq!(s, "0 keer bekeken a0b 0 0");
        mask_digits(&normalize("① ٣٤ x²"), &mut s);
        assert_eq!(s, "0 0 x0");
        assert_eq!(
            template_key(&normalize("12 keer bekeken"), &mut s),
            template_key(&normalize("9 keer Bekeken."), &mut s)
        );
        assert_ne!(
            template_key("keer bekeken", &mut s),
            template_key("0 keer bekeken", &mut s)
        );
    }

    /// The key form by the definition: NFKC of the whole text, lowercase, one character at a
    /// time. The fast paths of [`normalize_into`] must agree with it on every input.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfkc().flat_map(char::to_lowercase) {
            if !c.is_alphanumeric() {
                pending_space = true;
                continue;
            }
            let unspaced = is_unspaced(c);
            if (pending_space || unspaced) && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = unspaced;
            out.push(c);
        }
        out
    }

    fn assert_matches_reference(text: &str) {
        assert_eq!(normalize(text), reference(text), "{text:?}");
    }

    #[test]
    fn fast_paths_match_the_definition() {
        for text in [
            "Hello, World 42",
            "a-b_c",
            "It's--fine",
            "Cafe\u{301} au lait",
            "e\u{301}\u{327}x",
            "\u{301}leading mark",
            "Ｆｕｌｌ－ｗｉｄｔｈ １２３",
            "東京都に住む 2024年",
            "İstanbul İZMİR",
            "Straße STRASSE ß",
            "ﬁnance ½ x² Ⅻ ①②",
            "๑๒๓ ไทย",
            "ǅemal Ǆ",
            "한국어 \u{1100}\u{1161}\u{11a8}",
            "«Meer» nieuws • 12 • leestijd 3 min",
            "\u{2126}hm \u{212b}ngstr\u{f6}m",
        ] {
            assert_matches_reference(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn template_keys_hash_the_masked_form(form in "([a-zé]{0,4}[0-9٣]{0,3} ?){0,12}") {
            let mut masked = String::new();
            mask_digits(&form, &mut masked);
            proptest::prop_assert_eq!(template_key(&form, &mut String::new()), xxh3_64(masked.as_bytes()));
        }

        #[test]
        fn word_spans_are_the_pieces_between_spaces(form in "[ a\u{a0}\u{e9}\u{6771}]{0,40}") {
            let spans: Vec<&str> = word_spans(&form).map(|(s, e)| &form[s..e]).collect();
            proptest::prop_assert_eq!(spans, form.split(' ').collect::<Vec<_>>());
        }
    }

    #[test]
    fn key_form_chunks_are_recognised() {
        assert!(is_key_form_inside(b"abc de 9"));
        assert!(is_key_form_inside(b" abc de "));
        assert!(!is_key_form_inside(b"abc  de9"), "two spaces");
        assert!(!is_key_form_inside(b"Abc de 9"), "upper case");
        assert!(!is_key_form_inside(b"abc,de 9"), "punctuation");
        assert!(!is_key_form_inside(b"abc{de`9"), "just past z and before a");
        assert!(!is_key_form_inside(b"abc:de/9"), "just past 9 and before 0");
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_match_the_definition_on_prose(
            text in "([a-z0-9]{1,9}[ ,.A-Z]{0,2}){0,30}"
        ) {
            assert_matches_reference(&text);
        }

        #[test]
        fn fast_paths_match_the_definition_on_mixed_text(
            text in "[a-zA-Z0-9 .,'\u{e9}\u{df}\u{130}\u{301}\u{308}\u{327}\u{ff21}\u{ff11}\u{6771}\u{e51}\u{bd}\u{fb01}\u{2160}\u{1100}\u{1161}\u{11a8}\u{2126}\u{2022}]{0,24}"
        ) {
            assert_matches_reference(&text);
        }
    }

    #[test]
    fn unspaced_scripts_become_one_token_per_character() {
        assert_eq!(normalize("東京都に住む"), "東 京 都 に 住 む");
        assert_eq!(normalize("Tokyo東京 ok"), "tokyo 東 京 ok");
    }

    #[test]
    fn accents_survive_and_compose() {
        assert_eq!(normalize("Cafe\u{301} Oekraïne"), "café oekraïne");
    }
}
