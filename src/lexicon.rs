//! Word lists: the language knowledge behind the in-page clutter rules.
//!
//! Every list holds key forms (see [`crate::normalize`]): lowercase, punctuation folded to
//! single spaces. Stop-word lists come from `src/stopwords/` (stopwords-iso, MIT) for the
//! eighteen [`LANGUAGES`]; the phrase lists are zeef's own, for Dutch, English, German,
//! French, Spanish and Italian.
//! A page's language is the one whose stop words cover most of its tokens.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use foldhash::fast::FixedState;

use crate::normalize::word_hash;
use crate::sites::PrehashedKeys;

/// A set of words. Lookups are of short words, one or more per token of every page, where
/// foldhash is several times cheaper than the standard SipHash; no input can choose keys.
type WordSet = HashSet<&'static str, FixedState>;

/// Languages with stop-word lists, in the order ties are broken.
pub const LANGUAGES: [&str; 18] = [
    "nl", "en", "de", "fr", "es", "it", "pt", "ru", "pl", "sv", "da", "no", "cs", "ro", "tr", "hu",
    "fi", "id",
];

const STOPWORDS: [&str; LANGUAGES.len()] = [
    include_str!("stopwords/nl.txt"),
    include_str!("stopwords/en.txt"),
    include_str!("stopwords/de.txt"),
    include_str!("stopwords/fr.txt"),
    include_str!("stopwords/es.txt"),
    include_str!("stopwords/it.txt"),
    include_str!("stopwords/pt.txt"),
    include_str!("stopwords/ru.txt"),
    include_str!("stopwords/pl.txt"),
    include_str!("stopwords/sv.txt"),
    include_str!("stopwords/da.txt"),
    include_str!("stopwords/no.txt"),
    include_str!("stopwords/cs.txt"),
    include_str!("stopwords/ro.txt"),
    include_str!("stopwords/tr.txt"),
    include_str!("stopwords/hu.txt"),
    include_str!("stopwords/fi.txt"),
    include_str!("stopwords/id.txt"),
];

/// Whole lines that are site navigation or page controls when they stand alone.
const NAV_WORDS: &[&str] = &[
    // nl
    "home",
    "menu",
    "zoeken",
    "zoek",
    "vorige",
    "volgende",
    "terug",
    "inloggen",
    "uitloggen",
    "registreren",
    "account",
    "contact",
    "over ons",
    "naar boven",
    "delen",
    "deel",
    "printen",
    "reageer",
    "reacties",
    "reactie",
    "abonneren",
    "abonnement",
    "nieuwsbrief",
    "meer",
    "lees meer",
    "verder lezen",
    "advertentie",
    "gesponsord",
    "tags",
    "categorie",
    "categorieën",
    "gerelateerd",
    "lees ook",
    "ook interessant",
    "meer nieuws",
    "meest gelezen",
    "populair",
    "aanbevolen",
    "sluiten",
    "accepteren",
    "weigeren",
    "bewaren",
    "opslaan",
    "kopieer link",
    "volg ons",
    "inhoud",
    "overzicht",
    "archief",
    "video",
    "foto",
    "fotos",
    "laden",
    "bekijk",
    "nieuws",
    "uitgelicht",
    "toon meer",
    "meer laden",
    "ga naar",
    "ga verder",
    "overslaan",
    // en
    "search",
    "previous",
    "next",
    "back",
    "login",
    "log in",
    "log out",
    "sign in",
    "sign up",
    "register",
    "my account",
    "about",
    "about us",
    "privacy",
    "cookies",
    "sitemap",
    "top",
    "back to top",
    "skip to content",
    "skip to main content",
    "share",
    "print",
    "email",
    "e mail",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "pinterest",
    "instagram",
    "youtube",
    "tiktok",
    "rss",
    "comment",
    "comments",
    "subscribe",
    "newsletter",
    "more",
    "read more",
    "continue reading",
    "advertisement",
    "ad",
    "sponsored",
    "tag",
    "categories",
    "category",
    "related",
    "related articles",
    "related stories",
    "more news",
    "you may also like",
    "recommended",
    "popular",
    "most read",
    "most popular",
    "trending",
    "photo",
    "photos",
    "gallery",
    "loading",
    "close",
    "accept",
    "agree",
    "ok",
    "save",
    "copy link",
    "link",
    "follow us",
    "next article",
    "previous article",
    "more stories",
    "latest",
    "latest news",
    "top stories",
    "watch",
    "listen",
    "play",
    "show more",
    "load more",
    "menu close",
    "open menu",
    "toggle navigation",
    "navigation",
    "main menu",
    "edition",
    "terms",
    "terms of use",
    "privacy policy",
    "contact us",
    "help",
    "faq",
    "jobs",
    "careers",
    "advert",
    "adverts",
    "report",
    "reply",
    "read later",
    "copied",
    "copy",
    "back to gallery",
    "view all",
    "view gallery",
    "print article",
    "print this article",
    "privacy overview",
    // de
    "startseite",
    "suche",
    "weiter",
    "zurück",
    "teilen",
    "kommentare",
    "anmelden",
    "abmelden",
    "mehr",
    "mehr lesen",
    "weiterlesen",
    "impressum",
    "datenschutz",
    "anzeige",
    "schließen",
    // fr
    "accueil",
    "recherche",
    "suivant",
    "précédent",
    "partager",
    "commentaires",
    "connexion",
    "lire la suite",
    "publicité",
    "fermer",
    "plus",
    // es
    "inicio",
    "buscar",
    "siguiente",
    "anterior",
    "compartir",
    "comentarios",
    "leer más",
    "publicidad",
    "cerrar",
    "más",
    // it
    "cerca",
    "successivo",
    "precedente",
    "condividi",
    "commenti",
    "accedi",
    "leggi tutto",
    "pubblicità",
    "chiudi",
];

