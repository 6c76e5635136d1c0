//! Segmentation: splits a page into blocks, one per non-blank line, with byte spans.
//!
//! Scraped pages come in two paragraph styles: blank-line separated (wrapped or not) and
//! one line per paragraph with no blank lines. Treating every non-blank line as a block
//! serves both: a paragraph is a line in either style, and a blank line before a block is
//! kept as a flag so the writer can keep the page's own spacing.
//!
//! Invariants: spans are UTF-8 byte offsets into the original text, always on character
//! boundaries, strictly increasing and non-overlapping; a span never starts or ends with
//! white space (including `\r`, tabs, no-break spaces and a byte order mark).

/// A non-blank line of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte offset of the first non-blank character.
    pub start: usize,
    /// Byte offset one past the last non-blank character.
    pub end: usize,
    /// 0-based line number in `text.split('\n')`.
    pub line: usize,
    /// Whether one or more blank lines stand between this block and the previous one.
    pub after_blank: bool,
}

impl Block {
    /// The block's original text.
    pub fn text<'a>(&self, page: &'a str) -> &'a str {
        &page[self.start..self.end]
    }
}

/// White space as scraped pages have it: Unicode white space plus the byte order mark and
/// zero-width characters that editors and CMSs leave behind.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// Splits `text` into blocks.
pub fn segment(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut line_start = 0;
    let mut blank_seen = false;
    // memchr's vector search finds line breaks faster than `str::split` does.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for (line, end) in ends.enumerate() {
        let raw = &text[line_start..end];
        let lead = raw.len() - raw.trim_start_matches(is_blank_char).len();
        let trimmed = raw.trim_matches(is_blank_char);
        if trimmed.is_empty() {
            blank_seen = true;
        } else {
            let start = line_start + lead;
            blocks.push(Block {
                start,
                end: start + trimmed.len(),
                line,
                after_blank: blank_seen && !blocks.is_empty(),
            });
            blank_seen = false;
        }
        line_start += raw.len() + 1;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_style_and_line_style_give_the_same_blocks() {
        let a = segment("Kop\n\nEerste alinea.\n\nTweede alinea.\n");
        let b = segment("Kop\nEerste alinea.\nTweede alinea.");
        assert_eq!(a.len(), 3);
        assert_eq!(b.len(), 3);
        assert!(a[1].after_blank && !b[1].after_blank);
        assert!(!a[0].after_blank);
    }

    #[test]
    fn spans_skip_crlf_bom_tabs_and_nbsp() {
        let text = "\u{feff}Titel\r\n\r\n\t\u{a0}Tekst hier.\u{a0}\r\n";
        let blocks = segment(text);
        let texts: Vec<_> = blocks.iter().map(|b| b.text(text)).collect();
        assert_eq!(texts, ["Titel", "Tekst hier."]);
        assert_eq!(blocks[1].line, 2);
        assert!(blocks[1].after_blank);
    }

    #[test]
    fn empty_and_blank_pages_have_no_blocks() {
        assert!(segment("").is_empty());
        assert!(segment(" \n\t\n\u{a0}").is_empty());
    }

    #[test]
    fn very_long_lines_are_one_block() {
        let line = "woord ".repeat(100_000);
        let blocks = segment(&line);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].end, line.len() - 1);
    }
}
