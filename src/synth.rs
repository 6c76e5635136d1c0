//! Synth: seeded synthetic scraped-news corpora with gold labels, for tests and benchmarks.
//!
//! [`generate`] writes what a news scraper hands over: pages from a handful of invented
//! sites, each page one article wrapped in its site's template (navigation, a date line,
//! page furniture glued to the headline, bylines, photo credits, newsletter, share and
//! comment prompts, related-article lists, `Previous` / `Next`, footers). A share of the
//! stories is republished on other sites (and sometimes on the same one) with seeded edits:
//! a new headline, dropped or added paragraphs, rewording, typos, truncation, a second
//! article glued below, reordered paragraphs, or none. About one story in twenty is half of
//! a *same-event* pair: two stories written independently about one event, sharing names,
//! numbers and topic words (and in half the pairs one quoted statement) but no sentences
//! and no story id (hard negatives for dedup). There are also
//! very short pages and a few exact duplicate pages.
//!
//! Text is made from embedded word lists (Dutch and English function words first, then
//! common nouns, verbs and adjectives), sampled Zipf-like, mixed with per-story names,
//! places, organisations, numbers and topic words so that stories differ the way news does.
//!
//! Every [`SynthDoc`] carries its gold: [`SynthDoc::story`] (the dedup cluster),
//! [`SynthDoc::edits`] (what its copy went through) and one clutter flag per line.
//!
//! Invariants:
//! - **Deterministic.** The output is a pure function of the [`SynthConfig`]: one seeded
//!   xoshiro256** stream per purpose, no system randomness, no hash-map iteration, no
//!   platform-dependent float math (floats are only compared with uniform draws; weights
//!   are integers). Same bytes on every platform and run.
//! - Exactly [`SynthConfig::documents`] documents, in a seeded shuffled order, with ids
//!   `syn-<seed>-<n>` where `n` is the position in the returned vector.
//! - `boilerplate_lines.len() == text.split('\n').count()`; texts have no trailing newline.
//!   Blank lines are labelled `false` (they carry nothing; line-based scores skip them). A
//!   headline line with page furniture glued to it is labelled `false` (the headline is
//!   article) and the glued furniture's byte range is in [`SynthDoc::glued_spans`].
//! - Originals have no edits; every copy has at least one entry in `edits` (`verbatim` when
//!   its text is unchanged, `exact_duplicate` for a byte-identical page), and every story
//!   with a copy has two or more documents.
//! - Same-event partners have different story ids and point at each other through
//!   [`SynthDoc::same_event`].

use std::fmt::Write as _;

use serde::Serialize;

/// A language the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Nl => 0,
            Lang::En => 1,
        }
    }

    fn data(self) -> &'static LangData {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// What to generate. The output is a pure function of these fields.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of documents (pages) to generate, exactly.
    pub documents: usize,
    /// Number of sites (0 counts as 1). Site `i` writes `languages[i % languages.len()]`.
    pub sites: usize,
    /// Share of (non-short) stories republished 2-6 more times, e.g. `0.4`.
    pub duplicate_share: f64,
    /// Languages to write (empty: Dutch and English).
    pub languages: Vec<Lang>,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 42,
            documents: 200,
            sites: 8,
            duplicate_share: 0.4,
            languages: vec![Lang::Nl, Lang::En],
        }
    }
}

/// One generated page with its gold labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthDoc {
    /// Opaque, deterministic id: `syn-<seed>-<n>`.
    pub id: String,
    /// The site's host name (also the host of `url`).
    pub site: String,
    /// `https://<host>/<yyyy>/<slug>`, sometimes with a numeric id or a query string.
    pub url: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The page text as scraped: template, article, sometimes a glued second article.
    pub text: String,
    /// Gold cluster: documents with the same story tell the same story.
    pub story: u64,
    /// Edits this copy went through (see [`EDIT_NAMES`]); empty for an original.
    pub edits: Vec<&'static str>,
    /// One flag per line of `text.split('\n')`: `true` for clutter (template, furniture,
    /// credits, a glued second article), `false` for article lines and blank lines.
    pub boilerplate_lines: Vec<bool>,
    /// Language of the page.
    pub lang: Lang,
    /// Byte ranges of clutter glued into an article line (page furniture after the
    /// headline). The line itself is labelled `false`.
    pub glued_spans: Vec<(usize, usize)>,
    /// For half of a same-event pair: the story id of the other half (a hard negative).
    pub same_event: Option<u64>,
}

/// Every name that can appear in [`SynthDoc::edits`].
pub const EDIT_NAMES: [&str; 10] = [
    "headline",
    "drop_paragraph",
    "reword",
    "typos",
    "reorder",
    "truncate",
    "add_paragraph",
    "second_article",
    "verbatim",
    "exact_duplicate",
];

impl SynthDoc {
    /// The page as an input record: `{"id","site","url","date","text"}`, no gold fields.
    pub fn to_json_line(&self) -> String {
        #[derive(Serialize)]
        struct Row<'a> {
            id: &'a str,
            site: &'a str,
            url: &'a str,
            date: &'a str,
            text: &'a str,
        }
        serde_json::to_string(&Row {
            id: &self.id,
            site: &self.site,
            url: &self.url,
            date: &self.date,
            text: &self.text,
        })
        .expect("a record of strings always serialises")
    }

    /// The gold record: `{"id","cluster","edits"}` with the story id as cluster.
    pub fn gold_json_line(&self) -> String {
        #[derive(Serialize)]
        struct Gold<'a> {
            id: &'a str,
            cluster: u64,
            edits: &'a [&'static str],
        }
        serde_json::to_string(&Gold {
            id: &self.id,
            cluster: self.story,
            edits: &self.edits,
        })
        .expect("a record of strings and numbers always serialises")
    }

    /// The line labels in the clutter benchmark's format: `{"id","line_no","boilerplate"}`
    /// for every non-blank line.
    pub fn line_gold_json_lines(&self) -> Vec<String> {
        self.text
            .split('\n')
            .zip(&self.boilerplate_lines)
            .enumerate()
            .filter(|(_, (line, _))| !line.trim().is_empty())
            .map(|(line_no, (_, &boilerplate))| {
                serde_json::json!({"id": self.id, "line_no": line_no, "boilerplate": boilerplate})
                    .to_string()
            })
            .collect()
    }

    /// The article as the clutter benchmark gives it, `{"id","text"}`: the article lines
    /// without the furniture glued into them, one per line.
    pub fn text_gold_json_line(&self) -> String {
        let mut article = Vec::new();
        let mut start = 0;
        for (line, &boilerplate) in self.text.split('\n').zip(&self.boilerplate_lines) {
            let end = start + line.len();
            if !boilerplate && !line.trim().is_empty() {
                let mut kept = String::new();
                let mut at = start;
                for &(from, to) in self.glued_spans.iter().filter(|s| s.0 < end && s.1 > start) {
                    kept.push_str(&self.text[at..from.max(at)]);
                    at = to.min(end);
                }
                kept.push_str(&self.text[at..end]);
                article.push(kept.trim().to_string());
            }
            start = end + 1;
        }
        serde_json::json!({"id": self.id, "text": article.join("\n")}).to_string()
    }

    /// Number of lines labelled clutter.
    pub fn boilerplate_count(&self) -> usize {
        self.boilerplate_lines.iter().filter(|&&b| b).count()
    }
}

/// Generates a corpus: exactly `config.documents` pages in a seeded shuffled order.
pub fn generate(config: &SynthConfig) -> Vec<SynthDoc> {
    if config.documents == 0 {
        return Vec::new();
    }
    let generator = Gen::new(config);
    let mut docs = generator.render_all();
    let mut rng = Rng::new(mix(config.seed, SALT_SHUFFLE));
    for i in (1..docs.len()).rev() {
        let j = rng.below(i + 1);
        docs.swap(i, j);
    }
    for (n, d) in docs.iter_mut().enumerate() {
        d.id = format!("syn-{}-{n}", config.seed);
    }
    docs
}

// ---------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------

const SALT_PLAN: u64 = 0x706c_616e;
const SALT_SITE: u64 = 0x7369_7465_0000_0000;
const SALT_SHUFFLE: u64 = 0x7368_7566;
const SALT_STORY: u64 = 0x7374_6f72_0000_0000;
const SALT_PAGE: u64 = 0x7061_6765_0000_0000;
const SALT_QUOTE: u64 = 0x7175_6f74;

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Derives an independent seed from a seed and a salt.
fn mix(a: u64, b: u64) -> u64 {
    let mut s = a ^ b.wrapping_mul(0xD1B5_4A32_D192_ED03);
    splitmix(&mut s)
}