/// Section labels that sites print above headlines, in menus and glued into lists.
const CATEGORY_WORDS: &[&str] = &[
    "actueel",
    "nieuws",
    "binnenland",
    "buitenland",
    "politiek",
    "economie",
    "sport",
    "cultuur",
    "opinie",
    "regio",
    "lifestyle",
    "showbizz",
    "entertainment",
    "wetenschap",
    "gezondheid",
    "media",
    "muziek",
    "film",
    "tech",
    "technologie",
    "wereld",
    "weer",
    "verkeer",
    "royalty",
    "misdaad",
    "achtergrond",
    "columns",
    "column",
    "podcast",
    "podcasts",
    "news",
    "world",
    "politics",
    "business",
    "economy",
    "culture",
    "opinion",
    "science",
    "health",
    "technology",
    "local",
    "weather",
    "travel",
    "style",
    "food",
    "arts",
    "books",
    "uk",
    "us",
    "europe",
    "africa",
    "asia",
    "americas",
    "middle east",
    "crime",
    "education",
    "environment",
    "money",
    "markets",
    "entertainment",
    "sports",
    "features",
    "analysis",
    "breaking",
    "live",
    "aktuell",
    "politik",
    "wirtschaft",
    "kultur",
    "wissenschaft",
    "panorama",
    "actualité",
    "monde",
    "politique",
    "économie",
    "noticias",
    "actualidad",
    "economía",
    "deportes",
    "cronaca",
    "politica",
    "economia",
    "esteri",
    "spettacoli",
];

/// Places a page offers to share or send an article to, as share bars print them
/// (`Whatsapp Facebook Pint`, `E-mail | Print`, `Share on Twitter`).
const SHARE_TARGETS: &[&str] = &[
    "facebook",
    "twitter",
    "tweet",
    "x",
    "whatsapp",
    "messenger",
    "telegram",
    "linkedin",
    "xing",
    "pinterest",
    "pin",
    "pint",
    "instagram",
    "youtube",
    "tiktok",
    "snapchat",
    "reddit",
    "tumblr",
    "flipboard",
    "pocket",
    "vk",
    "weibo",
    "wechat",
    "threads",
    "bluesky",
    "mastodon",
    "email",
    "mail",
    "sms",
    "print",
    "share",
];

/// The most words of a share bar.
pub const SHARE_BAR_WORDS: usize = 10;

/// Word beginnings that, beside the word `cookie(s)`, make a line a cookie notice: asking
/// consent, naming the site, its settings or its privacy policy, in every supported
/// language. A recipe's cookies come without them.
const COOKIE_NOTICE_STEMS: &[&str] = &[
    "accept",
    "akzept",
    "acept",
    "aceit",
    "accett",
    "consent",
    "toestemm",
    "zustimm",
    "privacy",
    "privacidad",
    "datenschutz",
    "confidentialit",
    "policy",
    "politique",
    "polític",
    "politica",
    "naveg",
    "navig",
    "brows",
    "website",
    "webseite",
    "site",
    "sitio",
    "sito",
    "setting",
    "instelling",
    "einstellung",
    "paramètr",
    "parametr",
    "preferen",
    "préféren",
    "utiliz",
    "utilis",
    "usamos",
    "usiamo",
    "verwend",
    "gebruik",
    "tercer",
    "terceir",
    "tiers",
    "terze",
    "terzi",
    "dritt",
    "derden",
    "personali",
];

