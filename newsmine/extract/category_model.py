"""The category model: a multinomial logistic regression over a candidate count's features.

It answers one of the categories of ``SCHEME``, or ``none`` when the number is not a figure. The
weights are trained on the development set by ``tools/train_categories.py`` (cross-validated over
articles there) and ship as ``resources/category_model.json``; inference is a sum of weights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

NONE = "none"
_RESOURCE = "category_model.json"


@dataclass(frozen=True)
class CategoryModel:
    """Labels, per-feature weight rows (one weight per label) and the bias row."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {f: i for i, f in enumerate(self.weights)}

    @cached_property
    def _matrix(self) -> np.ndarray:
        # one row per feature, then the bias: a candidate's score is a sum of rows
        return np.array([*self.weights.values(), self.bias], dtype=np.float64).reshape(-1, len(self.labels))

    def scores(self, feats: list[str]) -> list[float]:
        """Label probabilities for one candidate's features (unknown features weigh nothing; a
        feature given twice counts twice)."""
        rows = self._rows
        picked = [rows[f] for f in feats if f in rows]
        picked.append(len(rows))  # the bias
        total = self._matrix[picked].sum(axis=0)
        exp = np.exp(total - total.max())
        return [float(e) for e in exp / exp.sum()]

    def predict(self, feats: list[str]) -> tuple[str, float]:
        """The most probable label and its probability."""
        probs = self.scores(feats)
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.labels[best], probs[best]

    def to_json(self) -> str:
        return json.dumps(
            {
                "labels": list(self.labels),
                "bias": [round(b, 5) for b in self.bias],
                "weights": {f: [round(w, 5) for w in row] for f, row in sorted(self.weights.items())},
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> CategoryModel:
        data = json.loads(text)
        return cls(
            labels=tuple(data["labels"]),
            weights={f: tuple(row) for f, row in data["weights"].items()},
            bias=tuple(data["bias"]),
        )


@lru_cache(maxsize=1)
def shipped() -> CategoryModel:
    """The model that ships with the package."""
    return CategoryModel.from_json(resources.files("newsmine.resources").joinpath(_RESOURCE).read_text("utf-8"))
