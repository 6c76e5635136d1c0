//! Evaluation: scores predicted duplicate clusters against gold clusters.
//!
//! Pairwise precision, recall and F1 over same-cluster pairs, and the adjusted Rand index
//! (Hubert & Arabie 1985), all from the contingency table of gold and predicted labels,
//! as `../shared/eval/score_dedup.py` computes them. Only gold ids count; a gold id
//! without a predicted cluster is a singleton.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::{Error, Result};
use crate::report::Report;

/// Pairwise and Rand scores of one clustering against the gold.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ClusterScores {
    /// Documents scored (the gold ids).
    pub documents: usize,
    /// Same-cluster pairs in the gold.
    pub gold_pairs: u64,
    /// Same-cluster pairs predicted.
    pub predicted_pairs: u64,
    /// Pairs in both.
    pub true_pairs: u64,
    /// true / predicted pairs (1 when nothing is predicted).
    pub precision: f64,
    /// true / gold pairs (1 when the gold has no pair).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Adjusted Rand index.
    pub ari: f64,
}

impl ClusterScores {
    /// The scores as two lines, in the reference scorer's wording.
    pub fn summary(&self) -> String {
        format!(
            "docs {}  pairs: gold {}  predicted {}  both {}\npairwise precision {:.4}  recall {:.4}  F1 {:.4}  ARI {:.4}",
            self.documents, self.gold_pairs, self.predicted_pairs, self.true_pairs, self.precision, self.recall, self.f1, self.ari
        )
    }
}

/// Reads gold clusters: one JSON object per line with `id` and `cluster` (string or number).
pub fn read_gold(path: &Path) -> Result<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut gold = BTreeMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |problem: &str| Error::BadRecord {
            path: path.to_path_buf(),
            line: n as u64 + 1,
            problem: problem.to_string(),
        };
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|_| bad("malformed JSON"))?;
        let label = |key: &str| match &value[key] {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(x) => Some(x.to_string()),
            _ => None,
        };
        let (Some(id), Some(cluster)) = (label("id"), label("cluster")) else {
            return Err(bad(
                "expected string or number fields \"id\" and \"cluster\"",
            ));
        };
        gold.insert(id, cluster);
    }
    Ok(gold)
}

/// Scores the clusters of a run's report against the gold.
pub fn score_report(report: &Report, gold: &BTreeMap<String, String>) -> ClusterScores {
    let predicted: HashMap<String, String> = report
        .clusters
        .iter()
        .flat_map(|c| {
            c.members
                .iter()
                .map(move |m| (m.id.clone(), c.cluster.to_string()))
        })
        .collect();
    score_clusters(&predicted, gold)
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Scores `predicted` (id → cluster label) against `gold` (id → cluster label).
pub fn score_clusters(
    predicted: &HashMap<String, String>,
    gold: &BTreeMap<String, String>,
) -> ClusterScores {
    let mut cells: HashMap<(&str, String), u64> = HashMap::new();
    let mut gold_sizes: HashMap<&str, u64> = HashMap::new();
    let mut predicted_sizes: HashMap<String, u64> = HashMap::new();
    for (id, g) in gold {
        let p = predicted
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("\u{0}singleton:{id}"));
        *cells.entry((g.as_str(), p.clone())).or_default() += 1;
        *gold_sizes.entry(g.as_str()).or_default() += 1;
        *predicted_sizes.entry(p).or_default() += 1;
    }
    let true_pairs: u64 = cells.values().map(|&n| pairs(n)).sum();
    let gold_pairs: u64 = gold_sizes.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: u64 = predicted_sizes.values().map(|&n| pairs(n)).sum();
    let precision = if predicted_pairs == 0 {
        1.0
    } else {
        true_pairs as f64 / predicted_pairs as f64
    };
    let recall = if gold_pairs == 0 {
        1.0
    } else {
        true_pairs as f64 / gold_pairs as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let all = pairs(gold.len() as u64);
    let expected = if all == 0 {
        0.0
    } else {
        gold_pairs as f64 * predicted_pairs as f64 / all as f64
    };
    let top = (gold_pairs + predicted_pairs) as f64 / 2.0;
    let ari = if top == expected {
        1.0
    } else {
        (true_pairs as f64 - expected) / (top - expected)
    };
    ClusterScores {
        documents: gold.len(),
        gold_pairs,
        predicted_pairs,
        true_pairs,
        precision,
        recall,
        f1,
        ari,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let gold: BTreeMap<_, _> = labels(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "3")])
            .into_iter()
            .collect();
        let pred: HashMap<_, _> = labels(&[("a", "x"), ("b", "x")]).into_iter().collect();
        let s = score_clusters(&pred, &gold);
        assert_eq!((s.precision, s.recall, s.f1, s.ari), (1.0, 1.0, 1.0, 1.0));
    }

    #[test]
    fn merging_two_stories_costs_precision() {
        let gold: BTreeMap<_, _> =
            labels(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2"), ("e", "3")])
                .into_iter()
                .collect();
        let pred: HashMap<_, _> = labels(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")])
            .into_iter()
            .collect();
        let s = score_clusters(&pred, &gold);
        assert_eq!((s.true_pairs, s.predicted_pairs, s.gold_pairs), (2, 6, 2));
        assert!((s.precision - 1.0 / 3.0).abs() < 1e-12 && s.recall == 1.0);
        assert!(s.ari < s.f1);
    }

    #[test]
    fn ari_matches_the_reference_scorer_on_a_small_case() {
        // Values from ../shared/eval/score_dedup.py on the same labels.
        let gold: BTreeMap<_, _> = labels(&[
            ("a", "1"),
            ("b", "1"),
            ("c", "1"),
            ("d", "2"),
            ("e", "2"),
            ("f", "3"),
        ])
        .into_iter()
        .collect();
        let pred: HashMap<_, _> =
            labels(&[("a", "x"), ("b", "x"), ("d", "y"), ("e", "y"), ("f", "y")])
                .into_iter()
                .collect();
        let s = score_clusters(&pred, &gold);
        assert!((s.f1 - 0.5).abs() < 1e-12, "{s:?}");
        assert!((s.ari - 0.3181818181818182).abs() < 1e-12, "{s:?}");
    }
}
