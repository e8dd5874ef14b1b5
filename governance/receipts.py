"""Receipt codes of secret ballots, and the two unrelated hashes made from them.

A voter gets a random code when they first vote. The database never stores it:

- the ballot is published under ``H("ballot", motion, code)``;
- the voter roll keeps ``H("roll", roll id, code)``, to recognise the voter's
  own code when they come back to change their ballot.

Nothing in the database derives one hash from the other; with 80 random bits
in the code, trying every code to join roll and ballots is out of reach. So
after the close, the voter (and only the voter) can find their ballot in the
published list, and nobody (staff with the database included) can tell
which ballot a given voter cast.
"""

import base64
import hashlib
import secrets


def receipt_code_new() -> str:
    """80 random bits, as 16 base32 letters in groups of four: XXXX-XXXX-XXXX-XXXX."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def receipt_normalise(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def ballot_hash(*, motion_id, code: str) -> str:
    """The ballot's public name in the anonymous list: H("ballot", motion, code)."""
    data = f"ballot:{motion_id}:{receipt_normalise(code)}".encode()
    return hashlib.sha256(data).hexdigest()


def roll_check(*, roll_id, code: str) -> str:
    """What the roll keeps: H("roll", roll id, code), a different hash of the same code."""
    data = f"roll:{roll_id}:{receipt_normalise(code)}".encode()
    return hashlib.sha256(data).hexdigest()