/// Phrases of calls to action: newsletters, sharing, comments, cookies, apps, "read also".
const PROMPT_PHRASES: &[&str] = &[
    // nl
    "schrijf je in",
    "schrijf u in",
    "meld je aan",
    "meld je nu aan",
    "aanmelden voor",
    "nieuwsbrief",
    "laat het weten",
    "in de reacties",
    "reageer hieronder",
    "deel dit",
    "deel dit artikel",
    "deel op",
    "volg ons",
    "volg de laatste",
    "lees ook",
    "lees meer",
    "bekijk ook",
    "kijk ook",
    "wij gebruiken cookies",
    "we gebruiken cookies",
    "cookies",
    "cookie instellingen",
    "privacybeleid",
    "alle rechten voorbehouden",
    "download de app",
    "download onze app",
    "klik hier",
    "tip de redactie",
    "heb je een tip",
    "wat vind jij",
    "wat vind jij ervan",
    "wat denk jij",
    "verder lezen",
    "abonneer",
    "word abonnee",
    "neem een abonnement",
    "gratis proberen",
    "al abonnee",
    "log in om",
    "mis niets",
    "blijf op de hoogte",
    "ontvang het laatste nieuws",
    "advertentie",
    "ook interessant",
    "meer over dit onderwerp",
    "praat mee",
    "reageer op dit artikel",
    "bekijk de video",
    // en
    "sign up",
    "subscribe",
    "newsletter",
    "share this",
    "share on",
    "share article",
    "follow us",
    "read more",
    "read also",
    "see also",
    "also read",
    "related",
    "we use cookies",
    "this site uses cookies",
    "accept all",
    "cookie policy",
    "cookie settings",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "download the app",
    "click here",
    "leave a comment",
    "join the conversation",
    "comments",
    "what do you think",
    "let us know",
    "continue reading",
    "recommended for you",
    "most popular",
    "most read",
    "advertisement",
    "sponsored content",
    "get the latest",
    "in your inbox",
    "free trial",
    "already a subscriber",
    "log in to",
    "support our journalism",
    "email us",
    "send us a tip",
    "story continues below",
    "watch the video",
    "listen to this article",
    "more on this story",
    "you might also like",
    "have your say",
    "join the debate",
    "comments are open",
    "don t miss",
    "sign in to",
    "create an account",
    // de
    "jetzt abonnieren",
    "newsletter abonnieren",
    "mehr zum thema",
    "lesen sie auch",
    "zum artikel",
    "kommentare",
    "alle rechte vorbehalten",
    "cookies akzeptieren",
    // fr
    "lire aussi",
    "à lire aussi",
    "abonnez vous",
    "inscrivez vous",
    "partager sur",
    "tous droits réservés",
    "lire la suite",
    // es
    "lee también",
    "suscríbete",
    "compartir en",
    "todos los derechos reservados",
    "leer más",
    // it
    "leggi anche",
    "iscriviti",
    "condividi su",
    "tutti i diritti riservati",
    "leggi tutto",
    "potrebbe interessarti",
    // pt
    "leia também",
    "veja também",
    "saiba mais",
    "partilhar no",
    "compartilhar no",
    "assine já",
    "todos os direitos reservados",
    // more de, es, fr
    "artikel teilen",
    "artikel anhören",
    "écouter l article",
    "escuchar noticia",
    "ascolta l articolo",
    "ouvir notícia",
    "cet article vous a été utile",
    "war dieser artikel hilfreich",
    "riproduzione riservata",
    "vous avez aimé cet article",
    "suivez nous sur",
    "folgen sie uns",
    "síguenos en",
    "seguici su",
    "siga nos",
    "das könnte sie auch interessieren",
    "te puede interesar",
    "réagir à cet article",
    "sur le même sujet",
    // sharing, in so many words: one verb alone is too often the article's
    "diesen artikel teilen",
    "beitrag teilen",
    "partager cet article",
    "partagez cet article",
    "comparte esta noticia",
    "compartir esta noticia",
    "comparte este artículo",
    "compartir este artículo",
    "condividi questo articolo",
    "condividi l articolo",
    "partilhe esta notícia",
    "partilhar esta notícia",
    "compartilhe esta notícia",
    "compartilhar esta notícia",
    // players and scripts that did not load
    "requires javascript",
    "enable javascript",
    "javascript is disabled",
    "javascript ist deaktiviert",
    "activez javascript",
    "media playback is unsupported",
    "your browser does not support",
    "ihr browser unterstützt",
    "votre navigateur ne supporte pas",
    "je browser ondersteunt",
    "tu navegador no",
    "il tuo browser non",
    "o seu navegador não",
    "print this article",
    "share it with",
    "follow us on",
    "keep up to date",
    "stay up to date",
    "breaking news emails",
];

/// Words that open a credit, source or caption line.
const CREDIT_OPENERS: &[&str] = &[
    "foto",
    "fotos",
    "beeld",
    "bron",
    "video",
    "illustratie",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "credit",
    "credits",
    "source",
    "sources",
    "copyright",
    "illustration",
    "bild",
    "quelle",
    "fotos",
    "fuente",
    "fonte",
    "crédit",
    "crédits",
    "photographie",
    "caption",
    "getty",
    "reporting by",
    "editing by",
    "additional reporting",
];

/// Press agencies and picture libraries named in credits.
const AGENCIES: &[&str] = &[
    "anp",
    "reuters",
    "afp",
    "ap",
    "epa",
    "dpa",
    "ansa",
    "efe",
    "belga",
    "getty images",
    "getty",
    "shutterstock",
    "istock",
    "hollandse hoogte",
    "pa",
    "bloomberg",
    "imageselect",
    "alamy",
    "pexels",
    "unsplash",
    "associated press",
    "press association",
    "novum",
];

/// Words that open a byline.
const BYLINE_OPENERS: &[&str] = &[
    "door", "by", "von", "par", "por", "di", "tekst", "text", "redactie",
];

/// A newsroom, named in a byline where a writer's name would stand.
const NEWSROOM: &[&str] = &[
    "redactie",
    "redaction",
    "rédaction",
    "redaktion",
    "redacción",
    "redazione",
    "redação",
    "redaccion",
    "staff",
    "newsroom",
    "newsdesk",
    "nieuwsdienst",
    "nachrichtenredaktion",
];

/// Words that may stand before the newsroom in a byline (`la rédaction`, `die redaktion`).
const NEWSROOM_DETERMINERS: &[&str] = &["la", "de", "die", "the", "il", "a", "onze", "our"];

/// Words that mark a segment of page furniture (reading time, views, save, dates).
const FURNITURE_WORDS: &[&str] = &[
    "leestijd",
    "minuten",
    "minuut",
    "min",
    "read",
    "keer",
    "bekeken",
    "views",
    "view",
    "bewaren",
    "opslaan",
    "save",
    "vandaag",
    "today",
    "gisteren",
    "yesterday",
    "geleden",
    "ago",
    "reacties",
    "reactie",
    "comments",
    "comment",
    "updated",
    "bijgewerkt",
    "gepubliceerd",
    "published",
    "print",
    "delen",
    "share",
    "uur",
    "hours",
    "hour",
    "minutes",
    "minute",
    "lesezeit",
    "gelesen",
    "aktualisiert",
    "lecture",
    "lectura",
    "lettura",
    // Times of day: `14:32 Uhr`, `10:05 GMT`, `9:30 am`.
    "uhr",
    "gmt",
    "utc",
    "cet",
    "cest",
    "am",
    "pm",
];

