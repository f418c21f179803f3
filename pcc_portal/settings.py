"""Settings for the PCC portal, read from the environment.

With nothing set the portal runs on the embedded defaults: a SQLite file,
Celery tasks run in-process, email printed to the console, media on local
disk. Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY,
ALLOWED_HOSTS and DEBUG=0 (see README.md and .env.example).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is a convenience for local runs; real deployments set variables.
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)

# No secret has a default outside DEBUG: production must set one.
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-only")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The portal's own apps, in dependency order: each may use the ones before it.
PORTAL_APPS = [
    "pcc_portal.accounts",
    "pcc_portal.core",
    "pcc_portal.pdf",
    "pcc_portal.jobs",
    "pcc_portal.archive",
    "pcc_portal.deadlines",
    "partners",
    "plans",
    "panels",
    "consultations",
    "commissioning",
    "transparency",
    "transition",
    "handover",
    "api",
    "search",
    # Last so that its demo finds the other apps' demo records; the apps reach it through
    # pcc_portal.notifications.services and it reaches them only through their notification_kinds().
    "pcc_portal.notifications",
]

INSTALLED_APPS = [
    "pcc_portal.core.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL characters in input are refused with a 400 on every page (PostgreSQL cannot store them).
    "pcc_portal.core.middleware.RejectNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After sessions, CSRF, authentication, messages and htmx, whose state decides what may be served again.
    "pcc_portal.core.pagecache.PageCacheMiddleware",
    # Axes goes last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pcc_portal.urls"
WSGI_APPLICATION = "pcc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pcc_portal.core.context_processors.portal",
                "pcc_portal.notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if not DEBUG else 0)
# A persistent connection the server has dropped (restart, failover, idle timeout) is
# replaced at the start of the next request instead of failing it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a small office: readers never block the writer (WAL), a
    # writer waits its turn instead of failing at once (timeout), and a transaction takes the
    # write lock when it begins (IMMEDIATE), so an autosave and a submit never deadlock on
    # upgrading a read lock, which SQLite answers with "database is locked" without waiting.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's cost of reading a page out of order. PostgreSQL's default (4.0) is for spinning disks; on SSDs
    # or a working set held in memory, as a portal's is, 1.1 is the usual setting. With 4.0 the planner read all
    # 34,400 monitoring returns of the national data to join one area's 400 grants (20 ms on every staff deadline
    # page) rather than look each grant's returns up by index (1 ms). A DATABASE_URL's own ?options= wins.
    #
    # The query templates (pcc_portal/core/querytemplates.py) are prepared statements (below), planned for each
    # call's values: with `auto`, PostgreSQL keeps one generic plan of a statement after five runs, which saved
    # most of the planning (1.8 -> 0.6 ms for the transparency deadlines) but read 3 to 30 times longer for the
    # templates over a wide range of dates (the deadline kinds and summaries: a range of two parameters is taken
    # to be narrow), so that what's due and the calendar feed were slower.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options",
        f"-c random_page_cost={env.float('PG_RANDOM_PAGE_COST', default=1.1)}"
        f" -c plan_cache_mode={env.str('PG_PLAN_CACHE_MODE', default='force_custom_plan')}",
    )
    # The query templates run as prepared statements: parsed once per connection, not on every page. Django's own
    # queries bind their values on the client and are never prepared, whatever the threshold. Off
    # (DB_PREPARED_STATEMENTS=0) for a pooler that does not keep prepared statements: PgBouncer in transaction mode
    # before 1.21, or without max_prepared_statements.
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A covering index's included columns (Index(include=...)) let PostgreSQL answer from the index alone; SQLite leaves
# them out and uses the index's key columns, which is what it needs. Django warns of that (models.W040) on every
# command of the embedded default.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
}
# Whole GET pages are kept in the default cache under keys that every database write retires
# (pcc_portal/core/pagecache.py). It needs a cache that every process shares and increments atomically
# (Redis, Memcached): with the embedded default's in-memory cache a write from another process
# (manage.py, a worker) could not retire the server's pages, so it is off there.
PAGE_CACHE = env.bool(
    "PAGE_CACHE",
    default=CACHES["default"]["BACKEND"].rsplit(".", 1)[-1] in {"RedisCache", "PyMemcacheCache", "PyLibMCCache"},
)
# How long a page may be served after a change no write makes (a date passing, an edit by hand in psql).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

# Users, authentication and lock-out.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend reading the user's areas and unread count with the user: one query, not three, on every page.
    "pcc_portal.accounts.backends.PortalBackend",
    # Sessions started before PortalBackend name ModelBackend, which signs them in still. Remove it once they have
    # all ended (SESSION_COOKIE_AGE after the release that added PortalBackend); until then a refused password is
    # checked by both (twice the hashing time on a failed sign-in only).
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The sign-in form posts the email address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The number of reverse proxies in front of the portal (1 behind the TLS proxy of a
# production deployment), each appending to X-Forwarded-For; 0 when visitors connect
# directly. The lock-out and every rate limit key on the address this gives
# (pcc_portal.core.client_ip, with django-ipware).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "pcc_portal.core.client_ip.client_ip"

# Django's database sessions, with the read every request makes written as SQL once (pcc_portal/core/sessions.py).
SESSION_ENGINE = "pcc_portal.core.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Locale: British English, London time.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PORTAL_MAX_UPLOAD_BYTES = env.int("PORTAL_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)

# Email: console by default, SMTP (or the mail catcher) in production.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PCC Portal <no-reply@pcc-portal.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Forms.
# Selects prompt in words ("Choose an organisation", "None") instead of "---------".
FORM_RENDERER = "pcc_portal.core.forms.PortalFormRenderer"
# Filters offer "Any" as their empty choice.
FILTERS_EMPTY_CHOICE_LABEL = "Any"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: a real broker when CELERY_BROKER_URL is set, in-process otherwise.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=9 * 60)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The beat schedule lives in code, here.
CELERY_BEAT_SCHEDULE: dict = {
    "jobs-heartbeat": {
        "task": "pcc_portal.jobs.tasks.heartbeat",
        "schedule": timedelta(minutes=5),
    },
    "partners-publish-due-bulletins": {
        "task": "partners.tasks.publish_due_bulletins",
        "schedule": timedelta(minutes=5),
    },
    "archive-purge-expired-packages": {
        "task": "pcc_portal.archive.tasks.purge_expired_packages",
        "schedule": timedelta(hours=1),
    },
    "deadlines-sweep": {
        "task": "pcc_portal.deadlines.tasks.sweep_reminders",
        "schedule": timedelta(minutes=15),
    },
    # Hourly, so a missed hour never loses a day; each person gets one digest a day (a ledger).
    "notifications-daily-digest": {
        "task": "pcc_portal.notifications.tasks.send_daily_digests",
        "schedule": timedelta(hours=1),
    },
    # The overview's spend totals are right without it: it folds the day's entries into one per key.
    "commissioning-rebuild-spend-totals": {
        "task": "commissioning.tasks.rebuild_spend_totals",
        "schedule": timedelta(hours=24),
    },
    "transition-escalate-unnamed-receivers": {
        "task": "transition.tasks.escalate_due_programmes",
        "schedule": timedelta(hours=24),
    },
}

# Security. Everything below is on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint reports refused URLs at WARNING; they are expected.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# PDF rendering.
PDF_CACHE_DIR = "pdf"
PDF_ASYNC_THRESHOLD_ROWS = env.int("PDF_ASYNC_THRESHOLD_ROWS", default=500)
