"""Security keys and passkeys, WebAuthn-style, with real ECDSA P-256 signatures.

Three parties, as in the real protocol:

* ``Authenticator`` (the key or the phone) holds one private key per
  credential, each scoped to a relying-party id such as ``x.com``. It signs
  ``authenticatorData`` (SHA-256 of the rp id, flags, a counter) followed by
  the SHA-256 of ``clientDataJSON``.
* ``Browser`` writes ``clientDataJSON`` itself, with the origin of the page it
  is showing, and refuses an rp id that the page's origin does not belong to.
  The page cannot choose what the browser writes.
* ``RelyingParty`` (the site) issues one-time challenges and verifies type,
  challenge, origin, rp id hash, flags, signature and counter.

Phishing resistance is not a rule anywhere in this module: a look-alike page
has another origin, so the browser will not ask the key for the real site's
credential, the key has no credential for the look-alike's rp id, and anything
signed on the look-alike page names that page's origin, which the real site
refuses; changing the origin afterwards breaks the signature.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from course.facts.policy import value
from course.sim.core.clock import Clock
from course.sim.core.codes import RandomSource, random_below, random_bytes
from course.sim.core.errors import Refusal

FLAG_USER_PRESENT = 0x01
FLAG_USER_VERIFIED = 0x04
FLAG_ATTESTED_DATA = 0x40
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
PUBLIC_KEY_BYTES = 65  # uncompressed P-256 point (real WebAuthn wraps it in COSE)
AAGUID = bytes(16)
MAX_FIELD_BYTES = 4096
# A few public suffixes, enough for the simulator: an rp id may never be one.
PUBLIC_SUFFIXES = frozenset({"com", "org", "net", "jp", "co.jp", "ne.jp", "or.jp", "example",
                             "test", "invalid", "localhost"})
KINDS = ("security_key", "passkey")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def rp_id_hash(rp_id: str) -> bytes:
    return hashlib.sha256(rp_id.encode("utf-8")).digest()


def client_data_json(kind: str, challenge: str, origin: str) -> bytes:
    """What the browser signs over (via its hash): type, challenge, origin."""
    return json.dumps({"type": kind, "challenge": challenge, "origin": origin,
                       "crossOrigin": False}, separators=(",", ":")).encode("utf-8")


def authenticator_data(rp_id: str, flags: int, sign_count: int, attested: bytes = b"") -> bytes:
    return rp_id_hash(rp_id) + bytes([flags]) + sign_count.to_bytes(4, "big") + attested


@dataclass(frozen=True)
class ParsedAuthData:
    rp_id_hash: bytes
    flags: int
    sign_count: int
    credential_id: bytes | None = None
    public_key: bytes | None = None


def parse_authenticator_data(data: bytes) -> ParsedAuthData | None:
    """Split authenticatorData; None when it is too short or inconsistent."""
    if len(data) < 37:
        return None
    flags = data[32]
    count = int.from_bytes(data[33:37], "big")
    if not flags & FLAG_ATTESTED_DATA:
        return ParsedAuthData(data[:32], flags, count) if len(data) == 37 else None
    rest = data[37:]
    if len(rest) < 18:
        return None
    length = int.from_bytes(rest[16:18], "big")
    credential_id, public_key = rest[18:18 + length], rest[18 + length:]
    if len(credential_id) != length or len(public_key) != PUBLIC_KEY_BYTES:
        return None
    return ParsedAuthData(data[:32], flags, count, credential_id, public_key)


def load_public_key(data: bytes) -> ec.EllipticCurvePublicKey | None:
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), data)
    except (ValueError, TypeError):
        return None


def signature_valid(public_key: bytes, signature: bytes, signed: bytes) -> bool:
    key = load_public_key(public_key)
    if key is None:
        return False
    try:
        key.verify(signature, signed, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# --- what travels between the parties ---------------------------------------

@dataclass(frozen=True)
class CreationOptions:
    """``navigator.credentials.create`` options, as the site sends them."""

    rp_id: str
    challenge: str
    user_handle: bytes
    user_name: str


@dataclass(frozen=True)
class RequestOptions:
    """``navigator.credentials.get`` options, as the site sends them."""

    rp_id: str
    challenge: str
    allow_credentials: tuple[bytes, ...] = ()
    user_verification: bool = False


@dataclass(frozen=True)
class RegistrationResponse:
    authenticator_data: bytes
    client_data_json: bytes
    signature: bytes


@dataclass(frozen=True)
class AssertionResponse:
    credential_id: bytes
    authenticator_data: bytes
    client_data_json: bytes
    signature: bytes
    user_handle: bytes = b""


# --- the authenticator ---------------------------------------------------------

@dataclass
class _Credential:
    rp_id: str
    private_key: ec.EllipticCurvePrivateKey = field(repr=False)
    user_handle: bytes
    sign_count: int = 0


class Authenticator:
    """A security key or a phone holding passkeys.

    Keys are derived from the injected random source, so a test gets the same
    keys every run (signatures still use fresh randomness; their validity does
    not depend on it).
    """

    def __init__(self, rng: RandomSource, *, kind: str = "security_key") -> None:
        self.rng = rng
        self.kind = kind if kind in KINDS else "security_key"
        self._credentials: dict[bytes, _Credential] = {}

    def _flags(self) -> int:
        # A passkey unlocks with the phone's biometrics or PIN: user verified.
        return FLAG_USER_PRESENT | (FLAG_USER_VERIFIED if self.kind == "passkey" else 0)

    def credential_ids(self, rp_id: str | None = None) -> tuple[bytes, ...]:
        return tuple(cid for cid, c in self._credentials.items()
                     if rp_id is None or c.rp_id == rp_id)

    def make_credential(self, rp_id: str, client_data_hash: bytes,
                        user_handle: bytes) -> RegistrationResponse:
        """Create a key pair scoped to ``rp_id``; self-attest with the new key."""
        secret = 1 + random_below(self.rng, P256_ORDER - 1)
        private_key = ec.derive_private_key(secret, ec.SECP256R1())
        credential_id = random_bytes(self.rng, 16)
        self._credentials[credential_id] = _Credential(rp_id, private_key, user_handle)
        public = private_key.public_key().public_bytes(Encoding.X962,
                                                       PublicFormat.UncompressedPoint)
        attested = AAGUID + len(credential_id).to_bytes(2, "big") + credential_id + public
        data = authenticator_data(rp_id, self._flags() | FLAG_ATTESTED_DATA, 0, attested)
        signature = private_key.sign(data + client_data_hash, ec.ECDSA(hashes.SHA256()))
        return RegistrationResponse(data, b"", signature)

    def get_assertion(self, rp_id: str, client_data_hash: bytes,
                      allow_credentials: tuple[bytes, ...] = ()
                      ) -> tuple[bytes, bytes, bytes, bytes] | Refusal:
        """Sign for ``rp_id`` with a credential scoped to it, or refuse.

        Returns (credential id, authenticatorData, signature, user handle).
        """
        candidates = [cid for cid in (allow_credentials or self.credential_ids(rp_id))
                      if cid in self._credentials and self._credentials[cid].rp_id == rp_id]
        if not candidates:
            return Refusal("twofactor_webauthn_no_credential", {"rp_id": rp_id})
        credential_id = candidates[0]
        credential = self._credentials[credential_id]
        credential.sign_count += 1
        data = authenticator_data(rp_id, self._flags(), credential.sign_count)
        signature = credential.private_key.sign(data + client_data_hash,
                                                ec.ECDSA(hashes.SHA256()))
        return credential_id, data, signature, credential.user_handle


# --- the browser ----------------------------------------------------------------

def origin_host(origin: object) -> str | None:
    """The host of a secure origin (https, or http on localhost), else None."""
    if not isinstance(origin, str) or len(origin) > 2048:
        return None
    try:
        parts = urlsplit(origin)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if not host or any(c.isspace() for c in origin):
        return None
    if parts.scheme == "https" or (parts.scheme == "http" and host == "localhost"):
        return host
    return None


def rp_id_allowed(origin: str, rp_id: object) -> bool:
    """WebAuthn's origin binding: the rp id is the page's host or a parent domain of it."""
    host = origin_host(origin)
    if host is None or not isinstance(rp_id, str) or not rp_id or rp_id in PUBLIC_SUFFIXES:
        return False
    rp_id = rp_id.lower()
    return host == rp_id or host.endswith("." + rp_id)


class Browser:
    """The learner's browser. It, not the page, writes the origin into clientDataJSON.

    ``checks_rp_id=False`` imitates a broken client that skips origin binding;
    it exists to show that the site's signature and origin checks still hold.
    """

    def __init__(self, authenticator: Authenticator, *, checks_rp_id: bool = True) -> None:
        self.authenticator = authenticator
        self.checks_rp_id = checks_rp_id

    def _check(self, origin: object, rp_id: str) -> Refusal | None:
        if origin_host(origin) is None:
            return Refusal("twofactor_webauthn_insecure_origin")
        if self.checks_rp_id and not rp_id_allowed(str(origin), rp_id):
            return Refusal("twofactor_webauthn_rp_id_not_allowed",
                           {"rp_id": rp_id[:64], "origin": str(origin)[:128]})
        return None

    def register(self, origin: object, options: object) -> RegistrationResponse | Refusal:
        """``navigator.credentials.create`` on a page at ``origin``."""
        if not (isinstance(options, CreationOptions) and isinstance(options.rp_id, str)
                and isinstance(options.challenge, str) and _bytes_ok(options.user_handle)):
            return Refusal("twofactor_webauthn_malformed")
        refused = self._check(origin, options.rp_id)
        if refused:
            return refused
        client_data = client_data_json("webauthn.create", options.challenge, str(origin))
        made = self.authenticator.make_credential(
            options.rp_id, hashlib.sha256(client_data).digest(), options.user_handle)
        return RegistrationResponse(made.authenticator_data, client_data, made.signature)

    def sign_in(self, origin: object, options: object) -> AssertionResponse | Refusal:
        """``navigator.credentials.get`` on a page at ``origin``."""
        if not (isinstance(options, RequestOptions) and isinstance(options.rp_id, str)
                and isinstance(options.challenge, str)
                and isinstance(options.allow_credentials, tuple)
                and _bytes_ok(*options.allow_credentials)):
            return Refusal("twofactor_webauthn_malformed")
        refused = self._check(origin, options.rp_id)
        if refused:
            return refused
        client_data = client_data_json("webauthn.get", options.challenge, str(origin))
        signed = self.authenticator.get_assertion(options.rp_id,
                                                  hashlib.sha256(client_data).digest(),
                                                  options.allow_credentials)
        if isinstance(signed, Refusal):
            return signed
        credential_id, data, signature, user_handle = signed
        return AssertionResponse(credential_id, data, client_data, signature, user_handle)


# --- the relying party (the site) ---------------------------------------------------

@dataclass(frozen=True)
class StoredCredential:
    credential_id: bytes
    public_key: bytes
    user_handle: bytes
    sign_count: int = 0


@dataclass(frozen=True)
class WebAuthnCheck:
    """The site's verdict on a registration or an assertion."""

    accepted: bool
    problem: Refusal | None = None
    credential_id: bytes | None = None
    user_handle: bytes | None = None

    @property
    def code(self) -> str | None:
        return self.problem.code if self.problem else None


