"""Small pure functions for participation figures."""

from __future__ import annotations

from collections.abc import Iterable


def gini(values: Iterable[int | float]) -> float:
    """Gini coefficient of non-negative values: 0 when everyone contributes equally, near 1 when one does all.

    Every member counts, zeros included: ``gini([5, 0, 0, 0])`` is 0.75 (one voice of four), while
    ``gini([5])`` is 0. An empty list, or everybody at zero, gives 0 (nobody spoke more than anybody).
    Uses the sorted-values form G = (2 Σ i·xᵢ) / (n Σ xᵢ) - (n + 1) / n, with i from 1 to n.

    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([4, 0, 0, 0])
    0.75
    """
    xs = sorted(float(v) for v in values)
    if any(x < 0 for x in xs):
        raise ValueError("gini() needs non-negative values")
    n = len(xs)
    total = sum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum(i * x for i, x in enumerate(xs, start=1))
    return round(2 * weighted / (n * total) - (n + 1) / n, 6)
