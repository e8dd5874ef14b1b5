import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests create many members; PBKDF2 would make them crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