/// xoshiro256**, seeded by splitmix64.
#[derive(Clone)]
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut sm = seed;
        Rng {
            s: [
                splitmix(&mut sm),
                splitmix(&mut sm),
                splitmix(&mut sm),
                splitmix(&mut sm),
            ],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (0 when `n == 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// Index drawn from integer weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len() - 1
    }
}

const ZIPF_BITS: u32 = 14;

/// Zipf-like sampling by table lookup: rank `r` has weight `1 / (r + shift / 10)`, in
/// integer math so the table is the same on every platform.
struct Zipf {
    table: Vec<u16>,
    offset: usize,
}

impl Zipf {
    fn new(offset: usize, n: usize, shift: u64) -> Zipf {
        let weights: Vec<u64> = (0..n as u64)
            .map(|r| 10_000_000_000 / (10 * r + shift))
            .collect();
        let total: u64 = weights.iter().sum();
        let size = 1u64 << ZIPF_BITS;
        let mut table = Vec::with_capacity(size as usize);
        let mut word = 0;
        let mut cumulative = weights.first().copied().unwrap_or(0);
        for j in 0..size {
            let target = (2 * j + 1) * total / (2 * size);
            while cumulative <= target && word + 1 < n {
                word += 1;
                cumulative += weights[word];
            }
            table.push(word as u16);
        }
        Zipf { table, offset }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        self.offset + self.table[(rng.next_u64() >> (64 - ZIPF_BITS)) as usize] as usize
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary, names and events
// ---------------------------------------------------------------------------------------

struct Vocab {
    d: &'static LangData,
    words: Vec<&'static str>,
    functions: usize,
    function: Zipf,
    content: Zipf,
}

impl Vocab {
    fn new(lang: Lang) -> Vocab {
        let d = lang.data();
        let mut words = Vec::with_capacity(d.function.len() + d.content.len());
        words.extend_from_slice(d.function);
        words.extend_from_slice(d.content);
        let functions = d.function.len();
        Vocab {
            d,
            function: Zipf::new(0, functions, 27),
            content: Zipf::new(functions, d.content.len(), 150),
            words,
            functions,
        }
    }
}

/// The named entities, numbers and topic words of one news event.
struct Event {
    /// (full name, surname as used alone)
    persons: Vec<(String, String)>,
    places: Vec<String>,
    org: String,
    topic: Vec<usize>,
    numbers: Vec<u64>,
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Uppercases the first character of `out[start..]`.
fn capitalise_at(out: &mut String, start: usize) {
    let Some(c) = out[start..].chars().next() else {
        return;
    };
    if c.is_ascii_lowercase() {
        let upper = c.to_ascii_uppercase();
        let mut buf = [0u8; 4];
        out.replace_range(start..start + 1, upper.encode_utf8(&mut buf));
    } else if c.is_lowercase() {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(start..start + c.len_utf8(), &upper);
    }
}

fn surname(d: &LangData, rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        rng.pick(d.surnames).to_string()
    } else {
        let mut s = String::from(rng.pick(d.name_onsets));
        s.push_str(rng.pick(d.name_tails));
        s
    }
}

fn person(d: &LangData, rng: &mut Rng) -> (String, String) {
    let last = surname(d, rng);
    let full = format!("{} {}", rng.pick(d.first_names), last);
    (full, capitalise_first(&last))
}

fn place(d: &LangData, rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(0.25) {
        s.push_str(rng.pick(d.place_prefixes));
    }
    s.push_str(rng.pick(d.place_roots));
    s.push_str(rng.pick(d.place_suffixes));
    s
}

fn event(v: &Vocab, seed: u64) -> Event {
    let mut rng = Rng::new(seed);
    let d = v.d;
    let persons = (0..rng.range(1, 3)).map(|_| person(d, &mut rng)).collect();
    let places: Vec<String> = (0..rng.range(1, 2)).map(|_| place(d, &mut rng)).collect();
    let pattern = rng.pick(d.org_patterns);
    let org = if pattern.contains("{P}") {
        pattern.replace("{P}", &places[0])
    } else {
        pattern.replace("{S}", &capitalise_first(&surname(d, &mut rng)))
    };
    let topic = (0..rng.range(6, 10))
        .map(|_| v.functions + rng.below(d.content.len()))
        .collect();
    let numbers = (0..rng.range(2, 4))
        .map(|_| match rng.below(3) {
            0 => rng.range(2, 60) as u64,
            1 => rng.range(100, 2_000) as u64,
            _ => rng.range(2_000, 250_000) as u64,
        })
        .collect();
    Event {
        persons,
        places,
        org,
        topic,
        numbers,
    }
}

/// Appends `n` with thousands separators.
fn push_number(out: &mut String, n: u64, sep: char) {
    if n < 1000 {
        let _ = write!(out, "{n}");
    } else {
        push_number(out, n / 1000, sep);
        out.push(sep);
        let _ = write!(out, "{:03}", n % 1000);
    }
}

/// Appends `pattern` with `{n}` replaced by `n`.
fn push_filled(out: &mut String, pattern: &str, n: u64, sep: char) {
    match pattern.split_once("{n}") {
        Some((a, b)) => {
            out.push_str(a);
            push_number(out, n, sep);
            out.push_str(b);
        }
        None => out.push_str(pattern),
    }
}

fn push_entity(out: &mut String, ev: &Event, rng: &mut Rng) {
    match rng.below(10) {
        0..=4 => {
            let (full, short) = &ev.persons[rng.below(ev.persons.len())];
            out.push_str(if rng.chance(0.4) { full } else { short });
        }
        5..=7 => out.push_str(&ev.places[rng.below(ev.places.len())]),
        _ => out.push_str(&ev.org),
    }
}

/// Appends a sentence of `len` word slots (no leading space), capitalised, ending in `end`.
///
/// A sentence is a run of phrases: zero to two function words, then a head (a content
/// word, a topic word of the story, a name or a number). Heads end every sentence.
fn sentence(v: &Vocab, ev: &Event, rng: &mut Rng, out: &mut String, len: usize, end: &str) {
    let start = out.len();
    phrases(v, ev, rng, out, len);
    capitalise_at(out, start);
    out.push_str(end);
}

/// Appends `len` word slots of phrases, lowercase unless a name or a capitalised word.
fn phrases(v: &Vocab, ev: &Event, rng: &mut Rng, out: &mut String, len: usize) {
    let mut slots = 0;
    let mut prev = usize::MAX;
    while slots < len {
        let left = len - slots - 1;
        let functions = [0, 1, 1, 2][rng.below(4)].min(left);
        for _ in 0..functions {
            if slots > 0 {
                out.push(' ');
            }
            let mut w = v.function.sample(rng);
            if w == prev {
                w = v.function.sample(rng);
            }
            out.push_str(v.words[w]);
            prev = w;
            slots += 1;
        }
        if slots > 0 {
            out.push(' ');
        }
        let r = rng.below(1000);
        if r < 180 {
            let w = ev.topic[rng.below(ev.topic.len())];
            out.push_str(v.words[w]);
            prev = w;
        } else if r < 250 {
            push_entity(out, ev, rng);
            prev = usize::MAX;
        } else if r < 280 && slots > 0 {
            let n = if rng.chance(0.7) {
                ev.numbers[rng.below(ev.numbers.len())]
            } else {
                rng.range(2, 99) as u64
            };
            push_number(out, n, v.d.thousands);
            prev = usize::MAX;
        } else {
            let mut w = v.content.sample(rng);
            if w == prev {
                w = v.content.sample(rng);
            }
            out.push_str(v.words[w]);
            prev = w;
        }
        slots += 1;
        if slots >= 3 && slots + 3 < len && rng.below(100) < 8 {
            out.push(',');
        }
    }
}

fn sentence_len(rng: &mut Rng) -> usize {
    (rng.range(8, 30) + rng.range(8, 30)).div_ceil(2)
}

/// A headline of 5-12 word slots (a name is one slot), capitalised, no final period.
fn headline(v: &Vocab, ev: &Event, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(96);
    if rng.chance(0.15) {
        s.push_str(&ev.places[0]);
        s.push_str(": ");
    } else if rng.chance(0.4) {
        push_entity(&mut s, ev, rng);
        s.push(' ');
    }
    let words = rng.range(5, 12);
    let prefix = s.split_whitespace().count();
    let len = words.saturating_sub(prefix).max(3);
    phrases(v, ev, rng, &mut s, len);
    capitalise_at(&mut s, 0);
    s
}

fn subheading(v: &Vocab, ev: &Event, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(40);
    for i in 0..rng.range(2, 4) {
        if i > 0 {
            s.push(' ');
        }
        let w = if rng.chance(0.4) {
            ev.topic[rng.below(ev.topic.len())]
        } else if i == 1 && rng.chance(0.4) {
            v.function.sample(rng)
        } else {
            v.content.sample(rng)
        };
        s.push_str(v.words[w]);
    }
    capitalise_at(&mut s, 0);
    s
}

fn quote(v: &Vocab, ev: &Event, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(200);
    let len = sentence_len(rng);
    let (_, short) = &ev.persons[rng.below(ev.persons.len())];
    if rng.chance(0.7) {
        s.push('"');
        sentence(v, ev, rng, &mut s, len, ",\" ");
        s.push_str(rng.pick(v.d.says));
        s.push(' ');
        s.push_str(short);
        s.push('.');
    } else {
        s.push_str(short);
        s.push_str(": \"");
        sentence(v, ev, rng, &mut s, len, ".\"");
    }
    s
}

fn paragraph(v: &Vocab, ev: &Event, rng: &mut Rng, sentences: usize) -> String {
    let mut s = String::with_capacity(sentences * 140);
    for i in 0..sentences {
        if i > 0 {
            s.push(' ');
        }
        let end = match rng.below(100) {
            0 => "?",
            1 => "!",
            _ => ".",
        };
        let len = sentence_len(rng);
        sentence(v, ev, rng, &mut s, len, end);
    }
    s
}

// ---------------------------------------------------------------------------------------
// Stories, bodies and edits
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A body paragraph.
    Text,
    /// A short subheading line.
    Sub,
    /// A one-line quote paragraph.
    Quote,
    /// Clutter inside the body: a wire credit, a "read more" line.
    Clutter,
}

#[derive(Clone)]
struct Para {
    kind: Kind,
    text: String,
}

#[derive(Clone)]
struct Body {
    headline: String,
    paras: Vec<Para>,
}

struct Story {
    lang: Lang,
    event: Event,
    event_seed: u64,
    body_seed: u64,
    short: bool,
    day: u32,
    home: usize,
    headline: String,
    partner: Option<u64>,
}

#[derive(Clone, Copy)]
enum PageKind {
    Original,
    Copy,
    /// A byte-identical copy of an earlier page (index in plan order).
    Exact(usize),
}

struct PagePlan {
    story: usize,
    site: usize,
    kind: PageKind,
    day: u32,
    seed: u64,
    /// Earlier pages of this story on this site.
    nth_on_site: u32,
}

// ---------------------------------------------------------------------------------------
// Sites
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Furniture {
    None,
    Glued { variant: usize, sep: &'static str },
    Standalone { variant: usize },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BylinePos {
    None,
    Top,
    Bottom,
}

struct Related {
    heading: &'static str,
    /// 0 plain headline, 1 `Category2 dagen geleden<headline>`, 2 `Category | headline`,
    /// 3 mixed plain and glued.
    style: usize,
    separators: bool,
}

struct Site {
    name: String,
    host: String,
    lang: Lang,
    cookie: Option<&'static str>,
    nav: Vec<&'static str>,
    date_line: bool,
    crumb: bool,
    furniture: Furniture,
    byline: BylinePos,
    staff: Vec<String>,
    photo: Option<&'static str>,
    photographers: Vec<String>,
    newsletter: Option<(&'static str, usize)>,
    advert: Option<usize>,
    read_also: Option<(&'static str, usize)>,
    share: Option<&'static str>,
    comments: Option<&'static str>,
    related: Option<Related>,
    prev_next: Option<(&'static str, &'static str)>,
    footer_links: Option<&'static str>,
    copyright: Option<&'static str>,
    blank: bool,
    url_ids: bool,
}

fn slug_into(out: &mut String, s: &str, max_words: usize) {
    let mut words = 0;
    let mut pending_dash = false;
    let mut in_word = false;
    for c in s.chars() {
        let mapped = match c {
            'a'..='z' | '0'..='9' => Some(c),
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'á' | 'à' | 'ä' | 'â' => Some('a'),
            'é' | 'è' | 'ë' | 'ê' => Some('e'),
            'í' | 'ï' => Some('i'),
            'ó' | 'ö' | 'ô' => Some('o'),
            'ú' | 'ü' => Some('u'),
            _ => None,
        };
        match mapped {
            Some(m) => {
                if !in_word {
                    if words == max_words {
                        return;
                    }
                    words += 1;
                    in_word = true;
                }
                if pending_dash {
                    out.push('-');
                    pending_dash = false;
                }
                out.push(m);
            }
            None => {
                if in_word && c != '\'' {
                    in_word = false;
                    pending_dash = true;
                }
            }
        }
    }
}

fn build_site(index: usize, lang: Lang, seed: u64, taken: &[Site]) -> Site {
    let mut rng = Rng::new(mix(seed, SALT_SITE ^ index as u64));
    let d = lang.data();
    let mut name = String::new();
    let mut host = String::new();
    for attempt in 0..40 {
        let town = place(d, &mut rng);
        name = rng.pick(d.site_patterns).replace("{P}", &town);
        host.clear();
        slug_into(&mut host, &name, 8);
        host.retain(|c| c != '-');
        if attempt >= 20 {
            let _ = write!(host, "{index}");
        }
        host.push_str(rng.pick(d.tlds));
        if !taken.iter().any(|s| s.host == host) {
            break;
        }
    }
    let nav: Vec<&'static str> = if rng.chance(0.15) {
        Vec::new()
    } else {
        let mut nav: Vec<&'static str> =
            d.nav.iter().copied().filter(|_| rng.chance(0.4)).collect();
        if nav.is_empty() {
            nav.push(d.nav[0]);
        }
        nav
    };
    let furniture = match rng.below(10) {
        0..=3 => Furniture::Glued {
            variant: rng.below(2),
            sep: rng.pick(&[" ", " ", "  ", ""]),
        },
        4..=6 => Furniture::Standalone {
            variant: rng.below(3),
        },
        _ => Furniture::None,
    };
    let byline = match rng.below(10) {
        0..=5 => BylinePos::Top,
        6..=7 => BylinePos::Bottom,
        _ => BylinePos::None,
    };
    let staff = (0..rng.range(3, 6))
        .map(|_| person(d, &mut rng).0)
        .collect();
    let photographers = (0..rng.range(2, 4))
        .map(|_| person(d, &mut rng).0)
        .collect();
    let related = if rng.chance(0.8) {
        Some(Related {
            heading: rng.pick(d.related_heads),
            style: rng.below(4),
            separators: rng.chance(0.3),
        })
    } else {
        None
    };
    Site {
        cookie: rng.chance(0.2).then(|| rng.pick(d.cookie)),
        date_line: rng.chance(0.3),
        crumb: rng.chance(0.3),
        photo: rng.chance(0.6).then(|| rng.pick(d.photo)),
        newsletter: rng
            .chance(0.5)
            .then(|| (rng.pick(d.newsletter), rng.range(1, 4))),
        advert: rng.chance(0.25).then(|| rng.range(2, 5)),
        read_also: rng
            .chance(0.35)
            .then(|| (rng.pick(d.read_also), rng.range(1, 3))),
        share: rng.chance(0.6).then(|| rng.pick(d.share)),
        comments: rng.chance(0.5).then(|| rng.pick(d.comments)),
        prev_next: rng.chance(0.4).then(|| rng.pick(d.prev_next)),
        footer_links: rng.chance(0.8).then(|| rng.pick(d.footer_links)),
        copyright: rng.chance(0.8).then(|| rng.pick(d.copyright)),
        blank: rng.chance(0.5),
        url_ids: rng.chance(0.5),
        name,
        host,
        lang,
        nav,
        furniture,
        byline,
        staff,
        photographers,
        related,
    }
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

const BASE_DAY: i64 = 19_723; // 2024-01-01, days since 1970-01-01
const SPAN_DAYS: usize = 730;

/// (year, month 1-12, day 1-31) of a day number since 1970-01-01 (Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

struct Date {
    year: i64,
    month: u32,
    day: u32,
    weekday: usize,
}

fn date_of(day: u32) -> Date {
    let days = BASE_DAY + i64::from(day);
    let (year, month, d) = civil(days);
    Date {
        year,
        month,
        day: d,
        weekday: (days + 3).rem_euclid(7) as usize,
    }
}

/// Appends a relative age: `3 uur geleden`, `2 days ago`.
fn push_age(out: &mut String, lang: Lang, rng: &mut Rng) {
    let n = rng.range(2, 23) as u64;
    let _ = match (lang, rng.below(4)) {
        (Lang::Nl, 0) => write!(out, "{} minuten geleden", n * 2),
        (Lang::Nl, 1) => write!(out, "{n} uur geleden"),
        (Lang::Nl, 2) => write!(out, "gisteren"),
        (Lang::Nl, _) => write!(out, "{} dagen geleden", n % 6 + 2),
        (Lang::En, 0) => write!(out, "{} minutes ago", n * 2),
        (Lang::En, 1) => write!(out, "{n} hours ago"),
        (Lang::En, 2) => write!(out, "yesterday"),
        (Lang::En, _) => write!(out, "{} days ago", n % 6 + 2),
    };
}

fn push_clock(out: &mut String, rng: &mut Rng) {
    let _ = write!(out, "{:02}:{:02}", rng.range(6, 23), rng.below(60));
}

fn push_short_date(out: &mut String, d: &LangData, date: &Date) {
    let _ = write!(
        out,
        "{} {} {}",
        date.day,
        d.months_short[date.month as usize - 1],
        date.year
    );
}

/// Page furniture: reading time, counters, ages, dates.
fn push_furniture(
    out: &mut String,
    site: &Site,
    glued: bool,
    variant: usize,
    minutes: u64,
    date: &Date,
    rng: &mut Rng,
) {
    let d = site.lang.data();
    let views = rng.range(40, 48_000) as u64;
    match (site.lang, glued, variant) {
        (Lang::Nl, true, 0) => {
            out.push_str(rng.pick(d.categories));
            out.push_str(" • ");
            match rng.below(3) {
                0 => out.push_str("Vandaag"),
                1 => out.push_str("Gisteren"),
                _ => push_short_date(out, d, date),
            }
            let _ = write!(out, " • leestijd {minutes} minuten • ");
            push_number(out, views, '.');
            out.push_str(" keer bekeken • bewaren");
        }
        (Lang::Nl, true, _) => {
            push_short_date(out, d, date);
            out.push_str(", ");
            push_clock(out, rng);
            out.push_str(" • ");
            out.push_str(rng.pick(d.categories));
            let _ = write!(out, " • {minutes} min");
        }
        (Lang::En, true, 0) => {
            let _ = write!(out, "{minutes} min read · ");
            push_age(out, Lang::En, rng);
        }
        (Lang::En, true, _) => {
            out.push_str(rng.pick(d.categories));
            out.push_str(" · ");
            push_age(out, Lang::En, rng);
            let _ = write!(out, " · {} comments", rng.range(0, 400));
        }
        (Lang::Nl, false, 0) => {
            let _ = write!(out, "Leestijd {minutes} minuten • ");
            push_number(out, views, '.');
            out.push_str(" keer bekeken");
        }
        (Lang::Nl, false, 1) => {
            push_short_date(out, d, date);
            out.push_str(", ");
            push_clock(out, rng);
        }
        (Lang::Nl, false, _) => {
            out.push_str("Bijgewerkt om ");
            push_clock(out, rng);
        }
        (Lang::En, false, 0) => {
            let _ = write!(out, "{minutes} min read");
        }
        (Lang::En, false, 1) => {
            out.push_str("Updated ");
            push_age(out, Lang::En, rng);
        }
        (Lang::En, false, _) => {
            let _ = write!(
                out,
                "{} {} {} {}, ",
                d.weekdays[date.weekday],
                date.day,
                d.months[date.month as usize - 1],
                date.year
            );
            push_clock(out, rng);
        }
    }
}

/// Text under construction with its line labels.
struct PageBuf {
    text: String,
    labels: Vec<bool>,
    spans: Vec<(usize, usize)>,
    blank_style: bool,
    last_blank: bool,
}

impl PageBuf {
    fn new(blank_style: bool, capacity: usize) -> PageBuf {
        PageBuf {
            text: String::with_capacity(capacity),
            labels: Vec::with_capacity(48),
            spans: Vec::new(),
            blank_style,
            last_blank: false,
        }
    }

    /// Starts a new line and returns the text to append it to.
    fn open(&mut self, clutter: bool) -> &mut String {
        if !self.labels.is_empty() {
            self.text.push('\n');
        }
        self.labels.push(clutter);
        self.last_blank = false;
        &mut self.text
    }

    fn line(&mut self, s: &str, clutter: bool) {
        self.open(clutter).push_str(s);
    }

    /// A blank line before the next block, in the blank-line page style. Always followed
    /// by a line, so texts never end blank.
    fn gap(&mut self) {
        if self.blank_style && !self.labels.is_empty() && !self.last_blank {
            self.open(false);
            self.last_blank = true;
        }
    }
}

/// What a copy adds beyond its body.
struct Extra {
    second: Option<Body>,
}

struct Gen<'c> {
    config: &'c SynthConfig,
    vocabs: [Vocab; 2],
    sites: Vec<Site>,
    lang_sites: [Vec<usize>; 2],
    stories: Vec<Story>,
    pages: Vec<PagePlan>,
    site_stories: Vec<Vec<usize>>,
    lang_stories: [Vec<usize>; 2],
}

impl<'c> Gen<'c> {
    fn new(config: &'c SynthConfig) -> Gen<'c> {
        let languages = if config.languages.is_empty() {
            vec![Lang::Nl, Lang::En]
        } else {
            config.languages.clone()
        };
        let mut sites: Vec<Site> = Vec::new();
        for i in 0..config.sites.max(1) {
            let site = build_site(i, languages[i % languages.len()], config.seed, &sites);
            sites.push(site);
        }
        let mut lang_sites: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for (i, s) in sites.iter().enumerate() {
            lang_sites[s.lang.index()].push(i);
        }
        let site_count = sites.len();
        let mut g = Gen {
            config,
            vocabs: [Vocab::new(Lang::Nl), Vocab::new(Lang::En)],
            sites,
            lang_sites,
            stories: Vec::new(),
            pages: Vec::with_capacity(config.documents),
            site_stories: vec![Vec::new(); site_count],
            lang_stories: [Vec::new(), Vec::new()],
        };
        g.plan();
        g
    }

    fn vocab(&self, lang: Lang) -> &Vocab {
        &self.vocabs[lang.index()]
    }

    /// Decides every story and page: languages, sites, dates, headlines, copies.
    fn plan(&mut self) {
        let n = self.config.documents;
        let seed = self.config.seed;
        let mut rng = Rng::new(mix(seed, SALT_PLAN));
        let langs: Vec<Lang> = [Lang::Nl, Lang::En]
            .into_iter()
            .filter(|l| !self.lang_sites[l.index()].is_empty())
            .collect();
        while self.pages.len() < n {
            let remaining = n - self.pages.len();
            let lang = rng.pick(&langs);
            let r = rng.below(1000);
            if r < 30 {
                let s = self.add_story(lang, rng.next_u64(), true, None, &mut rng, None);
                self.add_pages(s, 0.0, &mut rng);
            } else if r < 55 && remaining >= 2 {
                let event_seed = rng.next_u64();
                let first = self.stories.len();
                let a = self.add_story(
                    lang,
                    event_seed,
                    false,
                    Some(first as u64 + 1),
                    &mut rng,
                    None,
                );
                let home_a = self.stories[a].home;
                let b = self.add_story(
                    lang,
                    event_seed,
                    false,
                    Some(first as u64),
                    &mut rng,
                    Some(home_a),
                );
                self.add_pages(a, self.config.duplicate_share, &mut rng);
                if self.pages.len() < n {
                    self.add_pages(b, self.config.duplicate_share, &mut rng);
                } else {
                    // No room left for the second half: it exists only as a story number.
                    self.stories[a].partner = None;
                }
            } else {
                let s = self.add_story(lang, rng.next_u64(), false, None, &mut rng, None);
                self.add_pages(s, self.config.duplicate_share, &mut rng);
            }
        }
    }

    fn add_story(
        &mut self,
        lang: Lang,
        event_seed: u64,
        short: bool,
        partner: Option<u64>,
        rng: &mut Rng,
        avoid_site: Option<usize>,
    ) -> usize {
        let idx = self.stories.len();
        let story_seed = mix(self.config.seed, SALT_STORY ^ idx as u64);
        let v = self.vocab(lang);
        let ev = event(v, event_seed);
        let mut hrng = Rng::new(story_seed);
        let headline = headline(v, &ev, &mut hrng);
        let pool = &self.lang_sites[lang.index()];
        let mut home = pool[rng.below(pool.len())];
        if Some(home) == avoid_site && pool.len() > 1 {
            home = pool[rng.below(pool.len())];
            if Some(home) == avoid_site {
                home = pool[(pool.iter().position(|&s| s == home).unwrap_or(0) + 1) % pool.len()];
            }
        }
        self.stories.push(Story {
            lang,
            event: ev,
            event_seed,
            body_seed: hrng.next_u64(),
            short,
            day: rng.below(SPAN_DAYS) as u32,
            home,
            headline,
            partner,
        });
        self.lang_stories[lang.index()].push(idx);
        idx
    }

    fn push_page(&mut self, story: usize, site: usize, kind: PageKind, day: u32, nth_on_site: u32) {
        let seed = mix(self.config.seed, SALT_PAGE ^ self.pages.len() as u64);
        if self.site_stories[site].last() != Some(&story) {
            self.site_stories[site].push(story);
        }
        self.pages.push(PagePlan {
            story,
            site,
            kind,
            day,
            seed,
            nth_on_site,
        });
    }

    /// The original page of a story, its copies and now and then an exact duplicate.
    fn add_pages(&mut self, s: usize, duplicate_share: f64, rng: &mut Rng) {
        let n = self.config.documents;
        let (lang, home, day) = {
            let st = &self.stories[s];
            (st.lang, st.home, st.day)
        };
        let original = self.pages.len();
        self.push_page(s, home, PageKind::Original, day, 0);
        let mut used = vec![home];
        if rng.chance(duplicate_share) {
            let copies = [2, 3, 4, 5, 6][rng.weighted(&[35, 25, 18, 12, 10])];
            let pool_len = self.lang_sites[lang.index()].len();
            for _ in 0..copies {
                if self.pages.len() >= n {
                    break;
                }
                let site = if pool_len == 1 || rng.chance(0.15) {
                    home
                } else {
                    let pool = &self.lang_sites[lang.index()];
                    let home_pos = pool.iter().position(|&x| x == home).unwrap_or(0);
                    let mut i = rng.below(pool_len - 1);
                    if i >= home_pos {
                        i += 1;
                    }
                    pool[i]
                };
                let nth = used.iter().filter(|&&x| x == site).count() as u32;
                used.push(site);
                let copy_day = day + rng.range(0, 2) as u32;
                self.push_page(s, site, PageKind::Copy, copy_day, nth);
            }
        }
        if self.pages.len() < n && rng.chance(0.012) {
            self.push_page(s, home, PageKind::Exact(original), day, 0);
        }
    }

    fn body(&self, story: &Story) -> Body {
        let v = self.vocab(story.lang);
        let ev = &story.event;
        let mut rng = Rng::new(story.body_seed);
        let mut paras = Vec::with_capacity(14);
        if story.short {
            let count = rng.range(1, 2);
            paras.push(Para {
                kind: Kind::Text,
                text: paragraph(v, ev, &mut rng, count),
            });
        } else {
            for i in 0..rng.range(4, 12) {
                if i >= 2 && rng.chance(0.12) {
                    paras.push(Para {
                        kind: Kind::Sub,
                        text: subheading(v, ev, &mut rng),
                    });
                }
                if i >= 1 && rng.chance(0.1) {
                    paras.push(Para {
                        kind: Kind::Quote,
                        text: quote(v, ev, &mut rng),
                    });
                }
                let count = rng.range(2, 5);
                paras.push(Para {
                    kind: Kind::Text,
                    text: paragraph(v, ev, &mut rng, count),
                });
            }
            // Half the same-event pairs quote the same statement (a press release, a
            // spokesperson): one shared line in otherwise different texts.
            let mut erng = Rng::new(mix(story.event_seed, SALT_QUOTE));
            if story.partner.is_some() && erng.chance(0.5) {
                let at = rng.range(1, paras.len());
                paras.insert(
                    at,
                    Para {
                        kind: Kind::Quote,
                        text: quote(v, ev, &mut erng),
                    },
                );
            }
        }
        Body {
            headline: story.headline.clone(),
            paras,
        }
    }

    /// Another story of the same language, preferably one the site also ran.
    fn other_story(&self, s: usize, site: usize, rng: &mut Rng) -> Option<usize> {
        let story = &self.stories[s];
        let bad = |j: usize| j == s || Some(j as u64) == story.partner || self.stories[j].short;
        let local = &self.site_stories[site];
        for _ in 0..6 {
            if local.is_empty() {
                break;
            }
            let j = local[rng.below(local.len())];
            if !bad(j) {
                return Some(j);
            }
        }
        let pool = &self.lang_stories[story.lang.index()];
        for _ in 0..6 {
            let j = pool[rng.below(pool.len())];
            if !bad(j) {
                return Some(j);
            }
        }
        None
    }

    /// Applies a copy's seeded edits; returns the edited body, what it adds, and the names.
    fn edit(
        &self,
        base: &Body,
        s: usize,
        site: usize,
        rng: &mut Rng,
    ) -> (Body, Extra, Vec<&'static str>) {
        let story = &self.stories[s];
        let v = self.vocab(story.lang);
        let mut body = base.clone();
        let mut extra = Extra { second: None };
        let mut edits = Vec::new();
        let count = rng.weighted(&[20, 30, 25, 15, 10]);
        // Pick `count` of the eight edits, then apply them in a fixed order.
        let mut order: [usize; 8] = [0, 1, 2, 3, 4, 5, 6, 7];
        for i in 0..count {
            let j = i + rng.below(8 - i);
            order.swap(i, j);
        }
        let mut chosen = [false; 8];
        for &e in &order[..count] {
            chosen[e] = true;
        }
        for (e, _) in chosen.iter().enumerate().filter(|(_, &c)| c) {
            let done = match e {
                0 => {
                    let mut h = headline(v, &story.event, rng);
                    if h == body.headline {
                        h = headline(v, &story.event, rng);
                    }
                    body.headline = h;
                    true
                }
                1 => drop_paragraphs(&mut body, rng),
                2 => reword(v, &mut body, rng),
                3 => typos(&mut body, rng),
                4 => reorder(&mut body, rng),
                5 => truncate(&mut body, v.d, rng),
                6 => {
                    let other = if rng.chance(0.5) {
                        self.other_story(s, site, rng)
                    } else {
                        None
                    };
                    let para = other.and_then(|j| {
                        let ob = self.body(&self.stories[j]);
                        let texts: Vec<&Para> =
                            ob.paras.iter().filter(|p| p.kind == Kind::Text).collect();
                        (!texts.is_empty()).then(|| texts[rng.below(texts.len())].clone())
                    });
                    match para {
                        Some(p) => {
                            let at = rng.range(1, body.paras.len());
                            body.paras.insert(at, p);
                        }
                        None => body.paras.push(Para {
                            kind: Kind::Clutter,
                            text: rng.pick(v.d.wire).to_string(),
                        }),
                    }
                    true
                }
                _ => match self.other_story(s, site, rng) {
                    Some(j) => {
                        extra.second = Some(self.body(&self.stories[j]));
                        true
                    }
                    None => false,
                },
            };
            if done {
                edits.push(EDIT_NAMES[e]);
            }
        }
        if edits.is_empty() {
            edits.push("verbatim");
        }
        (body, extra, edits)
    }

    fn render_all(&self) -> Vec<SynthDoc> {
        let mut docs: Vec<SynthDoc> = Vec::with_capacity(self.pages.len());
        let mut cache: Option<(usize, Body)> = None;
        for p in &self.pages {
            let story = &self.stories[p.story];
            let site = &self.sites[p.site];
            let mut rng = Rng::new(p.seed);
            if let PageKind::Exact(of) = p.kind {
                let mut doc = docs[of].clone();
                match rng.below(4) {
                    0 => doc.url.push_str("?utm_source=rss"),
                    1 => doc.url.push_str("?ref=home"),
                    _ => {}
                }
                doc.edits = vec!["exact_duplicate"];
                docs.push(doc);
                continue;
            }
            if cache.as_ref().map(|c| c.0) != Some(p.story) {
                cache = Some((p.story, self.body(story)));
            }
            let Some((_, base)) = cache.as_ref() else {
                continue;
            };
            let edited;
            let (body, extra, edits) = match p.kind {
                PageKind::Copy => {
                    let (b, x, e) = self.edit(base, p.story, p.site, &mut rng);
                    edited = (b, x);
                    (&edited.0, Some(&edited.1), e)
                }
                _ => (base, None, Vec::new()),
            };
            let bare = story.short && rng.chance(0.5);
            let buf = self.render(p, body, extra, bare, &mut rng);
            let date = date_of(p.day);
            let mut url = String::with_capacity(96);
            let _ = write!(url, "https://{}/{}/", site.host, date.year);
            slug_into(&mut url, &body.headline, 9);
            if site.url_ids {
                let _ = write!(url, "-{}", 1_000_000 + p.seed % 9_000_000);
            } else if p.nth_on_site > 0 {
                let _ = write!(url, "-{}", p.nth_on_site + 1);
            }
            docs.push(SynthDoc {
                id: String::new(),
                site: site.host.clone(),
                url,
                date: format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
                text: buf.text,
                story: p.story as u64,
                edits,
                boilerplate_lines: buf.labels,
                lang: story.lang,
                glued_spans: buf.spans,
                same_event: story.partner,
            });
        }
        docs
    }

    /// Related-article headlines: other stories the site ran.
    fn related_headlines(&self, p: &PagePlan, rng: &mut Rng, k: usize) -> Vec<usize> {
        let list = &self.site_stories[p.site];
        let mut out: Vec<usize> = Vec::with_capacity(k);
        for _ in 0..k * 3 {
            if out.len() == k || list.is_empty() {
                break;
            }
            let j = list[rng.below(list.len())];
            if j != p.story && !out.contains(&j) {
                out.push(j);
            }
        }
        out
    }

    fn render(
        &self,
        p: &PagePlan,
        body: &Body,
        extra: Option<&Extra>,
        bare: bool,
        rng: &mut Rng,
    ) -> PageBuf {
        let site = &self.sites[p.site];
        let d = site.lang.data();
        let sep = d.thousands;
        let body_bytes: usize = body.paras.iter().map(|x| x.text.len() + 2).sum();
        let mut buf = PageBuf::new(site.blank, body_bytes + 1200);
        if bare {
            for para in &body.paras {
                buf.gap();
                buf.line(&para.text, para.kind == Kind::Clutter);
            }
            return buf;
        }
        let date = date_of(p.day);
        // Header.
        if let Some(c) = site.cookie {
            buf.line(c, true);
        }
        for nav in &site.nav {
            buf.line(nav, true);
        }
        if site.date_line {
            let _ = write!(
                buf.open(true),
                "{} {} {} {}",
                d.weekdays[date.weekday],
                date.day,
                d.months[date.month as usize - 1],
                date.year
            );
        }
        if site.crumb {
            buf.gap();
            let out = buf.open(true);
            out.push_str(d.crumb_root);
            out.push_str(" › ");
            out.push_str(rng.pick(d.categories));
        }
        // Headline, furniture, byline, credit.
        let minutes = (body_bytes as u64 / 1200).max(1);
        buf.gap();
        buf.line(&body.headline, false);
        match site.furniture {
            Furniture::Glued { variant, sep } => {
                buf.text.push_str(sep);
                let start = buf.text.len();
                push_furniture(&mut buf.text, site, true, variant, minutes, &date, rng);
                let end = buf.text.len();
                buf.spans.push((start, end));
            }
            Furniture::Standalone { variant } => {
                push_furniture(buf.open(true), site, false, variant, minutes, &date, rng);
            }
            Furniture::None => {}
        }
        let byline = |buf: &mut PageBuf, rng: &mut Rng| {
            let out = buf.open(true);
            out.push_str(d.by);
            out.push(' ');
            if rng.chance(0.1) {
                out.push_str(d.desk);
            } else {
                out.push_str(&site.staff[rng.below(site.staff.len())]);
                if rng.chance(0.1) {
                    out.push_str(d.and);
                    out.push_str(&site.staff[rng.below(site.staff.len())]);
                }
            }
        };
        if site.byline == BylinePos::Top {
            byline(&mut buf, rng);
        }
        if let Some(agency) = site.photo {
            let out = buf.open(true);
            out.push_str(agency);
            out.push_str(&site.photographers[rng.below(site.photographers.len())]);
        }
        // Body, with prompts between paragraphs.
        let paras = body.paras.len();
        for (i, para) in body.paras.iter().enumerate() {
            buf.gap();
            buf.line(&para.text, para.kind == Kind::Clutter);
            let more = i + 1 < paras;
            if more && site.read_also.is_some_and(|(_, at)| at == i + 1) {
                if let Some((prefix, _)) = site.read_also {
                    if let Some(&j) = self.related_headlines(p, rng, 1).first() {
                        buf.gap();
                        let out = buf.open(true);
                        out.push_str(prefix);
                        out.push_str(&self.stories[j].headline);
                    }
                }
            }
            if more && site.newsletter.is_some_and(|(_, at)| at == i + 1) {
                if let Some((text, _)) = site.newsletter {
                    buf.gap();
                    buf.line(text, true);
                }
            }
            if more && site.advert == Some(i + 1) {
                buf.gap();
                buf.line(d.advert, true);
            }
        }
        if site.byline == BylinePos::Bottom {
            buf.gap();
            byline(&mut buf, rng);
        }
        // A second article glued below (infinite scroll).
        if let Some(second) = extra.and_then(|e| e.second.as_ref()) {
            buf.gap();
            buf.line(&second.headline, true);
            if site.byline != BylinePos::None {
                byline(&mut buf, rng);
            }
            for para in &second.paras {
                buf.gap();
                buf.line(&para.text, true);
            }
        }
        // Prompts and related articles.
        if let Some(share) = site.share {
            buf.gap();
            buf.line(share, true);
        }
        if let Some(c) = site.comments {
            buf.gap();
            push_filled(buf.open(true), c, rng.range(0, 240) as u64, sep);
        }
        if let Some(rel) = &site.related {
            let k = rng.range(3, 6);
            let items = self.related_headlines(p, rng, k);
            if !items.is_empty() {
                buf.gap();
                buf.line(rel.heading, true);
                for (n, &j) in items.iter().enumerate() {
                    let h = &self.stories[j].headline;
                    let glue = rel.style == 1 || (rel.style == 3 && rng.chance(0.5));
                    let out = buf.open(true);
                    if glue {
                        out.push_str(rng.pick(d.categories));
                        push_age(out, site.lang, rng);
                        out.push_str(h);
                    } else if rel.style == 2 {
                        out.push_str(rng.pick(d.categories));
                        out.push_str(" | ");
                        out.push_str(h);
                    } else {
                        out.push_str(h);
                    }
                    if rel.separators && n + 1 < items.len() {
                        buf.line("-", true);
                    }
                }
            }
        }
        if let Some((prev, next)) = site.prev_next {
            buf.gap();
            buf.line(prev, true);
            buf.line(next, true);
        }
        if let Some(links) = site.footer_links {
            buf.gap();
            buf.line(links, true);
        }
        if let Some(c) = site.copyright {
            if site.footer_links.is_none() {
                buf.gap();
            }
            let _ = write!(buf.open(true), "© {} {}{}", date.year, site.name, c);
        }
        buf
    }
}

// ---------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------

fn text_indices(body: &Body) -> Vec<usize> {
    body.paras
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == Kind::Text)
        .map(|(i, _)| i)
        .collect()
}

fn drop_paragraphs(body: &mut Body, rng: &mut Rng) -> bool {
    let mut dropped = false;
    for _ in 0..rng.range(1, 2) {
        let texts = text_indices(body);
        if texts.len() <= 2 {
            break;
        }
        body.paras.remove(texts[rng.below(texts.len())]);
        dropped = true;
    }
    dropped
}

fn reorder(body: &mut Body, rng: &mut Rng) -> bool {
    let texts = text_indices(body);
    if texts.len() < 2 {
        return false;
    }
    let a = rng.below(texts.len());
    let mut b = rng.below(texts.len() - 1);
    if b >= a {
        b += 1;
    }
    body.paras.swap(texts[a], texts[b]);
    true
}

fn truncate(body: &mut Body, d: &LangData, rng: &mut Rng) -> bool {
    let len = body.paras.len();
    let keep = (len * rng.range(40, 80)).div_ceil(100).max(1);
    if keep >= len || !body.paras[..keep].iter().any(|p| p.kind == Kind::Text) {
        return false;
    }
    body.paras.truncate(keep);
    if rng.chance(0.5) {
        body.paras.push(Para {
            kind: Kind::Clutter,
            text: rng.pick(d.read_more).to_string(),
        });
    }
    true
}

fn is_plain(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// Splits a token into its core and trailing punctuation.
fn split_punct(w: &str) -> (&str, &str) {
    let core = w.trim_end_matches([',', '.', '?', '!', '"', ':']);
    (core, &w[core.len()..])
}

/// A few sentence-level changes: synonym swap, two words swapped, a word dropped, a number
/// changed.
fn reword(v: &Vocab, body: &mut Body, rng: &mut Rng) -> bool {
    let texts = text_indices(body);
    if texts.is_empty() {
        return false;
    }
    let mut changed = false;
    for _ in 0..rng.range(2, 5) {
        let pi = texts[rng.below(texts.len())];
        let text = &body.paras[pi].text;
        let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
        let n = words.len();
        if n < 4 {
            continue;
        }
        let from = rng.below(n);
        let mut done = false;
        match rng.below(4) {
            0 => {
                for k in 0..n {
                    let i = (from + k) % n;
                    let (core, tail) = split_punct(&words[i]);
                    let swap = v.d.synonyms.iter().find_map(|&(a, b)| {
                        if core == a {
                            Some(b)
                        } else if core == b {
                            Some(a)
                        } else {
                            None
                        }
                    });
                    if let Some(s) = swap {
                        words[i] = format!("{s}{tail}");
                        done = true;
                        break;
                    }
                }
            }
            1 => {
                for k in 0..n - 1 {
                    let i = (from + k) % (n - 1);
                    if is_plain(&words[i]) && is_plain(&words[i + 1]) && words[i] != words[i + 1] {
                        words.swap(i, i + 1);
                        done = true;
                        break;
                    }
                }
            }
            2 => {
                for k in 0..n {
                    let i = (from + k) % n;
                    if i > 0 && is_plain(&words[i]) {
                        words.remove(i);
                        done = true;
                        break;
                    }
                }
            }
            _ => {
                for k in 0..n {
                    let i = (from + k) % n;
                    let (core, tail) = split_punct(&words[i]);
                    if core.starts_with(|c: char| c.is_ascii_digit())
                        && core
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                    {
                        let old: u64 =
                            core.bytes().filter(u8::is_ascii_digit).fold(0u64, |a, b| {
                                a.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                            });
                        let mut new = old + rng.range(1, 9) as u64 * (old / 10).max(1);
                        if rng.chance(0.5) && old > 2 {
                            new = old - rng.range(1, 2) as u64 * (old / 10).max(1);
                        }
                        let mut s = String::new();
                        push_number(&mut s, new.max(1), v.d.thousands);
                        s.push_str(tail);
                        words[i] = s;
                        done = true;
                        break;
                    }
                }
            }
        }
        if !done {
            continue;
        }
        body.paras[pi].text = words.join(" ");
        changed = true;
    }
    changed
}

/// Misspells 1-3% of the words of the body paragraphs.
fn typos(body: &mut Body, rng: &mut Rng) -> bool {
    let per_mille = rng.range(10, 30);
    let mut changed = false;
    for para in body.paras.iter_mut().filter(|p| p.kind == Kind::Text) {
        let mut out = String::with_capacity(para.text.len() + 8);
        for (i, w) in para.text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let b = w.as_bytes();
            if b.len() >= 4 && is_plain(w) && rng.below(1000) < per_mille {
                let j = rng.range(1, b.len() - 2);
                match rng.below(3) {
                    0 => {
                        out.push_str(&w[..j]);
                        out.push(b[j + 1] as char);
                        out.push(b[j] as char);
                        out.push_str(&w[j + 2..]);
                    }
                    1 => {
                        out.push_str(&w[..j]);
                        out.push_str(&w[j + 1..]);
                    }
                    _ => {
                        out.push_str(&w[..=j]);
                        out.push_str(&w[j..]);
                    }
                }
                changed = true;
            } else {
                out.push_str(w);
            }
        }
        para.text = out;
    }
    changed
}

// ---------------------------------------------------------------------------------------
// Language data
// ---------------------------------------------------------------------------------------

struct LangData {
    /// Function words, most frequent first.
    function: &'static [&'static str],
    /// Common nouns, verbs, adjectives and adverbs, roughly most frequent first.
    content: &'static [&'static str],
    synonyms: &'static [(&'static str, &'static str)],
    thousands: char,
    first_names: &'static [&'static str],
    surnames: &'static [&'static str],
    name_onsets: &'static [&'static str],
    name_tails: &'static [&'static str],
    place_prefixes: &'static [&'static str],
    place_roots: &'static [&'static str],
    place_suffixes: &'static [&'static str],
    org_patterns: &'static [&'static str],
    site_patterns: &'static [&'static str],
    tlds: &'static [&'static str],
    says: &'static [&'static str],
    cookie: &'static [&'static str],
    nav: &'static [&'static str],
    crumb_root: &'static str,
    categories: &'static [&'static str],
    by: &'static str,
    and: &'static str,
    desk: &'static str,
    photo: &'static [&'static str],
    newsletter: &'static [&'static str],
    advert: &'static str,
    read_also: &'static [&'static str],
    share: &'static [&'static str],
    comments: &'static [&'static str],
    related_heads: &'static [&'static str],
    prev_next: &'static [(&'static str, &'static str)],
    footer_links: &'static [&'static str],
    copyright: &'static [&'static str],
    wire: &'static [&'static str],
    read_more: &'static [&'static str],
    months: [&'static str; 12],
    months_short: [&'static str; 12],
    weekdays: [&'static str; 7],
}

#[rustfmt::skip]
static NL: LangData = LangData {
    function: &[
        "de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "voor", "met", "zijn",
        "niet", "die", "aan", "er", "om", "ook", "als", "bij", "door", "maar", "nog", "wordt",
        "naar", "dan", "uit", "over", "tot", "kan", "heeft", "werd", "zo", "wel", "meer", "al",
        "hij", "ze", "was", "we", "na", "of", "omdat", "geen", "deze", "hun", "zich", "volgens",
        "onder", "tegen", "moet", "hebben", "had", "waren", "dit", "nu", "veel", "wat", "zou",
        "tussen", "sinds", "kunnen", "vooral", "alleen", "andere", "eerste", "twee", "drie",
        "nieuwe", "echter", "daarom", "waar", "hoe", "toen", "zelf", "iets", "alle", "elke",
        "weer", "nooit", "altijd", "daar", "hier", "binnen", "zonder", "tijdens", "rond",
        "vanaf", "per", "waarin", "welke", "dus", "toch", "inmiddels", "bovendien", "ongeveer",
        "bijna", "steeds", "worden", "zal", "zullen", "haar", "hem", "wij", "hen", "ons",
        "onze", "wie", "waarom", "want", "terwijl", "hoewel", "zoals", "net", "pas", "zeer",
        "erg", "heel", "mee", "af", "uiteindelijk", "daarna",
    ],
    content: &[
        "gemeente", "jaar", "zegt", "mensen", "procent", "euro", "miljoen", "kinderen", "tijd",
        "politie", "dag", "week", "stad", "minister", "kabinet", "regering", "onderzoek",
        "bewoners", "gaat", "komt", "krijgt", "staat", "blijft", "laat", "maakt", "neemt",
        "geeft", "vindt", "houdt", "wil", "willen", "moeten", "gaan", "komen", "maken", "zei",
        "burgemeester", "rechter", "rechtbank", "inwoners", "school", "leerlingen",
        "ziekenhuis", "patiënten", "zorg", "woningen", "huur", "prijs", "prijzen", "maand",
        "jaren", "weg", "verkeer", "trein", "station", "bus", "fiets", "auto", "water", "dijk",
        "boeren", "stikstof", "natuur", "klimaat", "energie", "stroom", "gas", "belasting",
        "bedrijf", "bedrijven", "werknemers", "banen", "salaris", "vakbond", "staking",
        "economie", "markt", "winkel", "winkels", "centrum", "dorp", "provincie", "wijk",
        "straat", "plein", "brug", "haven", "vliegveld", "club", "wedstrijd", "seizoen",
        "trainer", "spelers", "doelpunt", "kampioen", "festival", "museum", "concert",
        "voorstelling", "boek", "film", "muziek", "kunstenaar", "publiek", "bezoekers",
        "plannen", "plan", "besluit", "debat", "raad", "partij", "verkiezingen", "stemmen",
        "coalitie", "oppositie", "wet", "regels", "vergunning", "kosten", "geld", "budget",
        "subsidie", "tekort", "schade", "brand", "ongeluk", "slachtoffers", "verdachte",
        "aanhouding", "zaak", "advocaat", "getuigen", "straf", "veiligheid", "risico",
        "probleem", "problemen", "oplossing", "vraag", "antwoord", "gesprek", "overleg",
        "afspraak", "akkoord", "kritiek", "zorgen", "woordvoerder", "directeur", "voorzitter",
        "wethouder", "medewerkers", "vrijwilligers", "ouders", "jongeren", "ouderen",
        "familie", "eigenaar", "huis", "gebouw", "terrein", "project", "bouw", "renovatie",
        "windmolens", "zonnepanelen", "boerderij", "dieren", "bos", "park", "strand", "regen",
        "storm", "hitte", "sneeuw", "avond", "ochtend", "nacht", "middag", "begin", "einde",
        "deel", "aantal", "groep", "helft", "gevolg", "reden", "manier", "situatie",
        "ontwikkeling", "toekomst", "geschiedenis", "nieuws", "bericht", "brief", "rapport",
        "cijfers", "resultaten", "onderzoekers", "universiteit", "studenten", "onderwijs",
        "docenten", "huisarts", "medicijnen", "wachtlijst", "kantoor", "fabriek", "sector",
        "personeel", "zien", "weten", "denken", "werken", "wonen", "betalen", "bouwen",
        "sluiten", "openen", "stoppen", "beginnen", "besloten", "gekregen", "gemaakt",
        "genomen", "gegeven", "gevonden", "gezien", "gewerkt", "gebouwd", "gesloten",
        "geopend", "gestopt", "begonnen", "verwacht", "gemeld", "bevestigd", "ontkend",
        "aangekondigd", "onderzocht", "gearresteerd", "veroordeeld", "vrijgesproken",
        "gewonnen", "verloren", "gestegen", "gedaald", "verhoogd", "verlaagd", "uitgesteld",
        "afgelast", "toegezegd", "gewaarschuwd", "benadrukt", "erkend", "geprobeerd",
        "gevraagd", "gezegd", "gekozen", "gebruikt", "vertrokken", "overleden", "gered",
        "geëvacueerd", "afgesloten", "groot", "klein", "lang", "kort", "hoog", "laag", "oud",
        "jong", "snel", "langzaam", "duidelijk", "belangrijk", "moeilijk", "makkelijk",
        "sterk", "zwak", "goed", "slecht", "eerder", "later", "vandaag", "gisteren", "morgen",
        "vorige", "volgende", "laatste", "lokale", "landelijke", "Europese", "financiële",
        "extra", "hele", "enkele", "verschillende", "mogelijk", "zeker", "volledig", "direct",
        "meteen", "opnieuw", "samen", "verder", "genoeg", "minder", "duurder", "goedkoper",
        "tijdelijk", "definitief", "officieel", "onduidelijk", "nodig", "blij", "boos",
        "teleurgesteld", "tevreden", "kritisch", "positief", "negatief", "vrij", "open",
        "dicht", "zwaar", "warm", "koud", "veilig", "gevaarlijk", "bekend", "nieuw",
        "ambulance", "brandweer", "agenten", "supermarkt", "dorpshuis", "sporthal",
        "zwembad", "bibliotheek", "kerk", "molen", "snelweg", "rotonde", "fietspad",
        "parkeerplaats", "verbouwing", "asielzoekers", "opvang", "huurders", "corporatie",
        "pensioen", "inflatie", "rente", "hypotheek", "export", "landbouw", "visserij",
    ],
    synonyms: &[
        ("zegt", "stelt"),
        ("zei", "verklaarde"),
        ("woningen", "huizen"),
        ("onderzoek", "studie"),
        ("snel", "vlug"),
        ("besluit", "beslissing"),
        ("kosten", "uitgaven"),
        ("geld", "middelen"),
        ("probleem", "kwestie"),
        ("ongeveer", "circa"),
        ("bijna", "vrijwel"),
        ("moeilijk", "lastig"),
        ("groot", "fors"),
        ("mensen", "personen"),
        ("meteen", "direct"),
        ("verwacht", "voorzien"),
        ("duidelijk", "helder"),
        ("plannen", "voornemens"),
        ("kritiek", "bezwaren"),
        ("echter", "evenwel"),
        ("belangrijk", "essentieel"),
        ("bedrijf", "onderneming"),
        ("werknemers", "personeelsleden"),
        ("gebouw", "pand"),
        ("auto", "wagen"),
        ("krijgt", "ontvangt"),
        ("nodig", "noodzakelijk"),
        ("zeker", "beslist"),
        ("agenten", "politiemensen"),
        ("gemeld", "bericht"),
        ("ouderen", "senioren"),
        ("opnieuw", "wederom"),
    ],
    thousands: '.',
    first_names: &[
        "Jan", "Piet", "Kees", "Sanne", "Fleur", "Lotte", "Emma", "Daan", "Bram", "Thijs",
        "Ruben", "Sophie", "Anouk", "Marieke", "Willem", "Henk", "Ingrid", "Annelies", "Joost",
        "Mark", "Esther", "Ilse", "Koen", "Niels", "Femke", "Roos", "Maarten", "Wouter",
        "Hanneke", "Bas", "Gert", "Tineke", "Youssef", "Fatima", "Mohamed", "Priya", "Sven",
        "Lieke", "Jeroen", "Nadia",
    ],
    surnames: &[
        "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
        "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden",
        "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
        "van den Broek", "Willems", "Kuipers", "Postma", "Hoekstra", "Prins", "Huisman",
        "Peeters", "Koster", "Verhoeven", "Bosman", "El Amrani", "Yilmaz",
    ],
    name_onsets: &[
        "Ber", "Hoek", "Kor", "Wil", "Dro", "Mee", "Vel", "Stin", "Haar", "Bos", "Ter", "Ril",
        "Gro", "Lin", "Sme", "Dui", "Kui", "Pol", "Zwa", "Brin", "Ot", "Wes",
    ],
    name_tails: &[
        "stra", "man", "ink", "ing", "sen", "ema", "huis", "berg", "veld", "kamp", "hof",
        "dijk", "ens", "stee", "ler", "ma", "hout", "broek",
    ],
    place_prefixes: &["Oud-", "Nieuw-", "Zuid-", "Noord-", "Sint-", "Groot-"],
    place_roots: &[
        "Bree", "Holt", "Wes", "Dronk", "Ame", "Hals", "Mep", "Vries", "Elde", "Ter", "Loos",
        "Rijs", "Olde", "Hoog", "Leu", "Zwam", "Kam", "Ees", "Gaast", "Bur", "Lind", "Marken",
        "Vlie", "Wouw",
    ],
    place_suffixes: &[
        "dam", "dijk", "veen", "horst", "wijk", "lo", "ingen", "hoven", "broek", "sum",
        "meer", "zand", "kerk", "woude", "berg", "hem",
    ],
    org_patterns: &[
        "Gemeente {P}", "Waterschap {P}", "{S} Groep", "{S} Bouw", "Zorggroep {P}",
        "Woonstichting {P}", "{P} Energie", "Veiligheidsregio {P}", "Stichting {S}", "VV {P}",
    ],
    site_patterns: &[
        "Dagblad {P}", "{P}se Courant", "Omroep {P}", "Nieuwsbode {P}", "{P} Actueel",
        "Het Nieuws uit {P}", "Regio {P}", "Stadskrant {P}",
    ],
    tlds: &[".nl", ".nl", ".nl", ".nu"],
    says: &["zegt", "aldus", "stelt", "zei"],
    cookie: &[
        "Wij gebruiken cookies om de site te verbeteren. Accepteren | Weigeren",
        "Deze website maakt gebruik van cookies. Akkoord",
    ],
    nav: &[
        "Home",
        "Nieuws | Sport | Regio | Cultuur",
        "Menu",
        "Zoeken",
        "Search",
        "Inloggen | Abonneren",
        "Nieuws Sport Regio Economie Cultuur Video",
    ],
    crumb_root: "Nieuws",
    categories: &[
        "Actueel", "Binnenland", "Buitenland", "Regio", "Economie", "Sport", "Cultuur",
        "Politiek", "Wonen", "Verkeer",
    ],
    by: "Door",
    and: " en ",
    desk: "Redactie",
    photo: &["Foto: ANP / ", "Foto: ", "Beeld: Hollandse Hoogte / ", "Foto: Pro Shots / "],
    newsletter: &[
        "Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het belangrijkste nieuws in je mailbox.",
        "Meld je aan voor de nieuwsbrief",
        "Blijf op de hoogte! Ontvang dagelijks het laatste nieuws uit de regio.",
        "Wil je niets missen? Abonneer je dan op onze gratis nieuwsbrief.",
    ],
    advert: "Advertentie",
    read_also: &["Lees ook: ", "LEES OOK: ", "Lees ook | "],
    share: &[
        "Deel dit artikel: Facebook | X | WhatsApp | E-mail",
        "Delen",
        "Deel via WhatsApp",
        "Deel op Facebook · Deel op X · Kopieer link",
    ],
    comments: &[
        "Reageer op dit artikel",
        "Praat mee en laat hieronder je reactie achter.",
        "{n} reacties",
        "Bekijk alle {n} reacties",
    ],
    related_heads: &[
        "Meer nieuws", "Lees ook", "Meest gelezen", "Ook interessant", "Meer uit de regio",
        "Gerelateerd",
    ],
    prev_next: &[
        ("Vorige", "Volgende"),
        ("Previous", "Next"),
        ("« Vorig artikel", "Volgend artikel »"),
    ],
    footer_links: &[
        "Privacy | Cookies | Contact",
        "Privacyverklaring | Cookiebeleid | Colofon | Adverteren",
        "Over ons | Contact | Vacatures",
    ],
    copyright: &["", ". Alle rechten voorbehouden."],
    wire: &[
        "(ANP)", "Bron: ANP", "© ANP", "Dit bericht is afkomstig van het ANP.", "(Novum/ANP)",
    ],
    read_more: &[
        "Lees verder",
        "Lees het volledige artikel",
        "Verder lezen? Word abonnee voor 1 euro per week.",
        "Dit artikel is alleen beschikbaar voor abonnees.",
    ],
    months: [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ],
    months_short: [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
    weekdays: [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ],
};

#[rustfmt::skip]
static EN: LangData = LangData {
    function: &[
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "it", "with", "as", "was",
        "he", "at", "by", "from", "be", "have", "has", "are", "this", "but", "not", "they", "his",
        "an", "which", "will", "or", "had", "after", "their", "been", "would", "who", "we", "more",
        "were", "its", "also", "about", "she", "there", "up", "than", "one", "out", "into", "over",
        "could", "can", "all", "when", "other", "some", "what", "her", "them", "no", "only",
        "first", "most", "before", "two", "three", "if", "because", "while", "during", "under",
        "against", "since", "between", "still", "where", "how", "so", "now", "just", "then",
        "even", "much", "many", "such", "very", "already", "both", "each", "these", "those", "our",
        "any", "may", "should", "must", "does", "did", "do", "being", "through", "without",
        "within", "around", "across", "until", "though", "whether", "why", "him", "us", "my",
        "own", "same", "another", "every", "never", "always", "often", "here",
    ],
    content: &[
        "said", "year", "people", "council", "police", "government", "percent", "million",
        "pounds", "time", "children", "week", "city", "minister", "says", "told", "goes",
        "comes", "gets", "stands", "remains", "makes", "takes", "gives", "finds", "holds",
        "wants", "want", "need", "go", "come", "make", "take", "give", "find", "keep", "mayor",
        "court", "judge", "inquiry", "investigation", "residents", "school", "pupils",
        "hospital", "patients", "care", "homes", "housing", "rent", "price", "prices", "day",
        "month", "years", "road", "roads", "traffic", "train", "station", "bus", "bike", "car",
        "water", "flood", "farmers", "nature", "climate", "energy", "power", "gas", "tax",
        "company", "companies", "workers", "jobs", "wages", "union", "strike", "economy",
        "market", "shop", "shops", "centre", "town", "village", "county", "district", "street",
        "square", "bridge", "harbour", "airport", "club", "match", "season", "manager",
        "players", "goal", "title", "festival", "museum", "concert", "show", "book", "film",
        "music", "artist", "audience", "visitors", "plans", "plan", "decision", "debate",
        "board", "party", "election", "votes", "coalition", "opposition", "law", "rules",
        "permit", "costs", "money", "budget", "grant", "deficit", "damage", "fire", "crash",
        "victims", "suspect", "arrest", "case", "lawyer", "witnesses", "safety", "risk",
        "problem", "problems", "solution", "question", "answer", "talks", "meeting",
        "agreement", "deal", "criticism", "concerns", "spokesperson", "director", "chair",
        "councillor", "staff", "volunteers", "parents", "young", "elderly", "family", "owner",
        "house", "building", "site", "project", "construction", "renovation", "turbines",
        "panels", "farm", "animals", "forest", "park", "beach", "weather", "rain", "storm",
        "heat", "snow", "evening", "morning", "night", "afternoon", "start", "end", "part",
        "number", "group", "half", "result", "reason", "way", "situation", "future", "history",
        "news", "report", "letter", "figures", "results", "researchers", "scientists",
        "university", "students", "education", "teachers", "insurer", "doctor", "pharmacy",
        "medicine", "waiting", "office", "factory", "sector", "stay", "see", "know", "think",
        "work", "live", "pay", "build", "close", "open", "stop", "begin", "decided",
        "received", "made", "taken", "given", "found", "seen", "worked", "built", "closed",
        "opened", "stopped", "began", "expected", "reported", "confirmed", "denied",
        "announced", "investigated", "arrested", "convicted", "acquitted", "won", "lost",
        "rose", "fell", "raised", "cut", "delayed", "cancelled", "promised", "warned",
        "stressed", "admitted", "tried", "asked", "chosen", "used", "left", "died", "rescued",
        "evacuated", "big", "small", "long", "short", "high", "low", "old", "new", "fast",
        "slow", "clear", "important", "difficult", "easy", "strong", "weak", "good", "bad",
        "earlier", "later", "today", "yesterday", "tomorrow", "previous", "next", "final",
        "local", "national", "European", "financial", "extra", "whole", "several", "various",
        "possible", "certain", "full", "direct", "immediately", "again", "together", "further",
        "enough", "fewer", "higher", "cheaper", "temporary", "permanent", "official",
        "unclear", "necessary", "happy", "angry", "disappointed", "satisfied", "critical",
        "positive", "negative", "free", "heavy", "warm", "cold", "safe", "dangerous", "known",
        "ambulance", "firefighters", "officers", "supermarket", "library", "church",
        "motorway", "roundabout", "cycle", "lane", "parking", "refugees", "shelter", "tenants",
        "landlords", "pension", "inflation", "rates", "mortgage", "exports", "farming",
        "fishing",
    ],
    synonyms: &[
        ("says", "said"),
        ("big", "large"),
        ("important", "key"),
        ("homes", "houses"),
        ("residents", "locals"),
        ("investigation", "inquiry"),
        ("fast", "quick"),
        ("decision", "ruling"),
        ("costs", "expenses"),
        ("money", "funds"),
        ("problem", "issue"),
        ("about", "around"),
        ("almost", "nearly"),
        ("difficult", "hard"),
        ("people", "individuals"),
        ("immediately", "at once"),
        ("expected", "anticipated"),
        ("clear", "obvious"),
        ("plans", "proposals"),
        ("criticism", "objections"),
        ("company", "firm"),
        ("workers", "employees"),
        ("building", "premises"),
        ("car", "vehicle"),
        ("gets", "receives"),
        ("necessary", "needed"),
        ("certain", "sure"),
        ("announced", "revealed"),
        ("told", "informed"),
        ("officers", "police officers"),
        ("elderly", "older people"),
        ("again", "once more"),
    ],
    thousands: ',',
    first_names: &[
        "James", "Sarah", "David", "Emma", "Michael", "Laura", "Daniel", "Hannah", "Thomas",
        "Olivia", "Robert", "Amy", "Peter", "Claire", "Andrew", "Rachel", "Mark", "Helen", "Paul",
        "Sophie", "Chris", "Grace", "Tom", "Lucy", "Ben", "Jessica", "Sam", "Fiona", "Aisha",
        "Mohammed", "Priya", "Raj", "Liam", "Megan", "Owen", "Zoe", "Ian", "Karen", "Neil", "Ruth",
    ],
    surnames: &[
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
        "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Hughes", "Harris", "Turner", "Hill",
        "Moore", "Cooper", "Ward", "Morris", "King", "Baker", "Harrison", "Morgan", "Allen",
        "Scott", "Young", "Mitchell", "Carter", "O'Brien", "McKenzie",
    ],
    name_onsets: &[
        "Ash", "Brad", "Cal", "Dun", "Fair", "Hal", "Kings", "Lang", "Mar", "Nor", "Pen", "Rad",
        "Sal", "Thorn", "Wel", "Whit", "Hol", "Brook", "Crom", "Ful", "Pem", "Stan",
    ],
    name_tails: &[
        "ley", "ton", "ford", "well", "by", "wood", "more", "field", "wick", "ham", "son", "er",
        "lock", "ridge", "worth", "stone",
    ],
    place_prefixes: &["North ", "East ", "Upper ", "Little ", "West ", "Great "],
    place_roots: &[
        "Ash", "Bel", "Brack", "Cold", "Dun", "Elm", "Farn", "Gran", "Hart", "Kel", "Lang", "Mel",
        "Nether", "Orm", "Pol", "Red", "Stan", "Thorn", "Wal", "Wick", "Crow", "Sel",
    ],
    place_suffixes: &[
        "ton", "field", "bury", "ford", "ham", "wick", "by", "stead", "port", "mouth", "ley",
        "well", "bridge", "worth", "cester", "combe",
    ],
    org_patterns: &[
        "{P} Council", "{P} Water", "{S} Holdings", "{S} & Sons", "{P} Health Trust",
        "{P} Housing Association", "{P} Energy", "{P} Fire and Rescue", "{S} Foundation",
        "{P} Town FC",
    ],
    site_patterns: &[
        "The {P} Herald", "{P} Gazette", "{P} Chronicle", "The {P} Post", "{P} Daily",
        "{P} Echo", "The {P} Courier", "{P} Live",
    ],
    tlds: &[".co.uk", ".com", ".com", ".news"],
    says: &["said", "says", "added", "told reporters"],
    cookie: &[
        "We use cookies to improve your experience. Accept | Reject",
        "This site uses cookies. OK",
    ],
    nav: &[
        "Home", "News | Sport | Business | Culture", "Menu", "Search", "Sign in",
        "UK World Politics Business Tech", "Subscribe",
    ],
    crumb_root: "News",
    categories: &[
        "News", "UK", "World", "Business", "Sport", "Culture", "Politics", "Local", "Money",
        "Travel",
    ],
    by: "By",
    and: " and ",
    desk: "Staff reporter",
    photo: &[
        "Photo: PA / ", "Photo: ", "Image: Reuters / ", "Photograph: Getty Images / ",
    ],
    newsletter: &[
        "Sign up for our newsletter to get the day's top stories straight to your inbox.",
        "Subscribe to our daily briefing",
        "Get the latest headlines every morning. Sign up now, it's free.",
        "Never miss a story: subscribe to our free newsletter.",
    ],
    advert: "Advertisement",
    read_also: &["Read more: ", "READ MORE: ", "Also read: "],
    share: &[
        "Share this article: Facebook | X | Email",
        "Share",
        "Share on WhatsApp",
        "Share · Tweet · Email · Copy link",
    ],
    comments: &[
        "Join the conversation", "Leave a comment below.", "{n} comments",
        "View all {n} comments",
    ],
    related_heads: &[
        "Related", "More news", "Most read", "You may also like", "Related stories",
        "Top stories",
    ],
    prev_next: &[
        ("Previous", "Next"),
        ("Previous article", "Next article"),
        ("« Previous", "Next »"),
    ],
    footer_links: &[
        "Privacy | Cookies | Contact",
        "Privacy Policy | Cookie Settings | Terms | Advertise",
        "About us | Contact | Careers",
    ],
    copyright: &["", ". All rights reserved."],
    wire: &[
        "(Reuters)",
        "Additional reporting by PA Media.",
        "© Associated Press",
        "This story was provided by Reuters.",
        "Reporting by Reuters; editing by staff.",
    ],
    read_more: &[
        "Continue reading", "Read the full story", "Subscribe to continue reading.",
        "This article is for subscribers only.",
    ],
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    months_short: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    weekdays: [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn small(seed: u64, documents: usize) -> SynthConfig {
        SynthConfig {
            seed,
            documents,
            ..SynthConfig::default()
        }
    }

    #[test]
    fn same_config_same_output() {
        let a = generate(&small(7, 300));
        let b = generate(&small(7, 300));
        assert_eq!(a, b);
        let lines = |d: &[SynthDoc]| d.iter().map(|x| x.to_json_line()).collect::<Vec<_>>();
        assert_eq!(lines(&a), lines(&b));
    }

    #[test]
    fn different_seeds_differ() {
        let a = generate(&small(1, 100));
        let b = generate(&small(2, 100));
        assert_ne!(a, b);
        assert_ne!(a[0].text, b[0].text);
    }

    #[test]
    fn exact_count_unique_ids_and_well_formed_fields() {
        for n in [0, 1, 2, 3, 17, 500] {
            let docs = generate(&small(9, n));
            assert_eq!(docs.len(), n);
            let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n);
            for d in &docs {
                assert!(d.id.starts_with("syn-9-"));
                assert_eq!(d.date.len(), 10);
                assert_eq!(&d.date[4..5], "-");
                assert!(
                    d.url
                        .starts_with(&format!("https://{}/{}/", d.site, &d.date[..4])),
                    "{}",
                    d.url
                );
                assert!(!d.text.ends_with('\n'));
                assert!(!d.text.trim().is_empty());
            }
        }
    }

    #[test]
    fn one_label_per_line_and_spans_inside_article_lines() {
        let docs = generate(&small(3, 1000));
        let mut clutter = 0;
        let mut lines = 0;
        for d in &docs {
            assert_eq!(d.boilerplate_lines.len(), d.text.split('\n').count());
            for (line, &label) in d.text.split('\n').zip(&d.boilerplate_lines) {
                if line.is_empty() {
                    assert!(!label, "blank lines are not clutter");
                } else {
                    lines += 1;
                    clutter += usize::from(label);
                }
            }
            for &(s, e) in &d.glued_spans {
                assert!(s < e && e <= d.text.len());
                assert!(d.text.is_char_boundary(s) && d.text.is_char_boundary(e));
                let line = d.text[..s].matches('\n').count();
                assert!(!d.boilerplate_lines[line]);
                assert!(!d.text[s..e].contains('\n'));
            }
        }
        let share = clutter as f64 / lines as f64;
        assert!((0.15..0.7).contains(&share), "clutter share {share}");
    }

    #[test]
    fn stories_with_copies_have_two_or_more_docs() {
        let docs = generate(&small(11, 2000));
        let mut by_story: BTreeMap<u64, Vec<&SynthDoc>> = BTreeMap::new();
        for d in &docs {
            by_story.entry(d.story).or_default().push(d);
        }
        let mut clusters = 0;
        for (story, members) in &by_story {
            let copies = members.iter().filter(|d| !d.edits.is_empty()).count();
            if copies > 0 {
                clusters += 1;
                assert!(members.len() >= 2, "story {story}");
                assert_eq!(members.len() - copies, 1, "one original per story {story}");
            } else {
                assert_eq!(members.len(), 1);
            }
        }
        assert!(clusters > 100, "{clusters} clusters");
        for d in &docs {
            assert!(d.edits.len() <= 4);
            for e in &d.edits {
                assert!(EDIT_NAMES.contains(e), "{e}");
            }
        }
        let kinds: Vec<&str> = EDIT_NAMES.to_vec();
        for kind in kinds {
            assert!(
                docs.iter().any(|d| d.edits.contains(&kind)),
                "no doc with edit {kind}"
            );
        }
    }

    #[test]
    fn exact_duplicates_are_identical_text() {
        let docs = generate(&small(5, 3000));
        let exact: Vec<&SynthDoc> = docs
            .iter()
            .filter(|d| d.edits == ["exact_duplicate"])
            .collect();
        assert!(!exact.is_empty());
        for d in exact {
            assert!(docs.iter().any(|o| o.id != d.id
                && o.story == d.story
                && o.edits.is_empty()
                && o.text == d.text));
        }
    }

    #[test]
    fn same_event_pairs_share_names_but_not_story() {
        let docs = generate(&small(13, 2000));
        let pairs: Vec<&SynthDoc> = docs.iter().filter(|d| d.same_event.is_some()).collect();
        assert!(pairs.len() >= 20, "{} same-event docs", pairs.len());
        for d in pairs {
            let partner = d.same_event.unwrap_or(u64::MAX);
            assert_ne!(partner, d.story);
            let other = docs
                .iter()
                .find(|o| o.story == partner && o.edits.is_empty());
            let Some(other) = other else { continue };
            assert_eq!(other.same_event, Some(d.story));
            assert_ne!(other.text, d.text);
        }
    }

    #[test]
    fn languages_and_sites_follow_the_config() {
        let config = SynthConfig {
            seed: 5,
            documents: 300,
            sites: 3,
            duplicate_share: 0.0,
            languages: vec![Lang::En],
        };
        let docs = generate(&config);
        assert!(docs
            .iter()
            .all(|d| d.lang == Lang::En && d.edits.iter().all(|e| *e == "exact_duplicate")));
        let mut sites: Vec<&str> = docs.iter().map(|d| d.site.as_str()).collect();
        sites.sort_unstable();
        sites.dedup();
        assert_eq!(sites.len(), 3);
        let one = generate(&SynthConfig {
            sites: 0,
            languages: Vec::new(),
            ..small(5, 50)
        });
        assert_eq!(one.len(), 50);
    }

    #[test]
    fn json_lines_carry_input_fields_only_and_gold_separately() {
        let docs = generate(&small(21, 50));
        for d in &docs {
            let v: serde_json::Value = serde_json::from_str(&d.to_json_line()).expect("json");
            let keys: Vec<&str> = v
                .as_object()
                .expect("object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["id", "site", "url", "date", "text"]);
            assert_eq!(v["text"].as_str(), Some(d.text.as_str()));
            let g: serde_json::Value = serde_json::from_str(&d.gold_json_line()).expect("json");
            assert_eq!(g["id"].as_str(), Some(d.id.as_str()));
            assert_eq!(g["cluster"].as_u64(), Some(d.story));
            assert_eq!(g["edits"].as_array().map(Vec::len), Some(d.edits.len()));
        }
    }

    #[test]
    fn article_lines_look_like_news() {
        let docs = generate(&small(8, 200));
        let mut sentences = 0;
        for d in docs.iter().filter(|d| d.edits.is_empty()) {
            for (line, &b) in d.text.split('\n').zip(&d.boilerplate_lines) {
                if b || line.is_empty() {
                    continue;
                }
                let first = line.chars().next().unwrap_or(' ');
                assert!(first.is_uppercase() || first == '"', "{line}");
                if line.ends_with('.') && line.split(' ').count() >= 8 {
                    sentences += 1;
                }
            }
        }
        assert!(sentences > 500);
    }

    #[test]
    fn two_thousand_docs_generate() {
        let docs = generate(&small(99, 2000));
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        assert!(bytes > 2000 * 1500, "{bytes} bytes");
    }

    #[test]
    fn calendar_is_right() {
        assert_eq!(civil(BASE_DAY), (2024, 1, 1));
        assert_eq!(civil(BASE_DAY + 59), (2024, 2, 29));
        assert_eq!(civil(BASE_DAY + 366), (2025, 1, 1));
        assert_eq!(date_of(0).weekday, 0, "2024-01-01 was a Monday");
    }
}