/// Words of a reading-time line besides its number and unit (`Lesezeit: 4 Min.`,
/// `Tempo di lettura: 2 minuti`, `4 min read`).
const READING_WORDS: &[&str] = &[
    "leestijd",
    "leesduur",
    "lesezeit",
    "lesedauer",
    "reading",
    "read",
    "time",
    "lecture",
    "temps",
    "de",
    "lectura",
    "tiempo",
    "lettura",
    "tempo",
    "di",
    "leitura",
    "ca",
    "circa",
    "approx",
    "about",
    "environ",
    "unos",
    "cerca",
];

/// Minutes, as a reading-time line counts them.
const MINUTE_WORDS: &[&str] = &[
    "min", "mins", "minute", "minutes", "minuut", "minuten", "minuti", "minuto", "minutos",
];

/// Units of a relative age (`2 uur geleden`, `3 days ago`).
const AGE_UNITS: &[&str] = &[
    "seconde", "seconden", "minuut", "minuten", "uur", "uren", "dag", "dagen", "week", "weken",
    "maand", "maanden", "jaar", "jaren", "second", "seconds", "min", "mins", "minute", "minutes",
    "hour", "hours", "hr", "hrs", "day", "days", "weeks", "month", "months", "year", "years",
    "stunde", "stunden", "tag", "tagen", "monat", "monaten", "jahr", "jahren",
];

/// Words that close a relative age.
/// Key forms that open a comment thread, after any count (`34 comments`).
const COMMENT_HEADINGS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "response",
    "replies",
    "reader comments",
    "top rated comments",
    "leave a reply",
    "leave a comment",
    "join the discussion",
    "discussion",
    "reacties",
    "reactie",
    "reageer",
    "kommentare",
    "kommentar",
    "commentaires",
    "commentaire",
    "comentarios",
    "comentários",
    "commenti",
];

const AGE_MARKERS: &[&str] = &["geleden", "ago", "her"];

/// Month names, for dates printed as page furniture.
const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "jan",
    "feb",
    "mrt",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "mar",
    "oct",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "janv",
    "févr",
    "avr",
    "juil",
    "déc",
    "ene",
    "abr",
    "dic",
    "giu",
    "lug",
    "ott",
    "fev",
    "dez",
];

/// Weekday names, which open printed dates (`Mittwoch, 09. Juli 2025`).
const WEEKDAYS: &[&str] = &[
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "feira",
];

