from django.core.management.base import BaseCommand, CommandError

from pcc_portal.archive.services import PackageError, area_import


class Command(BaseCommand):
    help = "Import a force area's package (from export_area): verified first, then written all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The zip file written by export_area.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the area's records in this portal first (same transaction)."
        )

    def handle(self, *args, path, replace, **options):
        try:
            summary = area_import(path, replace=replace)
        except PackageError as exc:
            raise CommandError(f"Refused, nothing was written: {exc}") from None
        rows = sum(summary["created"].values())
        self.stdout.write(f"Imported {summary['area']}: {rows} rows and {summary['files']} files.")
