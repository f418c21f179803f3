"""What partners offers to site search: organisations, and bulletins with their articles."""

from django.db.models import Prefetch

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import Bulletin, BulletinArticle, Organisation
from .selectors import bulletins_visible_to, organisations_visible_to


def _organisations(rows):
    for org in rows:
        areas = [area.pk for area in org.force_areas.all()]
        yield SearchDocument(
            object_id=org.pk,
            title=org.name,
            body=" ".join(filter(None, [org.get_org_type_display(), org.org_id, org.address, org.website])),
            url=org.get_absolute_url(),
            kind="Organisation",
            # An organisation in several areas is filed under its first; the selector decides who sees it.
            force_area_id=areas[0] if areas else None,
        )


def _bulletins(rows):
    for bulletin in rows:
        articles = " ".join(f"{a.title}. {a.standfirst} {a.body} {a.author_name}" for a in bulletin.articles.all())
        yield SearchDocument(
            object_id=bulletin.pk,
            title=bulletin.title,
            body=f"{bulletin.masthead} {bulletin.introduction} {articles}",
            url=bulletin.get_absolute_url(),
            kind="Bulletin",
            force_area_id=bulletin.force_area_id,
            date=bulletin.issue_date,
        )


def sources() -> list[SearchSource]:
    return [
        SearchSource(
            model=Organisation,
            queryset=lambda: Organisation.objects.prefetch_related("force_areas"),
            documents=_organisations,
            visible=organisations_visible_to,
        ),
        SearchSource(
            model=Bulletin,
            queryset=lambda: Bulletin.objects.prefetch_related(
                Prefetch("articles", queryset=BulletinArticle.objects.order_by("position", "pk"))
            ),
            documents=_bulletins,
            visible=bulletins_visible_to,
            parents={BulletinArticle: "bulletin_id"},
        ),
    ]
