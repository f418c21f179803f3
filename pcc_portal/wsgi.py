import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")

application = get_wsgi_application()

# Pages stored by the previous release's code are not served by this one.
from pcc_portal.core.pagecache import retire_pages_of_earlier_code  # noqa: E402

retire_pages_of_earlier_code()

# Last: what the worker has loaded so far lives as long as it does; the collector need not walk it again.
from pcc_portal.core.startup import freeze_startup_heap  # noqa: E402

freeze_startup_heap()
