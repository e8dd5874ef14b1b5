"""scripts/audit-dependencies: the dependency audit checks something.

pip-audit skips every package it cannot find through PyPI's per-version API
and still exits 0; the script then checks those against the vendored PyPA
advisory snapshot. These tests show the snapshot covers the lock and that
the range logic flags what an advisory names.
"""

from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit-dependencies"


@pytest.fixture(scope="module")
def audit():
    loader = SourceFileLoader("audit_dependencies", str(SCRIPT))
    module = module_from_spec(spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_the_snapshot_covers_every_locked_package(audit):
    import json

    snapshot = json.loads(audit.SNAPSHOT.read_text())
    # a package added to the lock without refreshing the snapshot fails here
    assert set(snapshot["packages"]) == set(audit.locked())
    assert snapshot["records"], "an empty snapshot would check nothing"


RECORD = {
    "id": "PYSEC-TEST-1",
    "affected": [
        {
            "package": {"name": "Django", "ecosystem": "PyPI"},
            "ranges": [
                {
                    "type": "ECOSYSTEM",
                    "events": [
                        {"introduced": "4.2"},
                        {"fixed": "4.2.16"},
                        {"introduced": "5.0"},
                        {"fixed": "5.0.9"},
                    ],
                }
            ],
            "versions": ["3.2.1"],
        }
    ],
}


@pytest.mark.parametrize(
    "version, expected",
    [
        ("4.1.9", False),
        ("4.2", True),
        ("4.2.15", True),
        ("4.2.16", False),
        ("5.0.8", True),
        ("5.0.9", False),
        ("5.2.19", False),
        ("3.2.1", True),  # listed by version
    ],
)
def test_an_advisory_range_flags_the_versions_it_names(audit, version, expected):
    assert audit.affects(RECORD, "django", version) is expected


def test_a_real_old_django_is_found_vulnerable_in_the_snapshot(audit):
    import json

    records = json.loads(audit.SNAPSHOT.read_text())["records"]
    assert any(audit.affects(record, "django", "4.2.0") for record in records)
    assert not any(
        audit.affects(record, name, version)
        for record in records
        for name, version in audit.locked().items()
    )
