"""Sankofa settings, read from the environment (django-environ).

SANKOFA_ENV selects the mode: "dev" (default), "test" or "prod". Development needs nothing:
SQLite at var/sankofa.sqlite3 and a secret key generated once into var/. Production refuses to
start without real secrets (see _require_production_secrets).
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent.parent  # src/sankofa
PROJECT_DIR = SRC_DIR.parent.parent
env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

MODE = env.str("SANKOFA_ENV", default="dev")
if MODE not in {"dev", "test", "prod"}:
    raise ImproperlyConfigured(f"SANKOFA_ENV must be dev, test or prod, not {MODE!r}")
PRODUCTION = MODE == "prod"
VAR_DIR = Path(env.str("SANKOFA_VAR_DIR", default=str(PROJECT_DIR / "var")))


def _local_secret(name: str, nbytes: int = 50) -> str:
    """A secret generated once into var/ so that restarts keep sessions and encrypted data readable."""
    path = VAR_DIR / name
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(nbytes))
        path.chmod(0o600)
    return path.read_text().strip()


def _field_key_default() -> str:
    import base64

    return base64.urlsafe_b64encode(_local_secret("field-encryption.key", 24).encode()[:32]).decode()


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("Production needs SECRET_KEY (50+ random characters) in the environment.")
    if not FIELD_ENCRYPTION_KEY:
        raise ImproperlyConfigured("Production needs FIELD_ENCRYPTION_KEY (a Fernet key) in the environment.")
    try:  # a bad key would otherwise surface only at the first encrypted write
        from cryptography.fernet import Fernet

        Fernet(FIELD_ENCRYPTION_KEY.encode())
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY is not a Fernet key (32 url-safe base64 bytes)."
        ) from exc
    if "DATABASE_URL" not in env:
        raise ImproperlyConfigured("Production needs DATABASE_URL (PostgreSQL) in the environment.")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret("secret.key")
    FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="") or _field_key_default()

DEBUG = env.bool("DEBUG", default=MODE == "dev")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "auditlog",
    "django_htmx",
    "rest_framework",
    "knox",
    "csp",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "sankofa.core",
    "sankofa.access",
    "sankofa.people",
    "sankofa.cases",
    "sankofa.assistance",
    "sankofa.returns",
    "sankofa.referrals",
    "sankofa.reintegration",
    "sankofa.programmes",
    "sankofa.reports",
    "sankofa.privacy",
    "sankofa.cooperation",
    "sankofa.duplicates",
    "sankofa.web",
    "sankofa.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sankofa.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sankofa.access.middleware.MfaRequiredMiddleware",
    "sankofa.core.middleware.NoStoreMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "sankofa.cases.read_log.ReadLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sankofa.config.urls"
WSGI_APPLICATION = "sankofa.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # First, so that our layout also wraps allauth's account and two-factor pages.
        "DIRS": [SRC_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'sankofa.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers work while a writer commits; the timeout rides out short write locks. IMMEDIATE
    # transactions take the write lock at BEGIN, so two registrations queue instead of one failing with
    # "database is locked" when it upgrades from reading to writing (select_for_update is a no-op here).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Covering indexes (Index.include) serve PostgreSQL; SQLite builds the same indexes without the
# included columns, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# "figures": dashboard figures computed from one refresh of the indicator fact table, shared by the
# web processes (reports.selectors). A database table by default (`sankofa createcachetable`; tests
# create it with the test database); FIGURES_CACHE_URL may name another cache (Redis: add `redis`).
# Registration-time duplicate checks per user and hour: a check answers "possible match at office
# X" about people the user may not see, so probing is limited (and logged, "sankofa.security").
DUPLICATE_CHECKS_PER_HOUR = env.int("SANKOFA_DUPLICATE_CHECKS_PER_HOUR", default=600)
# A case list exported with personal data can be downloaded for this long, then its file is deleted
# (`sankofa purge_exports`, daily).
PERSONAL_EXPORT_HOURS = env.int("SANKOFA_PERSONAL_EXPORT_HOURS", default=24)


# "default": counters that must be shared by every web process (allauth's sign-in rate limits, DRF
# throttling, used TOTP codes): a database table too by default (created by migration core.0003), CACHE_URL
# may name another shared cache. Never a per-process memory cache in production: with several workers
# each would count alone.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://sankofa_cache"),
    "figures": env.cache("FIGURES_CACHE_URL", default="dbcache://sankofa_figures"),
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only, never in prod
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: sign-in by username or email, no self sign-up (accounts are created by administrators).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_ADAPTER = "sankofa.access.adapters.NoSignupAccountAdapter"
ACCOUNT_SESSION_REMEMBER = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
# Two-factor authentication (TOTP apps, with recovery codes), which each user can turn on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sankofa"
MFA_ADAPTER = "sankofa.access.adapters.RequiredMfaAdapter"
# Two-factor authentication is required of users who see sensitive data or several offices
# (access.rules.mfa_required, enforced by access.middleware). Always on in production and tests;
# development turns it off by default so that the demo users sign in with their password alone
# (SANKOFA_MFA_REQUIRED=true make demo shows the requirement).
SANKOFA_MFA_REQUIRED = True if MODE != "dev" else env.bool("SANKOFA_MFA_REQUIRED", default=False)

# Behind a reverse proxy: how many proxies append to X-Forwarded-For (the client is the address that
# many places from the right), or the one header a proxy sets to the client address. The same rule
# for axes, allauth's rate limits and API throttling (core.http.client_ip). 0: REMOTE_ADDR.
SANKOFA_TRUSTED_PROXIES = env.int("SANKOFA_TRUSTED_PROXIES", default=0)
SANKOFA_CLIENT_IP_HEADER = env.str("SANKOFA_CLIENT_IP_HEADER", default="") or None
ALLAUTH_TRUSTED_PROXY_COUNT = SANKOFA_TRUSTED_PROXIES
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = SANKOFA_CLIENT_IP_HEADER

# django-axes: lock out brute-force attempts per username and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env.bool("AXES_ENABLED", default=MODE != "test")
AXES_CLIENT_IP_CALLABLE = "sankofa.core.http.client_ip"  # attempts are rows in the database: shared

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/chartjs-geo", NODE_MODULES / "chartjs-chart-geo" / "build"),
    ("vendor/world-atlas", NODE_MODULES / "world-atlas"),
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "sankofa.access.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Counted in the shared "default" cache, per client address (core.http.client_ip) or per user.
    "DEFAULT_THROTTLE_CLASSES": ["sankofa.core.api.AnonThrottle", "sankofa.core.api.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="1000/minute" if MODE != "test" else "100000/minute"),
        "token": env.str("API_THROTTLE_TOKEN", default="10/minute"),
    },
    "NUM_PROXIES": SANKOFA_TRUSTED_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
}
# API tokens (django-rest-knox): stored as hashes, one per device, expiring, revocable
# (access.models.ApiToken, access.api).
KNOX_TOKEN_MODEL = "access.ApiToken"
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=10)),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sankofa API",
    "DESCRIPTION": "Migrant protection, assisted voluntary return and reintegration case management.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" field: name each enum after its model, not a hash.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "sankofa.cases.models.Case.Status",
        "ReturnRequestStatusEnum": "sankofa.returns.models.ReturnRequest.Status",
        "TravelDocumentStatusEnum": "sankofa.returns.models.TravelDocument.Status",
        "TravelDocumentKindEnum": "sankofa.returns.models.TravelDocument.Kind",
        "MovementStatusEnum": "sankofa.returns.models.Movement.Status",
        "MovementKindEnum": "sankofa.returns.models.Movement.Kind",
        "BookingStatusEnum": "sankofa.returns.models.Booking.Status",
        "HandoverStatusEnum": "sankofa.returns.models.Handover.Status",
        "EscortKindEnum": "sankofa.returns.models.Escort.Kind",
        "ActionStatusEnum": "sankofa.cooperation.models.Action.Status",
        "ProgrammeStatusEnum": "sankofa.programmes.models.Programme.Status",
        "ReintegrationPlanStatusEnum": "sankofa.reintegration.models.ReintegrationPlan.Status",
        "PlanItemStatusEnum": "sankofa.reintegration.models.PlanItem.Status",
        "PlanItemKindEnum": "sankofa.reintegration.models.ItemKind",
        "ReintegrationDimensionEnum": "sankofa.reintegration.models.Dimension",
        "CommunityProjectStatusEnum": "sankofa.reintegration.models.CommunityProject.Status",
        "CommunityProjectKindEnum": "sankofa.reintegration.models.CommunityProject.Kind",
        "CaseClosureStatusEnum": "sankofa.reintegration.models.CaseClosure.Status",
        "CaseClosureReasonEnum": "sankofa.reintegration.models.CaseClosure.Reason",
        "ArrivalPointOfEntryEnum": "sankofa.reintegration.models.Arrival.PointOfEntry",
        "AssessmentEducationEnum": "sankofa.reintegration.models.Assessment.Education",
        "SustainabilitySurveyKindEnum": "sankofa.reintegration.models.surveys.SustainabilitySurvey.Kind",
        "InterfaceLanguageEnum": "django.conf.settings.LANGUAGES",
    },
}

# Background work (django-tasks backport of Django's Tasks API): jobs are rows in the database,
# enqueued in the caller's transaction and run by `sankofa db_worker` (as many workers as needed).
# Tests run tasks immediately, in the calling thread.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if MODE == "test"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="sankofa@localhost")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")  # links in emails (referral notifications)

AUDITLOG_INCLUDE_ALL_MODELS = False

# Break-the-glass (cases.EmergencyAccess): how long an emergency reading of a case lasts.
SANKOFA_EMERGENCY_ACCESS_HOURS = env.int("SANKOFA_EMERGENCY_ACCESS_HOURS", default=4)

# Sustainability follow-up surveys, in months after return, unless a programme funding the case sets its own.
SANKOFA_FOLLOW_UP_MONTHS = (3, 6, 12)

# Uploads (core.uploads): the largest file accepted, in MB. Files above FILE_UPLOAD_MAX_MEMORY_SIZE
# stream to a temporary file instead of memory; DATA_UPLOAD_MAX_MEMORY_SIZE bounds the rest of a
# request body (form fields, JSON). The web server in front should refuse bodies above the limit too.
SANKOFA_MAX_UPLOAD_MB = env.float("SANKOFA_MAX_UPLOAD_MB", default=10)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB, Django's default, written down
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_HANDLERS = [
    "sankofa.core.uploads.SizeLimitUploadHandler",  # stops keeping a file past the limit
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp): scripts and styles only from this site; style attributes stay
# allowed (progress bars, timelines set widths with them; they cannot run script). No inline script:
# every script is a static file. The API documentation pages relax this (config.urls).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Retention (privacy.services, README "Configuration"): days after which each record type is
# anonymised or deleted by an approved retention run; 0 keeps it for ever.
SANKOFA_RETENTION_CLOSED_CASE_DAYS = env.int("SANKOFA_RETENTION_CLOSED_CASE_DAYS", default=5 * 365 + 1)
SANKOFA_RETENTION_ENDED_REFERRAL_DAYS = env.int("SANKOFA_RETENTION_ENDED_REFERRAL_DAYS", default=365)
SANKOFA_RETENTION_ACCESS_LOG_DAYS = env.int("SANKOFA_RETENTION_ACCESS_LOG_DAYS", default=3 * 365)
SANKOFA_RETENTION_AUDIT_LOG_DAYS = env.int("SANKOFA_RETENTION_AUDIT_LOG_DAYS", default=0)
