"""Security keys and passkeys: real P-256 signatures, origin binding, rp id scoping."""

from __future__ import annotations

import copy
import hashlib
import json
import random
from dataclasses import replace

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts.policy import value
from course.sim.core.clock import SimulatedClock
from course.sim.core.errors import Refusal
from course.sim.twofactor.webauthn import (
    FLAG_USER_PRESENT,
    AssertionResponse,
    Authenticator,
    Browser,
    RegistrationResponse,
    RelyingParty,
    RequestOptions,
    authenticator_data,
    client_data_json,
    origin_host,
    parse_authenticator_data,
    rp_id_allowed,
    rp_id_hash,
)
from tests.helpers import examples

REAL = "https://x.com"
FAKE = "https://x-com-login.example"
USER = b"user-0001"


def setup(seed=1, kind="security_key", rp_id="x.com", origin=REAL, **rp_options):
    rng = random.Random(seed)
    clock = SimulatedClock()
    rp = RelyingParty(rp_id, origin, rng, clock, **rp_options)
    key = Authenticator(rng, kind=kind)
    browser = Browser(key)
    registered = rp.finish_registration(USER, browser.register(
        origin, rp.registration_options(USER, "@sakura_demo")))
    assert registered.accepted, registered.problem
    return rp, key, browser, clock


def test_registration_then_login_with_a_real_signature():
    rp, _key, browser, _ = setup()
    options = rp.login_options(USER)
    assert options.rp_id == "x.com" and len(options.allow_credentials) == 1
    response = browser.sign_in(REAL, options)
    assert isinstance(response, AssertionResponse)
    # The signature is a genuine ECDSA P-256 signature over authData || SHA-256(clientData).
    public = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), rp.credentials(USER)[0].public_key)
    signed = response.authenticator_data + hashlib.sha256(response.client_data_json).digest()
    public.verify(response.signature, signed, ec.ECDSA(hashes.SHA256()))
    with pytest.raises(InvalidSignature):
        public.verify(response.signature, signed + b"!", ec.ECDSA(hashes.SHA256()))
    data = json.loads(response.client_data_json)
    assert data == {"type": "webauthn.get", "challenge": options.challenge, "origin": REAL,
                    "crossOrigin": False}
    parsed = parse_authenticator_data(response.authenticator_data)
    assert parsed.rp_id_hash == hashlib.sha256(b"x.com").digest() and parsed.sign_count == 1
    check = rp.finish_login(response)
    assert check.accepted and check.user_handle == USER


def test_keys_come_from_the_injected_source():
    first, _, _, _ = setup(seed=5)
    again, _, _, _ = setup(seed=5)
    other, _, _, _ = setup(seed=6)
    assert first.credentials()[0].public_key == again.credentials()[0].public_key
    assert first.credentials()[0].public_key != other.credentials()[0].public_key


def test_the_counter_rises_and_a_cloned_key_is_caught():
    rp, key, browser, _ = setup()
    clone = Browser(copy.deepcopy(key))
    assert rp.finish_login(browser.sign_in(REAL, rp.login_options(USER))).accepted
    assert rp.finish_login(browser.sign_in(REAL, rp.login_options(USER))).accepted
    assert rp.credentials(USER)[0].sign_count == 2
    # The clone still has counter 0, so its next signature says 1.
    cloned = rp.finish_login(clone.sign_in(REAL, rp.login_options(USER)))
    assert cloned.code == "twofactor_webauthn_counter_not_increased"


def test_a_replayed_assertion_is_refused_because_each_challenge_works_once():
    rp, _, browser, _ = setup()
    response = browser.sign_in(REAL, rp.login_options(USER))
    assert rp.finish_login(response).accepted
    assert rp.finish_login(response).code == "twofactor_webauthn_challenge_unknown"


def test_a_challenge_expires():
    rp, _, browser, clock = setup()
    response = browser.sign_in(REAL, rp.login_options(USER))
    clock.advance(value("twofactor.webauthn_challenge_lifetime_seconds") + 1)
    assert rp.finish_login(response).code == "twofactor_webauthn_challenge_expired"


def test_a_registration_response_cannot_be_used_to_log_in():
    rp, key, browser, _ = setup()
    options = rp.login_options(USER)
    credential_id = key.credential_ids()[0]
    wrong_type = client_data_json("webauthn.create", options.challenge, REAL)
    response = browser.sign_in(REAL, options)
    forged = replace(response, client_data_json=wrong_type, credential_id=credential_id)
    assert rp.finish_login(forged).code == "twofactor_webauthn_wrong_type"


def test_on_a_look_alike_origin_the_browser_will_not_ask_the_key_for_x_com():
    rp, _, browser, _ = setup()
    refused = browser.sign_in(FAKE, rp.login_options(USER))
    assert isinstance(refused, Refusal)
    assert refused.code == "twofactor_webauthn_rp_id_not_allowed"
    assert "x-com-login.example" in refused.text("message", "en")


