"""WCAG 2.2 1.4.11: the edges of text boxes, selects, checkboxes and radios reach 3:1 against the page."""

import re

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]

BORDERS = """() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  const pick = (sel) => Array.from(document.querySelectorAll(sel)).filter(el => el.offsetParent !== null)
    .map(el => ({kind: sel, border: getComputedStyle(el).borderTopColor, bg}));
  return [].concat(pick('input.form-control'), pick('textarea.form-control'), pick('select'),
                   pick('input[type=checkbox]:not(:checked)'), pick('input[type=radio]:not(:checked)'));
}"""


def _luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def assert_control_borders_reach_3_to_1(page) -> set[str]:
    controls = page.evaluate(BORDERS)
    for control in controls:
        ratio = contrast(control["border"], control["bg"])
        assert ratio >= 3, (page.url, control, round(ratio, 2))
    return {control["kind"] for control in controls}


def test_contrast_helper_matches_known_ratios():
    assert round(contrast("rgb(222, 226, 230)", "rgb(255, 255, 255)"), 1) == 1.3  # Bootstrap's default
    assert round(contrast("rgb(108, 117, 125)", "rgb(255, 255, 255)"), 1) == 4.7


def test_form_controls_have_visible_borders(page, live_server, axe, area, staff_user):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    kinds = set()
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/partners/areas/{area.code}/organisations/new/")
        expect(page.get_by_role("navigation", name="Breadcrumb").get_by_text("Add organisation")).to_be_visible()
        kinds |= assert_control_borders_reach_3_to_1(page)
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)
        page.goto(f"{live_server.url}/deadlines/settings/")
        kinds |= assert_control_borders_reach_3_to_1(page)
        assert_no_axe_violations(axe, page)
    assert {"input.form-control", "select"} <= kinds
    assert "input[type=checkbox]:not(:checked)" in kinds or "input[type=radio]:not(:checked)" in kinds
