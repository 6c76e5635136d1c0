#!/usr/bin/env python3
"""Fits zeef's block classifier (src/classifier.json) on labelled pages.

A labelled set is a directory in the clutter-dev format: docs.jsonl ({"id", "site", "text"}),
gold_lines.jsonl ({"id", "line_no", "boilerplate"}) and gold_text.jsonl ({"id", "text"}).
The script runs zeef on each set with --block-features, joins every block's inputs to its
line label, and fits gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier),
every page weighing the same (see page_weights).

Before the final fit it cross-validates with whole sites held out (GroupKFold by site), so
the figures it prints are for sites the model never saw, and checks the keep threshold there.

    pip install scikit-learn==1.9.1 numpy
    cargo build --release
    python3 tools/train_classifier.py --zeef target/release/zeef \\
        ../shared/data/clutter-dev ../shared/data/clutter-dev/bs4 -o src/classifier.json

The word F1 it prints is score_clutter.py's measure on whole kept lines (zeef also keeps
parts of lines), close to but not the same as scoring zeef's output.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

TOKEN = re.compile(r"\w+")
PARAMS = dict(max_iter=50, learning_rate=0.3, max_leaf_nodes=31, l2_regularization=1.0,
              early_stopping=False, random_state=0)
FOLDS = 5
# Mean word F1 a threshold other than 0.5 must gain, per set, to be chosen.
MARGIN = 0.005


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def word_f1(pred, gold):
    """score_clutter.py's word F1: bags of lowercase \\w+ tokens."""
    p = collections.Counter(TOKEN.findall(pred.lower()))
    g = collections.Counter(TOKEN.findall(gold.lower()))
    n_p, n_g = sum(p.values()), sum(g.values())
    if not n_g:
        return 1.0 if not n_p else 0.0
    tp = sum((p & g).values())
    if not tp:
        return 0.0
    prec, rec = tp / n_p, tp / n_g
    return 2 * prec * rec / (prec + rec)


def load_set(zeef, directory, scratch):
    """Blocks of one labelled set: inputs, labels (1 = article), and what scoring needs."""
    docs = load_jsonl(os.path.join(directory, "docs.jsonl"))
    labels = {(o["id"], o["line_no"]): 0 if o["boilerplate"] else 1
              for o in load_jsonl(os.path.join(directory, "gold_lines.jsonl"))}
    gold = {o["id"]: o["text"] for o in load_jsonl(os.path.join(directory, "gold_text.jsonl"))}
    features = os.path.join(scratch, "features.jsonl")
    # The inputs do not depend on the model; a model of no trees fits any build's inputs,
    # so a changed input list can be fitted before the embedded model matches it.
    placeholder = os.path.join(scratch, "placeholder.json")
    with open(placeholder, "w", encoding="utf-8") as f:
        json.dump({"features": feature_names(), "baseline": 0.0, "threshold": 0.5, "trees": []}, f)
    subprocess.run([zeef, "clean", os.path.join(directory, "docs.jsonl"), "-q",
                    "--keep-duplicates", "-o", os.path.join(scratch, "cleaned.jsonl"),
                    "--block-features", features, "--classifier", placeholder], check=True)
    site = {d["id"]: d.get("site") or d["id"].rsplit("/", 1)[0] for d in docs}
    lines = {d["id"]: d["text"].split("\n") for d in docs}
    rows, y, groups, blocks = [], [], [], []
    for o in load_jsonl(features):
        key = (o["id"], o["line"])
        if key not in labels:
            continue
        rows.append(o["x"])
        y.append(labels[key])
        groups.append(site[o["id"]])
        blocks.append((o["id"], lines[o["id"]][o["line"]].strip()))
    return dict(name=directory, X=np.array(rows, dtype=np.float32), y=np.array(y), w=page_weights(blocks),
                groups=groups, blocks=blocks, gold=gold, ids=[d["id"] for d in docs])


