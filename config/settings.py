"""Ouvrage settings, read from the environment.

Nothing set: SQLite under var/, the in-memory channel layer, immediate tasks,
console e-mail. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
DEBUG is off unless asked for; with it off the HTTPS hardening is on, so
`manage.py check --deploy` is clean once SECRET_KEY and ALLOWED_HOSTS are real.
"""

import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
VERSION = "0.1.0"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one kept in var/ for this checkout."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# the previous keys while rotating SECRET_KEY (docs/operations.md#rotate-secrets)
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PORT = env.int("PORT", default=8000)
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}")

INSTALLED_APPS = [
    "daphne",
    # project apps first so their templates override the libraries'
    "core",
    "marketplace",
    "missions",
    "messaging",
    "billing",
    "governance",
    "spaces",
    "cms",
    "transparency",
    "config.apps.ProjectConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # two-factor authentication, required of staff (config.middleware)
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "pgtrigger",  # append-only tables in PostgreSQL (core.append_only, sealed months)
]

MIDDLEWARE = [
    "core.observability.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.MemberTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # staff without two-factor authentication: only the pages to set it up
    "config.middleware.StaffTwoFactorMiddleware",
    "core.middleware.RefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # the project's layout (base.html) and admin overrides win over the apps'
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marketplace.context_processors.ouvrage",
                "config.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# Under ASGI every request may run in another thread: connections are not kept
# (CONN_MAX_AGE = 0). On PostgreSQL psycopg's pool makes that cheap.
# SQLite, wherever its path comes from (SQLITE_PATH or DATABASE_URL=sqlite:///...),
# gets the same safeguards: immediate transactions (a writer takes the lock at
# BEGIN, so the loser of a race waits and then gets a refusal, not a 500),
# WAL (readers do not block the writer) and a 20 s lock timeout.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _sqlite_safeguards(db: dict) -> dict:
    options = db.setdefault("OPTIONS", {})
    for key, value in SQLITE_OPTIONS.items():
        options.setdefault(key, value)
    return db


if env.str("DATABASE_URL", default=""):
    _db = env.db_url("DATABASE_URL")
    _db["CONN_MAX_AGE"] = 0
    if _db["ENGINE"] == "django.db.backends.postgresql":
        _db.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DB_POOL_MIN", default=1),
            "max_size": env.int("DB_POOL_MAX", default=20),
            "timeout": env.int("DB_POOL_TIMEOUT", default=30),
        }
    elif _db["ENGINE"] == "django.db.backends.sqlite3":
        _sqlite_safeguards(_db)
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": _sqlite_safeguards(
            {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": env.str(
                    "SQLITE_PATH", default=str(VAR_DIR / "ouvrage.sqlite3")
                ),
                "CONN_MAX_AGE": 0,
                # a file, so that a daphne process started by a test sees its data
                "TEST": {
                    "NAME": env.str(
                        "SQLITE_TEST_PATH", default=str(VAR_DIR / "test.sqlite3")
                    )
                },
            }
        )
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache ------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 caps a pool at 100 connections and then raises
                # instead of waiting: under load group_send failed and messages
                # were dropped (found by benchmarks/messaging_latency.py)
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": env.int(
                            "REDIS_MAX_CONNECTIONS", default=2000
                        ),
                        # redis-py 8 reads with a 5 s timeout and the layer's
                        # blocking pop also waits 5 s: under load consumers died
                        # with "Timeout reading from ..." (close code 1011)
                        "socket_timeout": env.float(
                            "REDIS_SOCKET_TIMEOUT", default=30.0
                        ),
                    }
                ],
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="ouvrage"),
                "capacity": 1500,
                "expiry": 30,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_PREFIX", default="ouvrage"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Conversations: messages a member may send, per window of seconds (per process)
MESSAGING_RATE_LIMIT = env.str("MESSAGING_RATE_LIMIT", default="30/10")
# threads a daphne process gives the sockets' database calls (keep under DB_POOL_MAX)
MESSAGING_DB_THREADS = env.int("MESSAGING_DB_THREADS", default=16)
# PostgreSQL connections a daphne process's event loop keeps for the sockets'
# one-statement hot path (core.db_async), beside the pool above
DB_ASYNC_CONNECTIONS = env.int("DB_ASYNC_CONNECTIONS", default=8)

# --- Background tasks ----------------------------------------------------------
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND],
    }
}