def test_the_key_has_nothing_for_the_look_alikes_own_rp_id():
    rp, _, browser, _ = setup()
    options = rp.login_options(USER)
    own = RequestOptions("x-com-login.example", options.challenge, options.allow_credentials)
    refused = browser.sign_in(FAKE, own)
    assert isinstance(refused, Refusal) and refused.code == "twofactor_webauthn_no_credential"


def test_without_origin_binding_the_signature_names_the_fake_origin_and_x_com_refuses():
    rp, key, _, _ = setup()
    broken = Browser(key, checks_rp_id=False)
    relayed = broken.sign_in(FAKE, rp.login_options(USER))
    assert isinstance(relayed, AssertionResponse)  # the key signed for x.com ...
    assert json.loads(relayed.client_data_json)["origin"] == FAKE  # ... but on the fake page
    assert rp.finish_login(relayed).code == "twofactor_webauthn_origin_mismatch"
    options = rp.login_options(USER)
    signed = broken.sign_in(FAKE, options)
    rewritten = replace(signed, client_data_json=client_data_json(
        "webauthn.get", options.challenge, REAL))
    assert rp.finish_login(rewritten).code == "twofactor_webauthn_bad_signature"


def _sign_with_victims_key(key, rp_id_for_hash, flags, count, client_data):
    credential_id = key.credential_ids()[0]
    private_key = key._credentials[credential_id].private_key
    data = authenticator_data(rp_id_for_hash, flags, count)
    signature = private_key.sign(data + hashlib.sha256(client_data).digest(),
                                 ec.ECDSA(hashes.SHA256()))
    return AssertionResponse(credential_id, data, client_data, signature)


def test_a_signature_made_for_another_rp_id_is_refused_even_with_the_right_key():
    rp, key, _, _ = setup()
    options = rp.login_options(USER)
    response = _sign_with_victims_key(key, "x-com-login.example", FLAG_USER_PRESENT, 5,
                                      client_data_json("webauthn.get", options.challenge, REAL))
    assert rp.finish_login(response).code == "twofactor_webauthn_rp_id_mismatch"


def test_user_presence_and_verification_flags_are_checked():
    rp, key, _, _ = setup()
    options = rp.login_options(USER)
    absent = _sign_with_victims_key(key, "x.com", 0, 5,
                                    client_data_json("webauthn.get", options.challenge, REAL))
    assert rp.finish_login(absent).code == "twofactor_webauthn_user_not_present"
    strict = RelyingParty("x.com", REAL, random.Random(2), SimulatedClock(),
                          require_user_verification=True)
    strict.import_credentials(rp.credentials())
    touch_only = Browser(key).sign_in(REAL, strict.login_options(USER))
    assert strict.finish_login(touch_only).code == "twofactor_webauthn_user_not_verified"
    lax_rng = random.Random(4)
    refused = RelyingParty("x.com", REAL, lax_rng, SimulatedClock(),
                           require_user_verification=True)
    key_only = Browser(Authenticator(lax_rng)).register(
        REAL, refused.registration_options(USER, "@sakura_demo"))
    assert refused.finish_registration(USER, key_only).code == \
        "twofactor_webauthn_user_not_verified"


def test_a_passkey_logs_in_without_a_username_and_with_user_verification():
    rp, _, phone, _ = setup(kind="passkey", require_user_verification=True)
    options = rp.login_options()  # no allow list: the passkey is discoverable
    assert options.allow_credentials == ()
    check = rp.finish_login(phone.sign_in(REAL, options))
    assert check.accepted and check.user_handle == USER


def test_a_key_registered_for_twitter_com_does_not_work_on_x_com_until_re_enrolled():
    old_rp, _key, browser, _ = setup(rp_id="twitter.com", origin="https://twitter.com")
    clock = SimulatedClock()
    new_rp = RelyingParty(value("twofactor.security_key_rp_id"), REAL, random.Random(9), clock)
    new_rp.import_credentials(old_rp.credentials())  # the site kept its database
    assert value("twofactor.security_key_old_rp_id") == "twitter.com"
    refused = browser.sign_in(REAL, new_rp.login_options(USER))
    assert refused.code == "twofactor_webauthn_no_credential"  # scoped to twitter.com
    old_name = RequestOptions("twitter.com", new_rp.login_options(USER).challenge,
                              tuple(c.credential_id for c in new_rp.credentials()))
    assert browser.sign_in(REAL, old_name).code == "twofactor_webauthn_rp_id_not_allowed"
    assert new_rp.finish_registration(USER, browser.register(
        REAL, new_rp.registration_options(USER, "@sakura_demo"))).accepted
    assert new_rp.finish_login(browser.sign_in(REAL, new_rp.login_options(USER))).accepted


