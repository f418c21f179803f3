"""Server-rendered bar charts: an accessible SVG plus the same data as a table."""

from dataclasses import dataclass

from pcc_portal.core.templatetags.portal import pence

ROW_HEIGHT = 28
LABEL_WIDTH = 260
BAR_WIDTH = 380
VALUE_WIDTH = 130


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_text: str
    y: int
    width: int
    text_y: int


def bar_chart(*, title: str, rows: list[tuple[str, int]], chart_id: str) -> dict:
    """Return what the chart template needs to draw horizontal bars of pence amounts."""
    largest = max((value for _, value in rows), default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        width = round(BAR_WIDTH * value / largest) if largest else 0
        y = index * ROW_HEIGHT
        bars.append(
            Bar(
                label=label if len(label) <= 38 else f"{label[:37]}…",
                value=value,
                value_text=pence(value),
                y=y + 4,
                width=max(width, 1 if value else 0),
                text_y=y + 19,
            )
        )
    return {
        "id": chart_id,
        "title": title,
        "bars": bars,
        "rows": rows,
        "height": max(len(rows), 1) * ROW_HEIGHT + 8,
        "width": LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_x": LABEL_WIDTH,
        "value_x_offset": LABEL_WIDTH + 6,
        "total": sum(value for _, value in rows),
    }