# --- Accounts ------------------------------------------------------------------
AUTH_USER_MODEL = "marketplace.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "marketplace.forms.SignupForm"
ACCOUNT_ADAPTER = "marketplace.accounts.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ouvrage] "
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and
# recovery codes. Required of admins, treasurers, moderators and mediators
# (marketplace.two_factor; config.middleware sends them to set it up first).
# One period of tolerance either side: a code typed as it changes still works.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ouvrage"
MFA_TOTP_TOLERANCE = 1
MFA_ADAPTER = "marketplace.two_factor.TwoFactorAdapter"
# The client's address: REMOTE_ADDR, unless TRUSTED_PROXIES (a count, default 0)
# reverse proxies are in front; then the address that many hops from the right
# of X-Forwarded-For (what the nearest trusted proxy saw). A client-supplied
# X-Forwarded-For is never believed without it. Used by allauth's rate limits
# (sign-in page and API token endpoint alike) and DRF's throttles.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
# allauth counts failed logins per IP and per account in the cache
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# --- E-mail ----------------------------------------------------------------------
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Ouvrage <bonjour@ouvrage.coop>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Forms ---------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Static and media ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
# uploaded files live outside the web root; views serve them after a permission check
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
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
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy (django-csp): scripts and styles from our own origin
# only, no 'unsafe-inline' (templates have no inline <script> nor style="");
# data: images for Bootstrap's inline SVG icons; sockets to our own origin.
# The two admin sites get 'unsafe-inline' (config.middleware explains why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # paying by card posts to us, then follows a redirect to Stripe's hosted
        # checkout: the browser applies form-action to that redirect too
        "form-action": [
            SELF,
            env.str("STRIPE_CHECKOUT_ORIGIN", default="")
            or env.str("STRIPE_API_BASE", default="")
            or "https://checkout.stripe.com",
        ],
        "frame-ancestors": [NONE],
    }
}

# --- REST API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's own, refusing staff without two-factor authentication
        "marketplace.two_factor.SessionAuthentication",
        "marketplace.two_factor.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "marketplace.api_base.Pagination",
    # JSON bodies bounded in depth, finite numbers only (core.validators)
    "DEFAULT_PARSER_CLASSES": [
        "marketplace.api_base.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "marketplace.api_base.exception_handler",
    # DRF reads X-Forwarded-For only with this set; None would trust any client
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("TOKEN_RATE_LIMIT", default="10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ouvrage API",
    "DESCRIPTION": "REST API of Ouvrage, the cooperative consulting marketplace.",
    "VERSION": VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # several models have a "kind": name the spaces' thread kinds apart
    "ENUM_NAME_OVERRIDES": {"ThreadKindEnum": "spaces.models.Thread.Kind"},
}

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Ouvrage"
WAGTAILADMIN_BASE_URL = SITE_URL
# pages exist in French (default, unprefixed addresses) and in English (/en/);
# editors translate a page with "Translate" (wagtail.contrib.simple_translation)
WAGTAIL_I18N_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []  # embeds would fetch third-party pages
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no call home from the admin
WAGTAILADMIN_COMMENTS_ENABLED = False

# --- Stripe (the billing issue uses these) -----------------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# Bank transfers (the billing app shows these; the invoice PDF prints the seller)
BILLING_BANK_HOLDER = env.str("BILLING_BANK_HOLDER", default="SCIC Ouvrage")
BILLING_BANK_IBAN = env.str(
    "BILLING_BANK_IBAN", default="FR76 3000 6000 0112 3456 7890 189"
)
BILLING_BANK_BIC = env.str("BILLING_BANK_BIC", default="AGRIFRPPXXX")
BILLING_SELLER = env.str(
    "BILLING_SELLER",
    default="SCIC Ouvrage SAS à capital variable\n12 rue des Coopératives, 44000 Nantes\n"
    "SIREN 000 000 000 · TVA non applicable, art. 293 B du CGI",
)

# JSON lines (one object per line, with the request id) unless LOG_FORMAT=plain;
# `make run` (DEBUG=1) keeps plain lines for people reading a terminal
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.observability.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {"()": "core.observability.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.channels.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
# who may read /metrics (Prometheus): loopback and private networks by default
METRICS_ALLOWED_NETWORKS = env.list(
    "METRICS_ALLOWED_NETWORKS",
    default=["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128"],
)
SPECTACULAR_SETTINGS["PREPROCESSING_HOOKS"] = ["marketplace.api_base.only_our_api"]
