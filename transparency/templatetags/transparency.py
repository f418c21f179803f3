from django import template

from ..selectors import scorecard_for

register = template.Library()


@register.inclusion_tag("transparency/partials/scorecard.html")
def transparency_scorecard(area):
    """Render the area's transparency scorecard with a link to its public page (e.g. on the panel's pages)."""
    scorecard, _statuses = scorecard_for(area)
    return {"area": area, "scorecard": scorecard, "link": True}