def test_registration_checks_the_self_attestation_signature_and_origin():
    rng = random.Random(3)
    rp = RelyingParty("x.com", REAL, rng, SimulatedClock())
    browser = Browser(Authenticator(rng))
    response = browser.register(REAL, rp.registration_options(USER, "@sakura_demo"))
    bad = replace(response, signature=response.signature[:-1] + bytes([response.signature[-1]
                                                                        ^ 1]))
    assert rp.finish_registration(USER, bad).code in ("twofactor_webauthn_bad_signature",
                                                      "twofactor_webauthn_malformed")
    lax = Browser(Authenticator(rng), checks_rp_id=False)
    fake = lax.register(FAKE, rp.registration_options(USER, "@sakura_demo"))
    assert rp.finish_registration(USER, fake).code == "twofactor_webauthn_origin_mismatch"
    assert rp.credentials() == ()


@pytest.mark.parametrize("origin, host", [
    ("https://x.com", "x.com"), ("https://mobile.x.com", "mobile.x.com"),
    ("https://x.com:8443", "x.com"), ("http://localhost:8888", "localhost"),
    ("http://x.com", None), ("ftp://x.com", None), ("https://", None), ("x.com", None),
    ("https://x.com:99999", None), ("https://x .com", None), (None, None), (42, None),
])
def test_origin_host_accepts_only_secure_origins(origin, host):
    assert origin_host(origin) == host


@pytest.mark.parametrize("origin, rp_id, allowed", [
    ("https://x.com", "x.com", True), ("https://mobile.x.com", "x.com", True),
    ("https://x-com-login.example", "x.com", False), ("https://x.com.evil.example", "x.com",
                                                       False),
    ("https://evilx.com", "x.com", False), ("https://x.com", "com", False),
    ("https://x.com", "mobile.x.com", False), ("https://x.com", "", False),
])
def test_rp_id_must_be_the_page_domain_or_a_parent_of_it(origin, rp_id, allowed):
    assert rp_id_allowed(origin, rp_id) is allowed


@settings(max_examples=examples(80), deadline=None)
@given(label=st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
       tld=st.sampled_from(["example", "test", "com", "jp", "net"]))
def test_property_no_page_outside_x_com_gets_an_x_com_assertion(label, tld):
    host = f"{label}.{tld}"
    rp, _, browser, _ = setup()
    result = browser.sign_in(f"https://{host}", rp.login_options(USER))
    if host == "x.com":
        assert isinstance(result, AssertionResponse)
    else:
        assert isinstance(result, Refusal)


@settings(max_examples=examples(60), deadline=None)
@given(part=st.sampled_from(["authenticator_data", "client_data_json", "signature"]),
       index=st.integers(0, 10_000), flip=st.integers(1, 255))
def test_property_changing_any_byte_of_a_signed_assertion_makes_it_fail(part, index, flip):
    rp, _, browser, _ = setup()
    response = browser.sign_in(REAL, rp.login_options(USER))
    raw = bytearray(getattr(response, part))
    raw[index % len(raw)] ^= flip
    assert not rp.finish_login(replace(response, **{part: bytes(raw)})).accepted


junk = st.one_of(st.binary(max_size=80), st.text(max_size=20), st.none(), st.integers())


@settings(max_examples=examples(80), deadline=None)
@given(credential_id=junk, data=junk, client=junk, signature=junk, whole=junk)
def test_property_the_site_never_raises_on_any_response(credential_id, data, client, signature,
                                                        whole):
    rp, key, _, _ = setup()
    known = key.credential_ids()[0]
    for response in (AssertionResponse(credential_id, data, client, signature),
                     AssertionResponse(known, data, client, signature),
                     AssertionResponse(known, data, json.dumps({"type": "webauthn.get",
                                       "challenge": rp.login_options(USER).challenge,
                                       "origin": REAL}).encode(), signature), whole):
        check = rp.finish_login(response)
        assert not check.accepted and check.problem.text("message", "ja")
    assert not rp.finish_registration(USER, RegistrationResponse(data, client, signature)).accepted
    assert not rp.finish_registration(whole, whole).accepted


@settings(max_examples=examples(40), deadline=None)
@given(origin=st.one_of(st.text(max_size=40), st.none(), st.integers()), options=junk)
def test_property_the_browser_never_raises_on_what_a_page_passes(origin, options):
    rp, _, browser, _ = setup()
    for given_options in (options, rp.login_options(USER)):
        result = browser.sign_in(origin, given_options)
        assert isinstance(result, (Refusal, AssertionResponse))
    assert isinstance(browser.register(origin, options), Refusal)


def test_rp_id_hash_is_sha256_of_the_name():
    assert rp_id_hash("x.com") == hashlib.sha256(b"x.com").digest()
