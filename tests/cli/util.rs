//! A scratch directory with helpers to write inputs and run the binary in it.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A temporary directory that is removed when the test ends.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (creating parent directories) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    /// A `zeef` command running in this directory.
    pub fn zeef(&self) -> Command {
        let mut cmd = Command::cargo_bin("zeef").expect("binary");
        cmd.current_dir(self.dir.path());
        cmd
    }

    /// Runs zeef with `args`, which must succeed.
    pub fn run_ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }

    /// Runs zeef with `args` and returns its output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.zeef().args(args).output().expect("run zeef")
    }
}

/// The project's fixture directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// `zeef clean in.jsonl -o out.jsonl -q` with `extra` flags, which must succeed.
pub fn clean_input(dir: &TestDir, extra: &[&str]) {
    let mut args = vec!["clean", "in.jsonl", "-o", "out.jsonl", "-q"];
    args.extend_from_slice(extra);
    dir.run_ok(&args);
}

/// The ids of the documents in the JSONL file `name` of `dir`, in order.
pub fn written_ids(dir: &TestDir, name: &str) -> Vec<serde_json::Value> {
    jsonl(&dir.read(name))
        .iter()
        .map(|d| d["id"].clone())
        .collect()
}

/// Parses JSONL text into values.
pub fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line {l}: {e}")))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A paragraph of real-looking Dutch prose, a different story for each `n`: words are drawn
/// from a 160-word list by a small linear congruential generator seeded with `n`.
pub fn prose(n: usize) -> String {
    const WORDS: &str =
        "gemeente besloten plan nieuwe woningen rand stad uitgevoerd bewoners zorgen \
        verkeer groen wethouder raad vergadering dinsdag woensdag donderdag vrijdag zaterdag \
        zondag maandag brug kanaal school leerlingen ouders leraren ziekenhuis patiënten artsen \
        politie agenten verdachte rechter rechtbank advocaat gevangenis boete bedrijf fabriek \
        werknemers staking vakbond loon minister kabinet kamer debat partij verkiezingen stemmen \
        burgemeester provincie dorp boeren oogst regen storm wind overstroming dijk water haven \
        schip trein station spoor vertraging reizigers fiets auto snelweg file ongeluk brand \
        brandweer rook loods museum tentoonstelling kunstenaar schilderij concert zanger festival \
        voetbal wedstrijd trainer spelers doelpunt seizoen kampioen publiek tribune stadion \
        onderzoek wetenschappers universiteit studenten rapport cijfers procent miljoen euro \
        begroting belasting huur prijzen winkel markt klanten bakker slager boek schrijver \
        krant journalist verslag foto camera drone hond kat dierenarts bos park bomen vogels \
        zee strand zomer winter lente herfst kerk toren plein fontein bibliotheek zwembad \
        sporthal jeugd ouderen zorg huisarts apotheek vaccin virus griep energie stroom gas \
        zonnepanelen windmolens klimaat uitstoot natuur";
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut state = (n as u64 + 1)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut s = String::new();
    for sentence in 0..4 {
        let len = 10 + next() % 8;
        for i in 0..len {
            let w = words[next() % words.len()];
            if i == 0 {
                let mut c = w.chars();
                let first = c
                    .next()
                    .map(|f| f.to_uppercase().collect::<String>())
                    .unwrap_or_default();
                s.push_str(&first);
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(if i % 3 == 1 {
                    ["de", "het", "een", "van", "en", "in"][next() % 6]
                } else {
                    w
                });
            }
        }
        s.push_str(if sentence == 3 { "." } else { ". " });
    }
    s
}

/// A JSONL record.
pub fn record(id: &str, site: &str, text: &str) -> String {
    serde_json::json!({"id": id, "site": site, "text": text}).to_string()
}
