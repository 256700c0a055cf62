"""Midad settings: every knob is an environment variable with a safe default.

DJANGO_ENV=production turns on the production profile, which refuses to start without a
secret key and allowed hosts and sets the secure-cookie and HTTPS options `check --deploy` asks for.
"""

import datetime
import ipaddress
import os
import time
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(os.environ.get(name, default))


def local_secret_key(path):
    """This machine's own random key, made on first use and kept in `path` (mode 600)."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    try:
        # O_EXCL: of several processes starting at once, one writes and the others read its key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        time.sleep(0.1)
        return path.read_text().strip()
    with os.fdopen(fd, "w") as file:
        file.write(key)
    return key


PRODUCTION = env("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DJANGO_DEBUG", False)

if PRODUCTION:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (50+ characters) in production.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")
else:
    # No key in the code: a published key would forge confirmation and unsubscribe links.
    SECRET_KEY = env("DJANGO_SECRET_KEY") or local_secret_key(
        Path(env("DJANGO_SECRET_KEY_FILE", BASE_DIR / "var" / "secret_key"))
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Addresses or networks of the reverse proxies in front of the site. Only requests from them have
# their X-Forwarded-For believed (see security.addresses); empty means no proxy: header ignored.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}") from None

INSTALLED_APPS = [
    # taggit first: blog.admin unregisters its Tag admin, which must be registered by then.
    "taggit",
    "blog",
    "comments",
    "accounts",
    "security",
    "axes",
    "transfer",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
]

MIDDLEWARE = [
    # First: the settings rows are read once per request, from the language middleware on.
    "config.cache.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for clients that accept gzip; static files come compressed from whitenoise.
    "django.middleware.gzip.GZipMiddleware",
    # Outside the session, CSRF and messages middleware, so it sees every cookie they set.
    "blog.middleware.SharedCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "blog.middleware.BlogLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "transfer.middleware.OldAddressMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Plain widgets written in Python instead of through a template each (blog/formrender.py).
FORM_RENDERER = "blog.formrender.FastWidgetRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `{% url %}` with its addresses remembered, in every template (config/reverse.py).
            "builtins": ["config.reverse"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog.context_processors.blog",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (or anything dj-database-url reads) from DATABASE_URL.
SQLITE_PATH = Path(env("SQLITE_PATH", BASE_DIR / "var" / "midad.sqlite3"))
if env("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            env("DATABASE_URL"),
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            # Off unless asked for: the check is one more round trip before each request's first
            # query, a third of a view beacon's work. Without it a database restart fails one
            # request per kept connection (503 with Retry-After), and that connection is replaced.
            conn_health_checks=env_bool("DATABASE_HEALTH_CHECKS", False),
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Compiling a plan costs more than the short queries of a web page save from it (24 ms
        # on a search ranked over 10,000 matches): no JIT on the site's connections.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Kept between requests: closing the last connection checkpoints the WAL, which cost
            # a view beacon several times its own work, and each new one runs the PRAGMAs again.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE makes writers queue
                # on the busy timeout instead of failing with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis from REDIS_URL; otherwise diskcache, a cache on SQLite files in CACHE_DIR that
# every process on the machine shares and that counts atomically (rate limits, view
# de-duplication, widgets and cached pages stay right with several gunicorn workers).
CACHE_DIR = Path(env("CACHE_DIR", BASE_DIR / "var" / "cache"))
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "midad",
        }
    }
    # Sessions, rate limits, sign-in lock-outs and view de-duplication all live in this cache,
    # so every server sees the same ones.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.SharedDiskCache",
            "LOCATION": str(CACHE_DIR),
            # Writers wait for each other up to this long (seconds) before retrying.
            "DATABASE_TIMEOUT": 0.5,
            "OPTIONS": {"size_limit": env_int("CACHE_SIZE_LIMIT", 512 * 1024 * 1024)},
        }
    }
# How long a proxy or CDN may keep a page for readers who are not signed in (s-maxage), and how
# long Django keeps an anonymous post page in its own cache (invalidated on every change).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. The blog's own language (admin setting) is the default for readers;
# a reader's choice from the language switcher overrides it.
# Message ids are English, so English is the fallback for any string a catalogue lacks; the
# blog speaks BLOG_LANGUAGE until an editor picks another language in the blog settings.
LANGUAGE_CODE = "en"
BLOG_LANGUAGE = env("BLOG_LANGUAGE", "ar")
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Serve uploads from Django itself; turn off where a proxy or object storage serves them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Image uploads larger than this are refused before Pillow decodes them.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)

# Content-Security-Policy (django-csp): the same in every environment, so what is tested is what
# runs. No inline script or style, no eval, no plugins, no framing, forms post only here.
_CSP_MEDIA = [MEDIA_URL] if MEDIA_URL.startswith(("http://", "https://")) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_CSP_MEDIA],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        # What the policy blocks is reported to security.views.csp_report and logged.
        "report-uri": ["/csp-report/"],
    }
}
# The admin (security.middleware): Django's widgets and the rich-text editor set style attributes.
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_CSP_MEDIA],
}

# Sign-in throttling (django-axes) on the public and the admin sign-in pages: after
# SIGNIN_FAILURE_LIMIT failures an account, and separately an address, waits SIGNIN_COOLOFF_MINUTES
# from its last failure.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# In Redis when REDIS_URL is set; otherwise in the database, which every process shares.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if env("REDIS_URL")
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGNIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.addresses.axes_client_address"
AXES_LOCKOUT_CALLABLE = "security.views.signin_locked_out"
AXES_VERBOSE = False
# Sign-up and password-reset requests: (requests, seconds) per address and per target e-mail.
ACCOUNT_RATE_LIMITS = {
    "signup": (env_int("SIGNUP_RATE_LIMIT", 5), 3600),
    "password_reset": (env_int("PASSWORD_RESET_RATE_LIMIT", 5), 3600),
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "blog:home"
LOGOUT_REDIRECT_URL = "blog:home"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before a silent mail server is given up on: mail goes out after the response's
# transaction, in the request, so a hanging server must not hold the reader for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Midad <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's public address, for links in e-mails sent outside a request (digests, notices).
# By default the address `make run` serves (it passes HOST and PORT), so links in e-mails work.
SITE_URL = env("SITE_URL", f"http://{env('HOST', '127.0.0.1')}:{env('PORT', '8000')}").rstrip("/")

# The post editor's own extensions (pictures in the body, toolbar in the admin's language), loaded
# as an ES module by django-prose-editor; bodies are sanitised by blog.sanitize, not by the editor.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/post-editor.js")],
        "extensions": {"BodyImages": html_tags([]), "AdminLanguage": html_tags([])},
    }
]

# Background work (imports started from the admin): stored in the database, run by
# `manage.py db_worker`, which `make run` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "blog.labels.parse_labels"

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client": {"()": "security.addresses.ClientAddressLogFilter"}},
    "formatters": {"console": {"format": "%(levelname)s %(name)s [%(client)s] %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client"],
            "formatter": "console",
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Every sign-in attempt is logged at INFO; lock-outs are warnings.
        "axes": {"level": "WARNING"},
    },
}
