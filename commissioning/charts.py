"""Server-rendered bar charts: an accessible SVG plus the same data as a table."""

from dataclasses import dataclass

from pcc_portal.core.templatetags.portal import pence

ROW_HEIGHT = 46
BAR_HEIGHT = 18
BAR_WIDTH = 560
VALUE_WIDTH = 140
LABEL_CHARS = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_text: str
    label_y: int
    bar_y: int
    value_y: int
    width: int
    value_x: int


def bar_chart(*, title: str, rows: list[tuple[str, int]], chart_id: str) -> dict:
    """Return what the chart template needs to draw horizontal bars of pence amounts.

    Each label sits on its own line above its bar, so long names are never cut off.
    """
    largest = max((value for _, value in rows), default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        width = round(BAR_WIDTH * value / largest) if largest else 0
        width = max(width, 1 if value else 0)
        top = index * ROW_HEIGHT
        bars.append(
            Bar(
                label=label if len(label) <= LABEL_CHARS else f"{label[: LABEL_CHARS - 1]}…",
                value=value,
                value_text=pence(value),
                label_y=top + 14,
                bar_y=top + 20,
                value_y=top + 20 + BAR_HEIGHT - 4,
                width=width,
                value_x=width + 6,
            )
        )
    return {
        "id": chart_id,
        "title": title,
        "bars": bars,
        "rows": rows,
        "bar_height": BAR_HEIGHT,
        "height": max(len(rows), 1) * ROW_HEIGHT + 4,
        "width": BAR_WIDTH + VALUE_WIDTH,
        "total": sum(value for _, value in rows),
    }
