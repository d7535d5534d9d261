"""Link tokens: signed, purpose-salted, opaque, and verifiable through a key rotation."""

import base64

import pytest

from app.links.tokens import BadToken, LinkToken, make_token, new_nonce, read_token

KEYS = ["k" * 40]


def test_round_trip_and_kind():
    nonce = new_nonce()
    assert read_token(KEYS, make_token(KEYS, "invitation", nonce)) == LinkToken("invitation", nonce)
    assert read_token(KEYS, make_token(KEYS, "open", nonce)).kind == "open"


def test_payload_is_only_a_kind_letter_and_a_random_nonce():
    nonce = new_nonce()
    token = make_token(KEYS, "invitation", nonce)
    payload = token.rsplit(".", 1)[0]
    assert payload == "i" + nonce
    assert len(base64.urlsafe_b64decode(nonce + "==")) == 16  # 128 random bits, nothing else


def test_nonces_are_unique():
    assert len({new_nonce() for _ in range(1000)}) == 1000


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("xx" if not t.endswith("xx") else "yy"),
        lambda t: t.replace(".", "", 1),
        lambda t: "o" + t[1:],  # an invitation presented as an open link: other salt
        lambda t: t[:10],
        lambda t: "",
        lambda t: "i" + "A" * 500,
    ],
)
def test_tampered_tokens_are_refused(tamper):
    with pytest.raises(BadToken):
        read_token(KEYS, tamper(make_token(KEYS, "invitation", new_nonce())))


def test_rotation_old_links_verify_new_links_use_the_new_key():
    old, new = "o" * 40, "n" * 40
    nonce = new_nonce()
    issued_before = make_token([old], "open", nonce)
    assert read_token([old, new], issued_before).nonce == nonce
    issued_after = make_token([old, new], "open", nonce)
    assert issued_after != issued_before
    with pytest.raises(BadToken):
        read_token([old], issued_after)


def test_hash_is_namespaced_by_purpose():
    from app.links.tokens import hash_secret

    assert len({hash_secret("x", "draft"), hash_secret("x", "receipt"), hash_secret("x")}) == 3


def test_every_single_character_change_is_refused():
    token = make_token(KEYS, "invitation", new_nonce())
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for position in range(len(token)):
        for replacement in alphabet:
            if replacement == token[position]:
                continue
            changed = token[:position] + replacement + token[position + 1 :]
            with pytest.raises(BadToken):
                read_token(KEYS, changed)
