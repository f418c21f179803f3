import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pcc_portal.accounts.models import ForceArea
from pcc_portal.archive.services import area_export


def _date(value: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class Command(BaseCommand):
    help = "Export everything the portal holds for a force area as a checkable package (zip)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The force area's code, e.g. leicestershire.")
        parser.add_argument("path", help="Where to write the zip file.")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="Include email addresses, phone numbers and respondents' details (left out by default).",
        )
        parser.add_argument("--no-pdfs", action="store_true", help="Do not render the published PDFs (faster).")
        parser.add_argument("--since", help="FOI/audit bundle: only records written on or after this date.")
        parser.add_argument("--until", help="FOI/audit bundle: only records written before the end of this date.")

    def handle(self, *args, code, path, with_personal_data, since, until, no_pdfs, **options):
        area = ForceArea.objects.filter(code=code).first()
        if area is None:
            raise CommandError(f"There is no force area with the code {code!r}.")
        since_at = _date(since) if since else None
        until_at = _date(until) + dt.timedelta(days=1) if until else None
        if since_at and until_at and since_at >= until_at:
            raise CommandError("--until must not come before --since.")
        manifest = area_export(
            area, path, with_personal_data=with_personal_data, since=since_at, until=until_at, pdfs=not no_pdfs
        )
        rows = sum(info["count"] for info in manifest["models"].values())
        self.stdout.write(
            f"Exported {area.name}: {rows} rows in {len(manifest['models'])} models and {len(manifest['files'])} files "
            f"to {path} (personal data {'included' if with_personal_data else 'left out'})."
        )