def _signed_bytes(response: RegistrationResponse | AssertionResponse) -> bytes:
    """What the authenticator signed: its data, then the SHA-256 of the client data."""
    return response.authenticator_data + hashlib.sha256(response.client_data_json).digest()


def _refuse(code: str, **params: object) -> WebAuthnCheck:
    return WebAuthnCheck(False, Refusal(f"twofactor_webauthn_{code}", dict(params)))


def _bytes_ok(*values: object) -> bool:
    return all(isinstance(v, bytes) and len(v) <= MAX_FIELD_BYTES for v in values)


class RelyingParty:
    """The site: one rp id, one origin, its challenges and its stored public keys."""

    def __init__(self, rp_id: str, origin: str, rng: RandomSource, clock: Clock, *,
                 require_user_verification: bool = False,
                 challenge_lifetime_seconds: float | None = None) -> None:
        self.rp_id = rp_id
        self.origin = origin
        self.rng = rng
        self.clock = clock
        self.require_user_verification = require_user_verification
        self.challenge_lifetime = (float(value("twofactor.webauthn_challenge_lifetime_seconds"))
                                   if challenge_lifetime_seconds is None
                                   else challenge_lifetime_seconds)
        self._pending: dict[str, tuple[str, float]] = {}  # challenge -> (type, expires at)
        self._credentials: dict[bytes, StoredCredential] = {}

    # challenges
    def _challenge(self, kind: str) -> str:
        challenge = b64url(random_bytes(self.rng, 32))
        self._pending[challenge] = (kind, self.clock.now() + self.challenge_lifetime)
        return challenge

    def _take_challenge(self, challenge: str, kind: str) -> WebAuthnCheck | None:
        pending = self._pending.pop(challenge, None)  # one attempt per challenge
        if pending is None or pending[0] != kind:
            return _refuse("challenge_unknown")
        if self.clock.now() > pending[1]:
            return _refuse("challenge_expired")
        return None

    # stored keys
    def credentials(self, user_handle: bytes | None = None) -> tuple[StoredCredential, ...]:
        return tuple(c for c in self._credentials.values()
                     if user_handle is None or c.user_handle == user_handle)

    def import_credentials(self, stored: tuple[StoredCredential, ...]) -> None:
        """Take over credentials from another deployment (e.g. a domain move)."""
        for credential in stored:
            self._credentials[credential.credential_id] = credential

    # ceremonies
    def registration_options(self, user_handle: bytes, user_name: str) -> CreationOptions:
        return CreationOptions(self.rp_id, self._challenge("webauthn.create"), user_handle,
                               user_name)

    def login_options(self, user_handle: bytes | None = None) -> RequestOptions:
        allow = tuple(c.credential_id for c in self.credentials(user_handle)) if user_handle \
            else ()
        return RequestOptions(self.rp_id, self._challenge("webauthn.get"), allow,
                              self.require_user_verification)

    def _client_data(self, raw: bytes, kind: str) -> WebAuthnCheck | None:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _refuse("malformed")
        if not isinstance(data, dict) or not all(
                isinstance(data.get(k), str) for k in ("type", "challenge", "origin")):
            return _refuse("malformed")
        if data["type"] != kind:
            return _refuse("wrong_type")
        taken = self._take_challenge(data["challenge"], kind)
        if taken:
            return taken
        if data["origin"] != self.origin:
            return _refuse("origin_mismatch", origin=data["origin"][:128], expected=self.origin)
        return None

    def _auth_data(self, parsed: ParsedAuthData | None) -> WebAuthnCheck | None:
        if parsed is None:
            return _refuse("malformed")
        if parsed.rp_id_hash != rp_id_hash(self.rp_id):
            return _refuse("rp_id_mismatch", rp_id=self.rp_id)
        if not parsed.flags & FLAG_USER_PRESENT:
            return _refuse("user_not_present")
        if self.require_user_verification and not parsed.flags & FLAG_USER_VERIFIED:
            return _refuse("user_not_verified")
        return None

    def _checked_data(self, response: RegistrationResponse | AssertionResponse, ceremony: str
                      ) -> ParsedAuthData | WebAuthnCheck:
        """The parsed authenticator data once client data, rp id and flags pass, else the refusal.

        Both ceremonies check these in the same order before they look at a signature.
        """
        refused = self._client_data(response.client_data_json, ceremony)
        if refused:
            return refused
        parsed = parse_authenticator_data(response.authenticator_data)
        refused = self._auth_data(parsed)
        if refused:
            return refused
        assert parsed is not None  # _auth_data refuses None
        return parsed

    def finish_registration(self, user_handle: object, response: object) -> WebAuthnCheck:
        """Verify a new credential and store its public key. Never raises."""
        if not isinstance(response, RegistrationResponse) or not _bytes_ok(
                user_handle, response.authenticator_data, response.client_data_json,
                response.signature):
            return _refuse("malformed")
        parsed = self._checked_data(response, "webauthn.create")
        if isinstance(parsed, WebAuthnCheck):
            return parsed
        if parsed.credential_id is None or parsed.public_key is None:
            return _refuse("malformed")
        if not signature_valid(parsed.public_key, response.signature, _signed_bytes(response)):
            return _refuse("bad_signature")
        if parsed.credential_id in self._credentials:
            return _refuse("malformed")
        self._credentials[parsed.credential_id] = StoredCredential(
            parsed.credential_id, parsed.public_key, user_handle, parsed.sign_count)  # type: ignore[arg-type]
        return WebAuthnCheck(True, credential_id=parsed.credential_id,
                             user_handle=user_handle)  # type: ignore[arg-type]

    def finish_login(self, response: object) -> WebAuthnCheck:
        """Verify an assertion: type, challenge, origin, rp id, flags, signature, counter."""
        if not isinstance(response, AssertionResponse) or not _bytes_ok(
                response.credential_id, response.authenticator_data,
                response.client_data_json, response.signature):
            return _refuse("malformed")
        stored = self._credentials.get(response.credential_id)
        if stored is None:
            return _refuse("unknown_credential")
        parsed = self._checked_data(response, "webauthn.get")
        if isinstance(parsed, WebAuthnCheck):
            return parsed
        if not signature_valid(stored.public_key, response.signature, _signed_bytes(response)):
            return _refuse("bad_signature")
        if (parsed.sign_count or stored.sign_count) and parsed.sign_count <= stored.sign_count:
            return _refuse("counter_not_increased")
        self._credentials[stored.credential_id] = StoredCredential(
            stored.credential_id, stored.public_key, stored.user_handle, parsed.sign_count)
        return WebAuthnCheck(True, credential_id=stored.credential_id,
                             user_handle=stored.user_handle)

