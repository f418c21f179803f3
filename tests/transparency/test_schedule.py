"""The publication schedule lists every class of Part 1 of the Order's Schedule, with its frequency."""

from transparency.schedule import CLASSES, MONTHLY, SCHEDULE

# Part 1 of the Schedule to SI 2011/3050, as amended by SI 2012/2479 (2A, 3(g), 4(b)), SI 2013/1816 (3(h))
# and SI 2021/547 (7A to 7C).
ORDER_PARAGRAPHS = {
    "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "2", "2A",
    "3(a)", "3(b)", "3(c)", "3(d)", "3(e)", "3(f)", "3(g)", "3(h)",
    "4(a)", "4(b)", "5", "6", "7", "7A", "7B", "7C", "8",
}  # fmt: skip


def _paragraphs(text: str) -> set[str]:
    """Expand "1(a)–(c) and 3(h)" into {"1(a)", "1(b)", "1(c)", "3(h)"}."""
    found = set()
    for part in text.split(" and "):
        if "–" in part:
            first, last = part.split("–")
            number, letter = first[:-3], first[-2]
            found |= {f"{number}({chr(c)})" for c in range(ord(letter), ord(last[1]) + 1)}
        else:
            found.add(part)
    return found


def test_every_paragraph_of_the_order_is_in_a_class():
    covered = set().union(*(_paragraphs(c.paragraph) for c in SCHEDULE if c.paragraph))
    assert covered == ORDER_PARAGRAPHS


def test_the_orders_own_timings_are_kept():
    assert CLASSES["spend"].frequency_days == MONTHLY
    assert CLASSES["grants"].frequency_days == MONTHLY
    assert CLASSES["budget"].frequency_label == "Every year"
    assert CLASSES["hmicfrs"].paragraph == "7B"


def test_each_class_has_a_distinct_key_and_a_frequency():
    assert len(CLASSES) == len(SCHEDULE)
    assert all(c.frequency_days > 0 and c.description for c in SCHEDULE)