/// Stop words keyed by their [`word_hash`], each with the languages whose list has it.
type StopTable = HashMap<u64, (&'static str, LanguageSet), BuildHasherDefault<PrehashedKeys>>;

/// A set of languages: bit `i` for `LANGUAGES[i]`.
pub type LanguageSet = u32;

const _: () = assert!(LANGUAGES.len() <= LanguageSet::BITS as usize);

/// Stop words of every language, each with the languages whose list has it.
fn stop_languages() -> StopTable {
    let mut languages = StopTable::default();
    for (index, list) in STOPWORDS.iter().enumerate() {
        for word in list.lines().map(str::trim).filter(|w| !w.is_empty()) {
            let entry = languages
                .entry(word_hash(word.as_bytes()))
                .or_insert((word, 0));
            assert_eq!(entry.0, word, "two stop words share a hash");
            entry.1 |= 1 << index;
        }
    }
    languages
}

/// Stop words counted per language, for [`Lexicon::detect_language`] and callers that count
/// once and ask twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StopHits([u32; LANGUAGES.len()]);

impl StopHits {
    /// Counts one token, given its [`Lexicon::stopword_languages`].
    pub fn add(&mut self, languages: LanguageSet) {
        // One step per language the word belongs to, not per language there is.
        let mut rest = languages;
        while rest != 0 {
            self.0[rest.trailing_zeros() as usize] += 1;
            rest &= rest - 1;
        }
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: &StopHits) {
        for (hits, more) in self.0.iter_mut().zip(other.0) {
            *hits += more;
        }
    }

    /// Stop words of the language `language` counted.
    pub fn of(&self, language: usize) -> usize {
        self.0[language] as usize
    }

    /// The language with most stop words, the first of [`LANGUAGES`] on a tie and the first
    /// language when no token is a stop word.
    pub fn most_covered(&self) -> usize {
        let mut best = (0, 0);
        for (index, &hits) in self.0.iter().enumerate() {
            if hits > best.1 {
                best = (index, hits);
            }
        }
        best.0
    }
}

/// Keys of headings that open a related-article list.
pub const RELATED_HEADINGS: &[&str] = &[
    "lees ook",
    "ook interessant",
    "meer nieuws",
    "meest gelezen",
    "bekijk ook",
    "gerelateerd",
    "related",
    "related articles",
    "related stories",
    "more news",
    "more stories",
    "read also",
    "see also",
    "more on this story",
    "you might also like",
    "you may also like",
    "recommended",
    "most read",
    "most popular",
    "popular",
    "trending",
    "latest news",
    "top stories",
    "mehr zum thema",
    "lesen sie auch",
    "das könnte sie auch interessieren",
    "das könnte sie interessieren",
    "auch interessant",
    "weitere artikel",
    "meistgelesen",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "vous aimerez aussi",
    "les plus lus",
    "lee también",
    "te puede interesar",
    "noticias relacionadas",
    "lo más leído",
    "leggi anche",
    "potrebbe interessarti anche",
    "potrebbe interessarti",
    "i più letti",
    "leia também",
    "veja também",
    "notícias relacionadas",
    "mais lidas",
    "voir aussi",
    "à découvrir également",
    "à découvrir aussi",
    "relacionadas",
    "artículos relacionados",
    "lo más visto",
    "dit vind je misschien ook leuk",
    "misschien ook interessant",
    "meer over dit onderwerp",
    "related posts",
    "related content",
    "related news",
    "read next",
    "what to read next",
    "you might be interested in",
    "recommended for you",
    "more like this",
    "further reading",
    "also read",
    "latest headlines",
    "das könnte dich auch interessieren",
    "ähnliche artikel",
    "verwandte artikel",
    "weitere nachrichten",
    "você pode se interessar",
    "recomendados para você",
    "potrebbero interessarti",
    "ti potrebbero interessare",
    "weitere meldungen",
    "empfohlene artikel",
    "more from",
    "related coverage",
    "recommended stories",
    "you may be interested in",
    "popular now",
    "more to explore",
    "auch lesenswert",
    "meistgelesene artikel",
    "à lire également",
    "lire également",
    "articles similaires",
    "dans la même rubrique",
    "vous pourriez aussi aimer",
    "ces articles peuvent vous intéresser",
    "à voir aussi",
    "también te puede interesar",
    "quizás te interese",
    "te recomendamos",
    "otras noticias",
    "más noticias",
    "articoli correlati",
    "notizie correlate",
    "ti potrebbe interessare",
    "altre notizie",
    "più letti",
    "você pode gostar",
    "você também pode gostar",
    "também pode gostar",
    "pode também gostar",
    "artigos relacionados",
    "posts relacionados",
    "mais notícias",
    "читайте также",
    "смотрите также",
    "похожие статьи",
    "вам также может быть интересно",
];

/// Labels that open a printed date (`Gepubliceerd:`, `Publié le`, `Stand:`), in key form.
pub const DATE_LABELS: &[&str] = &[
    "date",
    "datum",
    "published",
    "first published",
    "last updated",
    "updated",
    "gepubliceerd",
    "bijgewerkt",
    "laatst bijgewerkt",
    "posted",
    "geplaatst",
    "veröffentlicht",
    "veröffentlicht am",
    "aktualisiert",
    "aktualisiert am",
    "stand",
    "publié",
    "publié le",
    "publiée le",
    "mis à jour",
    "mis à jour le",
    "actualizado",
    "actualizada",
    "publicado",
    "publicada",
    "publicado el",
    "pubblicato",
    "pubblicato il",
    "aggiornato",
    "aggiornato il",
    "atualizado",
    "atualizada",
    "publicado em",
    "atualizado em",
    "modifié",
    "modifié le",
    "mise à jour",
    "mise à jour le",
    "actualisé le",
    "ultimo aggiornamento",
    "aggiornato alle",
    "última actualización",
    "zuletzt aktualisiert",
];

/// The loaded word lists.
pub struct Lexicon {
    /// For every stop word, the languages (bit `i` for `LANGUAGES[i]`) whose list has it:
    /// one lookup answers for all languages.
    stop_languages: StopTable,
    nav: WordSet,
    /// Bytes of the longest navigation entry.
    nav_longest: usize,
    categories: WordSet,
    /// Prompt phrases padded with a space on each side, for whole-word matching.
    prompts: aho_corasick::AhoCorasick,
    /// Credit openers followed by a space.
    credit_openers: WordSet,
    agencies: WordSet,
    bylines: WordSet,
    furniture: WordSet,
    age_units: WordSet,
    age_markers: WordSet,
    months: WordSet,
    weekdays: WordSet,
    share_targets: WordSet,
    related_headings: WordSet,
    /// Bytes of the longest related heading.
    related_longest: usize,
    /// The first word of each date label.
    date_label_openers: WordSet,
}

impl Lexicon {
    /// The process-wide lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon {
            stop_languages: stop_languages(),
            nav: NAV_WORDS.iter().chain(CATEGORY_WORDS).copied().collect(),
            nav_longest: NAV_WORDS
                .iter()
                .chain(CATEGORY_WORDS)
                .map(|w| w.len())
                .max()
                .unwrap_or(0),
            categories: CATEGORY_WORDS.iter().copied().collect(),
            // A DFA: the fastest search, and the phrases are few enough for its size.
            prompts: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(PROMPT_PHRASES.iter().map(|p| format!(" {p} ")))
                .expect("the prompt phrases are a valid automaton"),
            credit_openers: CREDIT_OPENERS.iter().copied().collect(),
            agencies: AGENCIES.iter().copied().collect(),
            bylines: BYLINE_OPENERS.iter().copied().collect(),
            furniture: FURNITURE_WORDS.iter().copied().collect(),
            age_units: AGE_UNITS.iter().copied().collect(),
            age_markers: AGE_MARKERS.iter().copied().collect(),
            months: MONTHS.iter().copied().collect(),
            weekdays: WEEKDAYS.iter().copied().collect(),
            share_targets: SHARE_TARGETS.iter().copied().collect(),
            related_headings: RELATED_HEADINGS.iter().copied().collect(),
            related_longest: RELATED_HEADINGS.iter().map(|h| h.len()).max().unwrap_or(0),
            date_label_openers: DATE_LABELS
                .iter()
                .map(|label| label.split_once(' ').map_or(*label, |(word, _)| word))
                .collect(),
        })
    }

    /// The language (index into [`LANGUAGES`]) whose stop words cover most of `tokens`.
    pub fn detect_language<'a>(&self, tokens: impl Iterator<Item = &'a str> + Clone) -> usize {
        let mut hits = StopHits::default();
        tokens.for_each(|t| hits.add(self.stopword_languages(t)));
        hits.most_covered()
    }

    /// Whether `token` is a stop word of the language `language`.
    pub fn is_stopword(&self, language: usize, token: &str) -> bool {
        self.stopword_languages(token) & (1 << language) != 0
    }

    /// The languages whose stop-word list has `token`: bit `i` for `LANGUAGES[i]`. Lets a
    /// caller count stop words of every language with one lookup per token.
    pub fn stopword_languages(&self, token: &str) -> LanguageSet {
        self.stopword_languages_hashed(token, word_hash(token.as_bytes()))
    }

    /// [`Lexicon::stopword_languages`] for a caller that has the token's [`word_hash`].
    pub fn stopword_languages_hashed(&self, token: &str, hash: u64) -> LanguageSet {
        // Words of the same length up to eight bytes share a hash only if they are the
        // same word (see [`word_hash`]): those skip the byte comparison.
        match self.stop_languages.get(&hash) {
            Some(&(word, languages))
                if word.len() == token.len() && (word.len() <= 8 || word == token) =>
            {
                languages
            }
            _ => 0,
        }
    }

    /// Whether a whole key-form line is navigation: a nav phrase, or only nav words.
    pub fn is_navigation(&self, key: &str) -> bool {
        // Entries are a few words: only a key as short as the longest can be one.
        if key.is_empty() || (key.len() <= self.nav_longest && self.nav.contains(key)) {
            return !key.is_empty();
        }
        let mut words = 0;
        for word in key.split(' ') {
            words += 1;
            if words > 8 || !self.nav.contains(word) {
                return false;
            }
        }
        true
    }

    /// Whether a key form is one of the [`RELATED_HEADINGS`]: asked of every block, nearly
    /// all of them longer than any heading, so length settles most before the lookup.
    pub fn is_related_heading(&self, key: &str) -> bool {
        key.len() <= self.related_longest && self.related_headings.contains(key)
    }

    /// Whether a word (in key form, its punctuation trimmed) is the first word of one of
    /// the [`DATE_LABELS`].
    pub fn opens_date_label(&self, word: &str) -> bool {
        self.date_label_openers.contains(word)
    }

    /// Whether a key form is a section label.
    pub fn is_category(&self, key: &str) -> bool {
        self.categories.contains(key)
    }

    /// How many call-to-action phrases a key form contains (whole words only).
    pub fn prompt_hits(&self, key: &str) -> usize {
        // One pass of an Aho-Corasick automaton over the padded key; padded phrases overlap
        // at their spaces, so matches are found overlapping and counted once per phrase.
        // Asked of most short blocks, nearly all without a prompt: a short key is padded on
        // the stack, and `seen` allocates only once a phrase is found.
        let mut stack = [0u8; 256];
        let heap: Vec<u8>;
        let padded: &[u8] = if key.len() + 2 <= stack.len() {
            stack[0] = b' ';
            stack[1..=key.len()].copy_from_slice(key.as_bytes());
            stack[key.len() + 1] = b' ';
            &stack[..key.len() + 2]
        } else {
            heap = format!(" {key} ").into_bytes();
            &heap
        };
        let mut seen: Vec<usize> = self
            .prompts
            .find_overlapping_iter(padded)
            .map(|m| m.pattern().as_usize())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    /// Whether a key form opens like a credit (`foto …`, `source …`).
    pub fn opens_credit(&self, key: &str) -> bool {
        // Openers are one or two words: look up the key's first word and first two words.
        let mut spaces = memchr::memchr_iter(b' ', key.as_bytes());
        let first = spaces.next().unwrap_or(key.len());
        let second = spaces.next().unwrap_or(key.len());
        self.credit_openers.contains(&key[..first])
            || (first < key.len() && self.credit_openers.contains(&key[..second]))
    }

    /// Whether a key form names a press agency or picture library.
    pub fn names_agency(&self, key: &str) -> bool {
        // Words and pairs of words, a pair being the slice of `key` from one word's start
        // to the next word's end.
        let mut previous_start = None;
        let mut start = 0;
        for word in key.split(' ') {
            let end = start + word.len();
            if self.agencies.contains(word)
                || previous_start.is_some_and(|from| self.agencies.contains(&key[from..end]))
            {
                return true;
            }
            previous_start = Some(start);
            start = end + 1;
        }
        false
    }

    /// Whether a key form opens like a photo credit (`foto …`, `photo …`, `beeld …`).
    pub fn opens_photo_credit(&self, key: &str) -> bool {
        const PHOTO: [&str; 10] = [
            "foto",
            "fotos",
            "beeld",
            "photo",
            "photos",
            "image",
            "picture",
            "bild",
            "getty",
            "photograph",
        ];
        PHOTO.iter().any(|p| {
            key.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    }

    /// Whether a key form names the newsroom instead of a writer (`redactie`, `par la
    /// rédaction`, `von unserer redaktion`, `staff`): a byline of up to five words.
    pub fn is_newsroom_byline(&self, key: &str) -> bool {
        // Five words at most: four spaces, found without reading a long block through.
        if memchr::memchr_iter(b' ', key.as_bytes()).nth(4).is_some() {
            return false;
        }
        let words: Vec<&str> = key.split(' ').collect();
        let opens = |w: &str| self.opens_byline(w) || NEWSROOM_DETERMINERS.contains(&w);
        match words[..] {
            [only] => NEWSROOM.contains(&only),
            [first, .., last] => words.len() <= 5 && opens(first) && NEWSROOM.contains(&last),
            [] => false,
        }
    }

    /// Whether a word opens a byline (`door`, `by`).
    pub fn opens_byline(&self, word: &str) -> bool {
        self.bylines.contains(word)
    }

    /// Whether a key-form word marks page furniture.
    pub fn is_furniture_word(&self, word: &str) -> bool {
        self.furniture.contains(word) || self.months.contains(word) || self.age_units.contains(word)
    }

    /// Whether a key-form word is a unit of a relative age.
    pub fn is_age_unit(&self, word: &str) -> bool {
        self.age_units.contains(word)
    }

    /// Whether a key-form word closes a relative age.
    pub fn is_age_marker(&self, word: &str) -> bool {
        self.age_markers.contains(word)
    }

    /// Whether a key form heads a comment thread (`comments`, `34 reacties`, `leave a
    /// reply`, `34 responses to …`).
    pub fn is_comment_heading(&self, key: &str) -> bool {
        let rest = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
        COMMENT_HEADINGS.iter().any(|h| {
            rest.strip_prefix(h)
                .is_some_and(|after| after.is_empty() || after.starts_with(' '))
        })
    }

    /// Whether a key form is a reading-time line: a number of minutes and words that say
    /// so, six words at most (`lesezeit 4 min`, `3 min read`, `tempo di lettura 2 minuti`).
    pub fn is_reading_time(&self, key: &str) -> bool {
        let (mut number, mut minutes, mut words) = (false, false, 0);
        for word in key.split(' ') {
            words += 1;
            if words > 6 {
                return false;
            }
            if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
                number = true;
            } else if MINUTE_WORDS.contains(&word) {
                minutes = true;
            } else if !READING_WORDS.contains(&word) {
                return false;
            }
        }
        number && minutes && words >= 2
    }

    /// Whether a key form is a cookie notice: the word `cookie` or `cookies` with a word
    /// of [`COOKIE_NOTICE_STEMS`] (`we use cookies to improve our site`, `Utilizamos cookies
    /// propias y de terceros`). Never article text, however the page reads.
    pub fn is_cookie_notice(&self, key: &str) -> bool {
        if memchr::memmem::find(key.as_bytes(), b"cookie").is_none() {
            return false;
        }
        let (mut cookie, mut notice) = (false, false);
        for word in key.split(' ') {
            cookie |= word == "cookie" || word == "cookies";
            notice |= COOKIE_NOTICE_STEMS
                .iter()
                .any(|stem| word.starts_with(stem));
        }
        cookie && notice
    }

    /// Whether a key form is a share bar: a short line at least half of whose words, and at
    /// least two, name [`SHARE_TARGETS`] (`whatsapp facebook pint baixar`, `e mail story
    /// print story`). A sentence about Facebook and Twitter has more words of its own.
    pub fn is_share_bar(&self, key: &str) -> bool {
        let (mut words, mut targets) = (0, 0);
        let mut previous = "";
        for word in key.split(' ') {
            // `E-mail` has the key `e mail`: one word, and a target.
            if previous == "e" && word == "mail" {
                targets += 1;
            } else {
                words += 1;
                targets += usize::from(self.share_targets.contains(word));
            }
            if words > SHARE_BAR_WORDS {
                return false;
            }
            previous = word;
        }
        targets >= 2 && 2 * targets >= words
    }

    /// Whether a word (lower case) is a weekday name.
    pub fn is_weekday(&self, word: &str) -> bool {
        self.weekdays.contains(word)
    }

    /// Whether a key-form word is a month name.
    pub fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn stoplists_load_and_detect_language() {
        let lex = Lexicon::get();
        let nl = "de man en het huis van de stad".split(' ');
        let en = "the man and the house of the city".split(' ');
        assert_eq!(LANGUAGES[lex.detect_language(nl)], "nl");
        assert_eq!(LANGUAGES[lex.detect_language(en)], "en");
        let pt = "o homem e a casa da cidade que não".split(' ');
        let ru = "и в доме на улице он был не".split(' ');
        assert_eq!(LANGUAGES[lex.detect_language(pt)], "pt");
        assert_eq!(LANGUAGES[lex.detect_language(ru)], "ru");
    }

    #[test]
    fn a_token_is_a_stop_word_only_byte_for_byte() {
        let lex = Lexicon::get();
        assert_ne!(lex.stopword_languages("de"), 0);
        // `de` and `de\0` pack into the same `u64`: the same hash, told apart by length.
        assert_eq!(word_hash(b"de"), word_hash(b"de\0"));
        assert_eq!(lex.stopword_languages("de\0"), 0);
        assert_eq!(lex.stopword_languages("dd"), 0);
        // Longer words are compared byte for byte.
        assert_ne!(lex.stopword_languages("themselves"), 0);
        assert_eq!(lex.stopword_languages("themselvez"), 0);
    }

    #[test]
    fn one_lookup_answers_for_every_language() {
        let lex = Lexicon::get();
        let languages = lex.stopword_languages("de");
        assert!(lex.is_stopword(0, "de") && lex.is_stopword(4, "de"));
        for index in 0..LANGUAGES.len() {
            assert_eq!(
                languages & (1 << index) != 0,
                STOPWORDS[index].lines().any(|w| w.trim() == "de"),
                "{}",
                LANGUAGES[index]
            );
        }
        assert_eq!(lex.stopword_languages("brug"), 0);
        assert_eq!(lex.stopword_languages(""), 0);
    }

    #[test]
    fn ties_go_to_the_first_language_and_no_hits_to_dutch() {
        let mut hits = StopHits::default();
        assert_eq!(hits.most_covered(), 0);
        hits.add(0b10_0010);
        assert_eq!(hits.most_covered(), 1);
        let mut more = StopHits::default();
        more.add(0b10_0000);
        hits.merge(&more);
        assert_eq!(hits.most_covered(), 5);
        assert_eq!(hits.of(5), 2);
    }

    #[test]
    fn navigation_is_whole_lines_of_nav_words() {
        let lex = Lexicon::get();
        assert!(lex.is_navigation("home"));
        assert!(lex.is_navigation("nieuws sport regio"));
        assert!(lex.is_navigation("previous"));
        assert!(!lex.is_navigation("home is where the heart is"));
        assert!(!lex.is_navigation(""));
    }

    #[test]
    fn prompts_match_whole_words() {
        let lex = Lexicon::get();
        assert_eq!(
            lex.prompt_hits("schrijf je in voor de nieuwsbrief nrc amerika"),
            2
        );
        assert_eq!(lex.prompt_hits("the relatedness of things"), 0);
        for line in [
            "Comparte esta noticia",
            "Partager cet article",
            "Diesen Artikel teilen",
        ] {
            assert!(lex.prompt_hits(&normalize(line)) >= 1, "{line}");
        }
        assert_eq!(
            lex.prompt_hits(&normalize("Los vecinos quieren compartir el espacio")),
            0,
            "a verb of sharing alone is the article's"
        );
    }

    #[test]
    fn share_bars_in_any_language_and_not_a_sentence_about_them() {
        let lex = Lexicon::get();
        for (line, bar) in [
            ("Whatsapp Facebook Pint Baixar", true),
            ("E-mail story         Print story", true),
            ("Deel dit artikel: Facebook | X | WhatsApp | E-mail", true),
            ("Share on Twitter", true),
            ("Facebook", false),
            ("Facebook and Twitter shares fell sharply on Monday.", false),
            (
                "Twitter, Facebook en Instagram lagen urenlang plat in heel Europa",
                false,
            ),
        ] {
            assert_eq!(lex.is_share_bar(&normalize(line)), bar, "{line}");
        }
    }

    #[test]
    fn cookie_notices_in_several_languages_and_not_a_recipe() {
        let lex = Lexicon::get();
        for (line, notice) in [
            (
                "We use cookies to improve your experience on our website.",
                true,
            ),
            (
                "Este site utiliza cookies para melhorar a sua experiência.",
                true,
            ),
            (
                "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.",
                true,
            ),
            (
                "Diese Webseite verwendet Cookies. Mit der Nutzung stimmen Sie zu.",
                true,
            ),
            (
                "Nous utilisons des cookies pour vous offrir la meilleure expérience.",
                true,
            ),
            (
                "Questo sito utilizza cookie tecnici e di profilazione.",
                true,
            ),
            ("Wij gebruiken cookies om de site te verbeteren.", true),
            (
                "Bake the cookies for twelve minutes, until the edges are golden.",
                false,
            ),
            ("The cookie jar was empty by noon.", false),
            ("We accept the committee's findings.", false),
        ] {
            assert_eq!(lex.is_cookie_notice(&normalize(line)), notice, "{line}");
        }
    }

    #[test]
    fn reading_time_lines_in_several_languages() {
        let lex = Lexicon::get();
        for key in [
            "leestijd 2 minuten",
            "lesezeit 4 min",
            "lecture 3 min",
            "tempo di lettura 2 minuti",
            "tiempo de lectura 3 minutos",
            "leitura 3 min",
            "4 min read",
            "reading time 5 minutes",
            "3 min",
        ] {
            assert!(lex.is_reading_time(key), "{key}");
        }
        for key in [
            "min",
            "de vergadering duurde 40 minuten",
            "read 3 books",
            "lecture",
        ] {
            assert!(!lex.is_reading_time(key), "{key}");
        }
    }

    #[test]
    fn bylines_that_name_the_newsroom() {
        let lex = Lexicon::get();
        for key in [
            "redacción",
            "par la rédaction",
            "von unserer redaktion",
            "door onze redactie",
            "by staff",
        ] {
            assert!(lex.is_newsroom_byline(key), "{key}");
        }
        for key in [
            "staff shortage",
            "de redactie besloot gisteren",
            "redactie van het blad",
        ] {
            assert!(!lex.is_newsroom_byline(key), "{key}");
        }
    }

    #[test]
    fn credits_and_agencies() {
        let lex = Lexicon::get();
        assert!(lex.opens_credit("foto anp jan de vries"));
        assert!(lex.opens_credit("source nrc"));
        assert!(!lex.opens_credit("fotografen waren er ook"));
        assert!(lex.names_agency("hart van nederland anp"));
        assert!(lex.names_agency("getty images"));
    }
}