def page_weights(blocks):
    """Sample weights that make every page of a set weigh the same in the fit, half of it
    spread evenly over the page's blocks and half by their words. The score averages word F1
    over pages and the lines-kept figure counts lines, while unweighted blocks let the
    longest pages (hundreds of menu lines) outweigh the single-page sites. Scaled to a mean
    of 1, so a set weighs by its blocks as before."""
    per_page = collections.Counter(doc for doc, _ in blocks)
    words = [len(TOKEN.findall(text)) for _, text in blocks]
    page_words = collections.Counter()
    for (doc, _), n in zip(blocks, words):
        page_words[doc] += n
    w = np.array([0.5 / per_page[doc] + 0.5 * (n + 1) / (page_words[doc] + per_page[doc])
                  for (doc, _), n in zip(blocks, words)])
    return w * len(w) / w.sum()


def set_name(s):
    """A labelled set's name for the model's metadata: the last two parts of its path."""
    return "/".join(os.path.normpath(s["name"]).split(os.sep)[-2:])


def feature_names():
    """FEATURES of src/classifier.rs: the string arrays OWN, NEIGHBOUR_NAMES and CONTEXT."""
    with open(os.path.join(os.path.dirname(__file__), "..", "src", "classifier.rs"), encoding="utf-8") as f:
        source = f.read()
    names = []
    for array in ("OWN", "NEIGHBOUR_NAMES", "CONTEXT"):
        body = re.search(r"const " + array + r": \[&str; [^\]]+\] = \[(.*?)\];", source, re.S).group(1)
        names += re.findall(r'"([^"]+)"', body)
    return names


def mean_word_f1(s, keep):
    kept = collections.defaultdict(list)
    for (doc, text), k in zip(s["blocks"], keep):
        if k:
            kept[doc].append(text)
    return sum(word_f1("\n".join(kept[d]), s["gold"][d]) for d in s["ids"]) / len(s["ids"])


def export(model, names, threshold, meta):
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({
            "feature": [-1 if n["is_leaf"] else int(n["feature_idx"]) for n in nodes],
            "threshold": [0.0 if n["is_leaf"] else float(n["num_threshold"]) for n in nodes],
            "left": [int(n["left"]) for n in nodes],
            "right": [int(n["right"]) for n in nodes],
            "value": [float(n["value"]) if n["is_leaf"] else 0.0 for n in nodes],
        })
    return {"meta": meta, "features": names, "baseline": float(model._baseline_prediction.ravel()[0]),
            "threshold": threshold, "trees": trees}


def probability(doc, X):
    """The exported trees evaluated as zeef evaluates them, to check the export."""
    score = np.full(len(X), doc["baseline"])
    for t in doc["trees"]:
        for i, x in enumerate(X):
            k = 0
            while t["feature"][k] >= 0:
                k = t["left"][k] if float(x[t["feature"][k]]) <= t["threshold"][k] else t["right"][k]
            score[i] += t["value"][k]
    return 1 / (1 + np.exp(-score))


