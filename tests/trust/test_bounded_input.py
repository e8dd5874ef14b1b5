"""Bounded input: each malformed input an attacker tried gets a clear refusal
(4xx, a form error or an error frame) instead of a server error or a long
computation, and nothing is written (issue 15, item 2)."""

import io
import json
import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError

from core.validators import (
    JSON_MAX_DEPTH,
    MAX_IMAGE_PIXELS,
    finite_cents,
    loads_bounded,
    strings_only,
)
from marketplace.services.checks import check_image
from missions.models import Need, Proposal
from tests.missions import factories as f
from tests.missions.test_forms import _proposal_data

pytestmark = pytest.mark.django_db


def test_a_huge_milestone_row_count_builds_twenty_rows_at_most(client):
    need = f.need_published()
    client.force_login(f.expert().user)
    data = _proposal_data([{"title": "Visite", "amount": "9000"}])
    data["milestones-TOTAL_FORMS"] = "100000000"
    started = time.monotonic()
    response = client.post(f"/missions/needs/{need.pk}/propose/", data)
    assert time.monotonic() - started < 3
    assert response.status_code == 200  # the form again, with its error
    assert len(response.context["form"].milestones.forms) == 20
    assert "20" in " ".join(response.context["form"].milestones.non_form_errors())
    assert not Proposal.objects.filter(need=need).exists()


def test_deeply_nested_json_is_a_400_not_a_server_error(api_client):
    member = f.company()
    api_client.force_authenticate(member.user)
    for body in ("[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000):
        response = api_client.post(
            "/api/needs/", data=body, content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "parse_error"
    assert not Need.objects.exists()


def test_loads_bounded_counts_brackets_outside_strings_only():
    assert loads_bounded(json.dumps({"text": "[" * 1000})) == {"text": "[" * 1000}
    nested = "[" * JSON_MAX_DEPTH + "]" * JSON_MAX_DEPTH
    assert loads_bounded(nested)
    with pytest.raises(ValueError):
        loads_bounded("[" + nested + "]")
    for constant in ("NaN", "Infinity", "-Infinity", '{"a": NaN}'):
        with pytest.raises(ValueError):
            loads_bounded(constant)


@pytest.mark.parametrize(
    "amount",
    [10**30, -1, "NaN", "Infinity", 1.5, "1e400", 10_000_000_001],
)
def test_huge_or_non_finite_amounts_are_refused_by_the_api(api_client, amount):
    member = f.company()
    api_client.force_authenticate(member.user)
    body = {
        "title": "Audit",
        "context": "Deux sites.",
        "deliverables": "Un rapport.",
        "proposals_deadline": "2099-01-01T12:00:00Z",
        "budget_max_cents": amount,
    }
    response = api_client.post("/api/needs/", body, format="json")
    assert response.status_code == 400, response.content
    assert "budget_max_cents" in response.json()["error"]["fields"]
    assert not Need.objects.exists()


def test_raw_non_finite_numbers_in_a_body_are_refused(api_client):
    api_client.force_authenticate(f.company().user)
    body = '{"title": "Audit", "budget_max_cents": Infinity}'
    response = api_client.post(
        "/api/needs/", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert not Need.objects.exists()


def test_finite_cents_refuses_what_is_not_a_bounded_whole_number():
    assert finite_cents("1200") == 1200
    for bad in (float("nan"), float("inf"), "1e400", "abc", True, 0.5, 10**20, -3):
        with pytest.raises(ValidationError):
            finite_cents(bad)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares width by height pixels but carries almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


class _Upload(io.BytesIO):
    @property
    def size(self):
        return len(self.getvalue())


@pytest.mark.parametrize(
    "width,height", [(100_000, 100_000), (6_000, 5_000), (2**31 - 1, 2**31 - 1)]
)
def test_an_image_declaring_enormous_dimensions_is_refused_before_decoding(
    width, height
):
    assert width * height > MAX_IMAGE_PIXELS
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        check_image(_Upload(_png_header(width, height)))
    assert time.monotonic() - started < 1
    assert "pixels" in str(refused.value)


def test_an_ordinary_image_still_passes():
    from PIL import Image

    buffer = _Upload()
    Image.new("RGB", (1200, 900), "navy").save(buffer, format="PNG")
    data, extension = check_image(buffer)
    assert extension == "jpg"
    assert Image.open(io.BytesIO(data)).size == (800, 600)


def test_strings_only_keeps_texts_of_a_list():
    assert strings_only(["a", 1, {"b": 2}, "c"]) == ["a", "c"]
    assert strings_only({"a": 1}) == []
    assert strings_only(None) == []
