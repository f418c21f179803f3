"""The risk heat map: a 5×5 grid of likelihood × impact with the count and score written in each cell."""

from dataclasses import dataclass

CELL = 64
LEFT = 96
TOP = 32


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    count: int
    x: int
    y: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return "High" if self.score >= 15 else "Medium" if self.score >= 8 else "Low"

    @property
    def css(self) -> str:
        return f"heat-{self.band.lower()}"


def heat_map(risks) -> dict:
    """Return the cells (likelihood up the side, impact along the bottom) and the data table rows."""
    counts: dict[tuple[int, int], int] = {}
    for risk in risks:
        counts[(risk.likelihood, risk.impact)] = counts.get((risk.likelihood, risk.impact), 0) + 1
    cells = []
    for likelihood in range(5, 0, -1):
        for impact in range(1, 6):
            cells.append(
                Cell(
                    likelihood=likelihood,
                    impact=impact,
                    count=counts.get((likelihood, impact), 0),
                    x=LEFT + (impact - 1) * CELL,
                    y=TOP + (5 - likelihood) * CELL,
                )
            )
    rows = [[c for c in cells if c.likelihood == likelihood] for likelihood in range(5, 0, -1)]
    return {
        "cells": cells,
        "rows": rows,
        "cell": CELL,
        "half": CELL // 2,
        "width": LEFT + 5 * CELL + 16,
        "height": TOP + 5 * CELL + 56,
        "axis_y": TOP + 5 * CELL,
        "left": LEFT,
        "impact_ticks": [(i, LEFT + (i - 1) * CELL + CELL // 2) for i in range(1, 6)],
        "likelihood_ticks": [(i, TOP + (5 - i) * CELL + CELL // 2) for i in range(1, 6)],
        "total": sum(counts.values()),
        "label_x": LEFT - 8,
    }
