"""Loaded by pytest before Django reads its settings (`-p tests.environment`).

The suite runs in development mode: with DEBUG off the settings turn on the
HTTPS hardening (redirects, secure cookies) that the test client cannot follow.
Production mode is still tested, in a subprocess (tests/marketplace/test_settings.py).
"""

import os

os.environ.setdefault("DEBUG", "1")
