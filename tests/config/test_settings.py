"""Production mode refuses to start without real secrets and passes Django's deployment checks.
Each case runs manage.py in a fresh process, since settings are read once at start-up."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Variables that would let the developer's own environment leak into these runs.
CLEARED = {"SANKOFA_ENV", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"}


def random_secret_key(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


@pytest.fixture
def prod_env(tmp_path):
    """A complete production environment; tests remove or spoil one variable at a time."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith("DJANGO_")}
    env.update(
        SANKOFA_ENV="prod",
        SANKOFA_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY=random_secret_key(),
        FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        ALLOWED_HOSTS="example.org",
    )
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(prod_env):
    del prod_env["SECRET_KEY"]
    result = manage(prod_env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECRET_KEY", "too-short"),
        ("SECRET_KEY", "django-insecure-" + "x" * 60),
        ("FIELD_ENCRYPTION_KEY", None),
        ("FIELD_ENCRYPTION_KEY", "not-a-fernet-key"),
        ("DATABASE_URL", None),
    ],
)
def test_production_refuses_weak_or_missing_secrets(prod_env, variable, value):
    if value is None:
        del prod_env[variable]
    else:
        prod_env[variable] = value
    result = manage(prod_env, "check")
    assert result.returncode != 0
    assert variable in result.stderr
    assert not (Path(prod_env["SANKOFA_VAR_DIR"]) / "secret.key").exists()  # no generated fallback


def test_production_passes_the_deployment_checks(prod_env):
    result = manage(prod_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_defaults_are_safe(prod_env):
    probe = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS, s.PASSWORD_HASHERS[0].rsplit('.', 1)[1], s.AXES_ENABLED)"
    )
    result = manage(prod_env, "shell", "--no-imports", "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "['example.org']",
                                     "Argon2PasswordHasher", "True"]  # fmt: skip
