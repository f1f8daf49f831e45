"""SIM swap and real-time phishing relay, played against each two-factor method.

Each run builds a small world (a phone network, the simulated x.com, the
victim's phone, authenticator app, security key and browser) and lets the
attacker do what the attack allows:

* **SIM swap**: the carrier moves the victim's number to the attacker's SIM.
  The attacker then receives every text sent to it: it resets the password by
  SMS and answers the second factor with whatever it has.
* **Relay**: the victim uses a look-alike site (``attacks.phishing_origin``).
  The attacker forwards whatever the victim types there to the real site, a
  few seconds later (``relay_delay_seconds``); security-key requests are
  passed through the victim's own browser on the look-alike page.

Whether the account falls is whatever the real verifiers answer. Nothing in
this module says which method is phishing-resistant; the table comes out of
the runs. The explanation shown for each cell is chosen by the step that
decided it (``attacks.why.<attack>.<step>`` in the catalogs).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from course.facts.policy import value
from course.i18n import has_text, t
from course.sim.core.clock import Clock, SimulatedClock
from course.sim.core.codes import RandomSource, is_random_source, random_below
from course.sim.core.errors import Refusal
from course.sim.twofactor.login import LoginStep, SimulatedSite
from course.sim.twofactor.sms_codes import MobileNetwork
from course.sim.twofactor.totp import AuthenticatorApp
from course.sim.twofactor.webauthn import (
    AssertionResponse,
    Authenticator,
    Browser,
    RequestOptions,
    client_data_json,
    origin_host,
)

# "passkey": an account whose owner logs in with a passkey and has no second factor. A
# passkey is a way to log in, not a second factor (twofactor.method_passkey): the runs
# show what that leaves open.
METHODS = ("none", "sms", "totp", "security_key", "passkey", "backup_code")
ATTACKS = ("sim_swap", "relay")
VICTIM, ATTACKER, SITE, CARRIER, BROWSER = "victim", "attacker", "site", "carrier", "browser"
MAX_DELAY_SECONDS = 86400.0
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class AttackStep:
    """One thing that happened, in order; ``at`` is seconds since the attack began."""

    actor: str
    action: str
    ok: bool
    at: float
    problem: Refusal | None = None

    def text(self, lang: str | None = None) -> str:
        base = t(f"attacks.step.{self.action}", lang)
        if self.problem is None:
            return base
        return t("attacks.step_with_problem", lang, step=base,
                 problem=self.problem.text("message", lang))


@dataclass(frozen=True)
class AttackOutcome:
    """How one attack went against one method."""

    method: str
    attack: str
    account_taken: bool = False
    steps: tuple[AttackStep, ...] = ()
    problem: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def held(self) -> bool:
        """The method kept the attacker out."""
        return self.ok and not self.account_taken

    @property
    def decisive(self) -> str:
        """The step that settled the outcome (the last one)."""
        return self.steps[-1].action if self.steps else ""

    def reason(self, lang: str | None = None) -> str:
        """Why the account fell or held, from the step that decided it."""
        if self.problem:
            return self.problem.text("message", lang)
        key = f"attacks.why.{self.attack}.{self.decisive}"
        if not has_text(key, lang):
            key = f"attacks.why.generic.{'taken' if self.account_taken else 'held'}"
        return t(key, lang)


@dataclass
class _World:
    """Everything one attack run needs; built fresh for every run."""

    method: str
    rng: RandomSource
    clock: Clock
    phone_on_file: bool
    checks_rp_id: bool
    backup_code_iterations: int | None
    steps: list[AttackStep] = field(default_factory=list)
    taken: bool = False

    def __post_init__(self) -> None:
        self.start = self.clock.now()
        self.handle = str(value("attacks.victim_handle"))
        self.number = str(value("attacks.victim_phone_number"))
        self.network = MobileNetwork()
        self.network.activate(self.number, VICTIM)
        self.password = self.random_text(PASSWORD_ALPHABET, 16)
        self.site = SimulatedSite(self.rng, self.clock, self.network, handle=self.handle,
                                  password=self.password,
                                  phone_number=self.number if self.phone_on_file else None)
        self.app = AuthenticatorApp(self.clock)
        self.key = Authenticator(self.rng, kind="security_key")
        self.browser = Browser(self.key, checks_rp_id=self.checks_rp_id)
        self.paper: tuple[str, ...] = ()  # backup codes the victim wrote down
        if self.method == "sms":
            self.site.enable_sms()
        elif self.method in ("totp", "backup_code"):
            self.site.enable_totp(self.app)
            if self.method == "backup_code":
                self.paper = self.site.issue_backup_codes(
                    iterations=self.backup_code_iterations).reveal()
        elif self.method == "security_key":
            self.site.enable_security_key(self.browser)
        elif self.method == "passkey":
            self.phone_key = Authenticator(self.rng, kind="passkey")
            self.site.enable_passkey(Browser(self.phone_key, checks_rp_id=self.checks_rp_id))

    def random_text(self, alphabet: str, length: int) -> str:
        return "".join(alphabet[random_below(self.rng, len(alphabet))] for _ in range(length))

    def log(self, actor: str, action: str, ok: bool, problem: Refusal | None = None) -> None:
        self.steps.append(AttackStep(actor, action, ok, self.clock.now() - self.start, problem))

    def attacker_sees(self, step: LoginStep) -> bool:
        """Record whether a reply to the attacker means it is logged in."""
        self.taken = self.taken or step.logged_in
        return step.logged_in

    def outcome(self, attack: str) -> AttackOutcome:
        return AttackOutcome(self.method, attack, self.taken, tuple(self.steps))


# --- SIM swap ----------------------------------------------------------------------------

def _sim_swap(w: _World) -> None:
    w.network.sim_swap(w.number, ATTACKER)
    w.log(CARRIER, "number_moved_to_attacker", True)
    if not w.site.request_password_reset(w.handle):
        w.log(ATTACKER, "no_number_on_account", False)
        return
    reset = w.network.latest(ATTACKER, "password_reset")
    w.log(ATTACKER, "reset_code_received", reset is not None)
    new_password = w.random_text(PASSWORD_ALPHABET, 16)
    check = w.site.reset_password(reset.code if reset else "", new_password)
    w.log(ATTACKER, "password_reset", check.accepted, check.problem)
    if not check.accepted:
        return
    step = w.site.start_login(w.handle, new_password)
    if w.attacker_sees(step):
        w.log(ATTACKER, "logged_in_with_password_beside_passkey" if w.site.passkey
              else "logged_in_without_second_factor", True)
        return
    w.log(SITE, "asked_for_second_factor", True)
    if step.factor == "security_key":
        _sim_swap_key(w, step)
        return
    if w.method == "backup_code":
        # No backup code came with the SIM; the attacker can only guess one.
        guess = w.random_text(str(value("twofactor.backup_code_alphabet")),
                              int(value("twofactor.backup_code_length")))
        reply = w.site.submit_code("backup_code", guess)
        w.log(ATTACKER, "backup_code_accepted" if w.attacker_sees(reply)
              else "backup_code_rejected", reply.logged_in, reply.problem)
        return
    latest = w.network.latest(ATTACKER, "login") or w.network.latest(ATTACKER)
    if step.factor == "sms":
        w.log(ATTACKER, "login_code_received", latest is not None and latest.purpose == "login")
    # The attacker types the newest code it has: the login text, or failing
    # that the reset code, into whatever the site asks for.
    reply = w.site.submit_code(step.factor, latest.code if latest else "000000")
    action = f"{step.factor}_code_{'accepted' if w.attacker_sees(reply) else 'rejected'}"
    w.log(ATTACKER, action, reply.logged_in, reply.problem)


def _sim_swap_key(w: _World, step: LoginStep) -> None:
    own_browser = Browser(Authenticator(w.rng))  # the attacker's own key: nothing for this account
    response = own_browser.sign_in(w.site.origin, step.webauthn_options)
    if isinstance(response, Refusal):
        w.log(ATTACKER, "attacker_key_refused", False, response)
        return
    reply = w.site.submit_assertion(response)
    w.log(ATTACKER, "attacker_assertion_accepted" if w.attacker_sees(reply)
          else "attacker_assertion_rejected", reply.logged_in, reply.problem)


# --- real-time phishing relay ------------------------------------------------------------

def _relay(w: _World, delay: float) -> None:
    # A fake page cannot use a passkey (it is bound to x.com), so it asks for the password.
    w.log(VICTIM, "typed_password_instead_of_passkey" if w.site.passkey
          else "typed_password_on_fake_site", True)
    w.clock.advance(delay)
    step = w.site.start_login(w.handle, w.password)
    if w.attacker_sees(step):
        w.log(ATTACKER, "password_relayed_passkey_unused" if w.site.passkey
              else "password_relayed_logged_in", True)
        return
    w.log(ATTACKER, "password_relayed", True)
    if step.factor == "security_key":
        _relay_key(w, step, delay)
        return
    if w.method == "backup_code":
        factor, typed = "backup_code", (w.paper[0] if w.paper else "")
        w.log(VICTIM, "typed_backup_code_on_fake_site", bool(typed))
    elif step.factor == "sms":
        message = w.network.latest(VICTIM, "login")
        factor, typed = "sms", (message.code if message else "")
        w.log(VICTIM, "typed_sms_code_on_fake_site", message is not None)
    else:
        factor, typed = "totp", (w.app.code("@" + w.handle.lstrip("@")) or "")
        w.log(VICTIM, "typed_app_code_on_fake_site", bool(typed))
    w.clock.advance(delay)
    reply = w.site.submit_code(factor, typed)
    w.log(ATTACKER, "relayed_code_accepted" if w.attacker_sees(reply)
          else "relayed_code_rejected", reply.logged_in, reply.problem)


def _relay_key(w: _World, step: LoginStep, delay: float) -> None:
    fake = str(value("attacks.phishing_origin"))
    options = step.webauthn_options
    assert options is not None
    # 1. The fake page asks the victim's key for a credential under its own name.
    own = RequestOptions(origin_host(fake) or "", options.challenge, options.allow_credentials)
    first = w.browser.sign_in(fake, own)
    if isinstance(first, Refusal):
        w.log(BROWSER, "key_has_no_credential_for_fake_site", False, first)
    else:
        reply = w.site.submit_assertion(first)
        w.log(ATTACKER, "relayed_assertion_accepted" if w.attacker_sees(reply)
              else "site_rejected_assertion", reply.logged_in, reply.problem)
        if reply.logged_in:
            return
    # 2. It passes on x.com's own request unchanged.
    second = w.browser.sign_in(fake, w.site.fresh_key_options())
    if isinstance(second, Refusal):
        w.log(BROWSER, "browser_refused_rp_id", False, second)
        return
    # Only a client without origin binding gets here: the assertion names the fake origin.
    w.clock.advance(delay)
    reply = w.site.submit_assertion(second)
    w.log(ATTACKER, "relayed_assertion_accepted" if w.attacker_sees(reply)
          else "site_rejected_assertion", reply.logged_in, reply.problem)
    if reply.logged_in:
        return
    # 3. It rewrites the origin in clientDataJSON to the real one, keeping the signature.
    fresh = w.site.fresh_key_options()
    third = w.browser.sign_in(fake, fresh)
    if isinstance(third, Refusal) or fresh is None:
        w.log(BROWSER, "browser_refused_rp_id", False,
              third if isinstance(third, Refusal) else None)
        return
    forged: AssertionResponse = replace(third, client_data_json=client_data_json(
        "webauthn.get", fresh.challenge, w.site.origin))
    w.clock.advance(delay)
    reply = w.site.submit_assertion(forged)
    w.log(ATTACKER, "rewritten_assertion_accepted" if w.attacker_sees(reply)
          else "site_rejected_rewritten_origin", reply.logged_in, reply.problem)


# --- entry points ------------------------------------------------------------------------

def _delay(relay_delay_seconds: object) -> float | None:
    if relay_delay_seconds is None:
        return float(value("attacks.relay_delay_seconds"))
    if isinstance(relay_delay_seconds, bool) or not isinstance(relay_delay_seconds, (int, float)):
        return None
    delay = float(relay_delay_seconds)
    return delay if 0 <= delay <= MAX_DELAY_SECONDS else None  # also rejects nan


def run_attack(method: object, attack: object, *, rng: object = None, clock: object = None,
               relay_delay_seconds: object = None, phone_on_file: object = True,
               victim_browser_checks_rp_id: object = True,
               backup_code_iterations: int | None = None) -> AttackOutcome:
    """Play one attack against one method. Never raises; bad input gives a problem.

    ``rng`` and ``clock`` default to ``random.Random(0)`` and a fresh
    ``SimulatedClock``. ``victim_browser_checks_rp_id=False`` imitates a broken
    browser, to show that the site's own checks still stop the relay.
    """
    name = method if isinstance(method, str) and method in METHODS else "?"
    kind = attack if isinstance(attack, str) and attack in ATTACKS else "?"
    if name == "?":
        return AttackOutcome(name, kind, problem=Refusal("twofactor_attack_unknown_method"))
    if kind == "?":
        return AttackOutcome(name, kind, problem=Refusal("twofactor_attack_unknown_attack"))
    delay = _delay(relay_delay_seconds)
    if delay is None:
        return AttackOutcome(name, kind, problem=Refusal(
            "twofactor_attack_delay", {"high": int(MAX_DELAY_SECONDS)}))
    if not isinstance(phone_on_file, bool) or not isinstance(victim_browser_checks_rp_id, bool):
        return AttackOutcome(name, kind, problem=Refusal("twofactor_bad_argument",
                                                         {"name": "flags"}))
    if name == "sms" and not phone_on_file:
        return AttackOutcome(name, kind, problem=Refusal("twofactor_sms_needs_number"))
    if rng is None:
        rng = random.Random(0)
    if clock is None:
        clock = SimulatedClock()
    if not is_random_source(rng) or not isinstance(clock, SimulatedClock):
        return AttackOutcome(name, kind, problem=Refusal("twofactor_bad_argument",
                                                         {"name": "rng/clock"}))
    world = _World(name, rng, clock, phone_on_file, victim_browser_checks_rp_id,  # type: ignore[arg-type]
                   backup_code_iterations)
    if kind == "sim_swap":
        _sim_swap(world)
    else:
        _relay(world, delay)
    return world.outcome(kind)


@dataclass(frozen=True)
class AttackMatrix:
    """Every method against every attack, from actual runs."""

    outcomes: tuple[AttackOutcome, ...]
    problem: Refusal | None = None

    def outcome(self, method: str, attack: str) -> AttackOutcome | None:
        return next((o for o in self.outcomes if o.method == method and o.attack == attack),
                    None)

    def holds(self, method: str) -> bool:
        """True when the method kept the attacker out in every attack."""
        mine = [o for o in self.outcomes if o.method == method]
        return bool(mine) and all(o.held for o in mine)

    def rows(self, lang: str | None = None) -> list[dict[str, object]]:
        """One row per method: label, and for each attack held/taken with the reason."""
        rows = []
        for method in METHODS:
            row: dict[str, object] = {"method": method,
                                      "label": t(f"attacks.method.{method}", lang)}
            for attack in ATTACKS:
                outcome = self.outcome(method, attack)
                if outcome is not None:
                    row[attack] = outcome.held
                    row[f"{attack}_reason"] = outcome.reason(lang)
            rows.append(row)
        return rows


def attack_matrix(seed: object = 0, relay_delay_seconds: object = None) -> AttackMatrix:
    """Run both attacks against every method, each in its own seeded world."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        return AttackMatrix((), Refusal("twofactor_bad_argument", {"name": "seed"}))
    if _delay(relay_delay_seconds) is None:
        return AttackMatrix((), Refusal("twofactor_attack_delay",
                                        {"high": int(MAX_DELAY_SECONDS)}))
    outcomes = tuple(
        run_attack(method, attack, rng=random.Random(f"{seed}/{method}/{attack}"),
                   relay_delay_seconds=relay_delay_seconds)
        for method in METHODS for attack in ATTACKS)
    return AttackMatrix(outcomes)