def run_held_out(args, sets, folds, X, y, w, groups, names, threshold):
    """zeef itself on each fold's held-out sites, with the model fitted on the other sites."""
    os.makedirs(args.held_out, exist_ok=True)
    outputs = [os.path.join(args.held_out, f"{n}.jsonl") for n in range(len(sets))]
    explains = [os.path.join(args.held_out, f"{n}.explain.jsonl") for n in range(len(sets))]
    for path in outputs + explains:
        open(path, "w").close()
    with tempfile.TemporaryDirectory() as scratch:
        for fold, (train, test) in enumerate(folds):
            model = HistGradientBoostingClassifier(**PARAMS).fit(X[train], y[train], sample_weight=w[train])
            model_path = os.path.join(scratch, "model.json")
            with open(model_path, "w", encoding="utf-8") as f:
                json.dump(export(model, names, threshold, {"fold": fold}), f)
            held = {groups[i] for i in test}
            for s, out, explain in zip(sets, outputs, explains):
                docs = [d for d in load_jsonl(os.path.join(s["name"], "docs.jsonl"))
                        if (d.get("site") or d["id"].rsplit("/", 1)[0]) in held]
                subset = os.path.join(scratch, "docs.jsonl")
                with open(subset, "w", encoding="utf-8") as f:
                    f.writelines(json.dumps(d) + "\n" for d in docs)
                cleaned = os.path.join(scratch, "cleaned.jsonl")
                removals = os.path.join(scratch, "explain.jsonl")
                subprocess.run([args.zeef, "clean", subset, "-q", "--keep-duplicates", "-o", cleaned,
                                "--explain", removals, "--classifier", model_path], check=True)
                for part, whole in ((cleaned, out), (removals, explain)):
                    with open(part, encoding="utf-8") as src, open(whole, "a", encoding="utf-8") as dst:
                        dst.write(src.read())
    for s, out in zip(sets, outputs):
        print(f"held-out output of {s['name']}: {out} (removals: {out[:-6]}.explain.jsonl)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zeef", required=True, help="path of the zeef binary")
    ap.add_argument("sets", nargs="+", help="labelled set directories")
    ap.add_argument("-o", "--output", required=True, help="model JSON to write")
    ap.add_argument("--held-out", metavar="DIR",
                    help="also run zeef end to end on every fold's held-out sites, with the model "
                         "fitted without them, and write each set's cleaned pages to DIR/<n>.jsonl "
                         "and its removals (--explain) to DIR/<n>.explain.jsonl "
                         "(score them with score_clutter.py: the honest figure for unseen sites)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        sets = [load_set(args.zeef, d, scratch) for d in args.sets]
    names = feature_names()
    X = np.vstack([s["X"] for s in sets])
    y = np.concatenate([s["y"] for s in sets])
    w = np.concatenate([s["w"] for s in sets])
    groups = sum((s["groups"] for s in sets), [])
    assert X.shape[1] == len(names), (X.shape, len(names))

    # Cross-validation, whole sites held out.
    cv = np.zeros(len(y))
    folds = list(GroupKFold(n_splits=FOLDS).split(X, y, groups))
    for train, test in folds:
        cv[test] = HistGradientBoostingClassifier(**PARAMS).fit(X[train], y[train], sample_weight=w[train]).predict_proba(X[test])[:, 1]
    bounds = np.cumsum([0] + [len(s["y"]) for s in sets])
    verdict = names.index("self.verdict")
    scores = {}
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        scores[threshold] = [mean_word_f1(s, cv[a:b] >= threshold) for s, a, b in zip(sets, bounds, bounds[1:])]
    # 0.5 unless another threshold wins clearly: gains below MARGIN are refitting noise,
    # and a higher threshold costs the short real lines (subheadings) first.
    clear = [t for t in scores if sum(scores[t]) - sum(scores[0.5]) > MARGIN * len(sets)]
    best = max(clear, key=lambda t: sum(scores[t])) if clear else 0.5
    report = {}
    for s, a, b, f1 in zip(sets, bounds, bounds[1:], scores[best]):
        rules = mean_word_f1(s, s["X"][:, verdict] > 0)
        report[set_name(s)] = {"rules_word_f1": round(rules, 4), "cv_word_f1": round(f1, 4),
                             "cv_line_accuracy": round(float(((cv[a:b] >= best) == s["y"]).mean()), 4)}
        print(f"{s['name']}: rules alone {rules:.4f}, classifier (sites held out) {f1:.4f}")
    print(f"threshold {best} (word F1 by threshold: "
          + ", ".join(f"{t}: {'/'.join(f'{v:.4f}' for v in f)}" for t, f in scores.items()) + ")")

    if args.held_out:
        run_held_out(args, sets, folds, X, y, w, groups, names, best)

    model = HistGradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=w)
    meta = {"fitted_by": "tools/train_classifier.py", "scikit_learn": sklearn.__version__,
            "params": PARAMS, "sample_weight": "pages equal, half by blocks, half by words",
            "blocks": int(len(y)), "sites": len(set(groups)),
            "sets": [set_name(s) for s in sets], "cross_validation": report}
    doc = export(model, names, best, meta)
    sample = X[:: max(1, len(X) // 2000)]
    drift = np.abs(probability(doc, sample) - model.predict_proba(sample)[:, 1]).max()
    assert drift < 1e-9, f"exported trees disagree with the fitted model by {drift}"
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.output}: {len(doc['trees'])} trees, {X.shape[1]} inputs, {len(y)} blocks")


if __name__ == "__main__":
    sys.exit(main())
