"""X's two-factor settings: which methods exist, who may use SMS on a given day,
and what happens to the phone number when SMS is switched off.

Every rule reads its dates and facts from ``data/policies/twofactor.yaml``
(with sources), so the notebook can show where each one comes from:

* SMS became a subscriber-only method: no new non-subscriber enrolments from
  2023-02-15, and non-subscriber SMS 2FA turned off from 2023-03-20.
* Turning SMS 2FA off leaves the phone number on the account.
* Email is not a two-factor method on X; it carries login-check and recovery codes.
* Security keys and passkeys tied to twitter.com had to be re-enrolled for x.com
  by 2025-11-10 (``course.sim.twofactor.webauthn`` shows why a key cannot simply move).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from course.facts.policy import Policy, policy, value
from course.i18n import t
from course.sim.core.errors import Refusal

TWO_FACTOR_METHODS = ("sms", "totp", "security_key")
OTHER_CHANNELS = ("email", "passkey")
SMS_POLICIES = ("twofactor.sms_enrolment_subscribers_only_from",
                "twofactor.sms_use_subscribers_only_from",
                "twofactor.sms_availability_varies")


def parse_day(on_date: object) -> date | None:
    """A calendar day from a date, a datetime or an ISO text like "2023-03-20"."""
    if isinstance(on_date, datetime):
        return on_date.date()
    if isinstance(on_date, date):
        return on_date
    if isinstance(on_date, str) and len(on_date) <= 32:
        try:
            return date.fromisoformat(on_date.strip())
        except ValueError:
            return None
    return None


def _policy_day(key: str) -> date:
    return date.fromisoformat(str(value(key)))


def method_facts(method: str) -> Policy | None:
    """The policy entry describing a method or channel (``method_sms`` ...)."""
    try:
        return policy(f"twofactor.method_{method}")
    except KeyError:
        return None


def is_two_factor_method(method: object) -> bool:
    """True for X's two-factor methods; False for email, passkey login or anything else."""
    facts = method_facts(method) if isinstance(method, str) else None
    return bool(facts and isinstance(facts.value, dict) and facts.value.get("two_factor"))


class _Explained:
    """A result that carries either a problem or the key of its explanation.

    One place for ``ok`` and ``text`` so every two-factor result reads the
    same way in a widget.
    """

    problem: Refusal | None

    def _message_key(self) -> str:
        raise NotImplementedError

    @property
    def ok(self) -> bool:
        return self.problem is None

    def text(self, lang: str | None = None) -> str:
        """The explanation, or the problem's message."""
        if self.problem:
            return self.problem.text("message", lang)
        return t(self._message_key(), lang)


@dataclass(frozen=True)
class SmsRule(_Explained):
    """Whether an account may turn SMS 2FA on, and keep it, on one day."""

    can_enrol: bool
    can_keep_using: bool
    reason: str  # open_to_all | subscriber | grace_period | subscribers_only | "" on a problem
    on_date: date | None = None
    problem: Refusal | None = None
    policies: tuple[str, ...] = SMS_POLICIES

    def _message_key(self) -> str:
        return f"twofactor.sms_rule.{self.reason}"


def sms_two_factor_available(is_subscriber: object, on_date: object) -> SmsRule:
    """The SMS-2FA rule for a subscriber (X Premium / Twitter Blue) or not, on a day."""
    if not isinstance(is_subscriber, bool):
        return SmsRule(False, False, "", problem=Refusal("twofactor_subscriber_flag_invalid"))
    day = parse_day(on_date)
    if day is None:
        return SmsRule(False, False, "", problem=Refusal("twofactor_date_invalid"))
    enrolment_closes = _policy_day("twofactor.sms_enrolment_subscribers_only_from")
    use_ends = _policy_day("twofactor.sms_use_subscribers_only_from")
    if day < enrolment_closes:
        return SmsRule(True, True, "open_to_all", day)
    if is_subscriber:
        return SmsRule(True, True, "subscriber", day)
    if day < use_ends:
        return SmsRule(False, True, "grace_period", day)
    return SmsRule(False, False, "subscribers_only", day)


@dataclass(frozen=True)
class TwoFactorSetup:
    """An account's two-factor switches and whether a phone number is on file."""

    phone_number_on_file: bool = False
    methods: frozenset[str] = field(default_factory=frozenset)

    @property
    def enabled(self) -> bool:
        return bool(self.methods)


@dataclass(frozen=True)
class SetupChange(_Explained):
    """The setup after a change, plus a notice key or a problem."""

    setup: TwoFactorSetup
    problem: Refusal | None = None
    notice: str | None = None  # i18n key under twofactor.notice

    def _message_key(self) -> str:
        return f"twofactor.notice.{self.notice or 'done'}"


def _method_problem(method: object) -> Refusal | None:
    if method == "email":
        return Refusal("twofactor_email_not_a_method")
    if method == "passkey":
        return Refusal("twofactor_passkey_is_a_login_method")
    if not isinstance(method, str) or method not in TWO_FACTOR_METHODS:
        return Refusal("twofactor_method_unknown")
    return None


def turn_on(setup: TwoFactorSetup, method: object, *, is_subscriber: object = False,
            on_date: object = None) -> SetupChange:
    """Switch a method on. SMS needs the day's rule to allow enrolment and adds the number."""
    if not isinstance(setup, TwoFactorSetup):
        return SetupChange(TwoFactorSetup(), Refusal("twofactor_bad_argument", {"name": "setup"}))
    problem = _method_problem(method)
    if problem:
        return SetupChange(setup, problem)
    if method == "sms":
        rule = sms_two_factor_available(is_subscriber, on_date)
        if rule.problem:
            return SetupChange(setup, rule.problem)
        if not rule.can_enrol:
            return SetupChange(setup, Refusal("twofactor_sms_subscribers_only"))
        return SetupChange(TwoFactorSetup(True, setup.methods | {"sms"}), notice="turned_on")
    return SetupChange(replace(setup, methods=setup.methods | {str(method)}), notice="turned_on")


def turn_off(setup: TwoFactorSetup, method: object) -> SetupChange:
    """Switch a method off. Turning SMS off keeps the phone number on the account."""
    if not isinstance(setup, TwoFactorSetup):
        return SetupChange(TwoFactorSetup(), Refusal("twofactor_bad_argument", {"name": "setup"}))
    problem = _method_problem(method)
    if problem:
        return SetupChange(setup, problem)
    keeps_number = bool(value("twofactor.sms_disable_keeps_phone_number"))
    on_file = setup.phone_number_on_file and (method != "sms" or keeps_number)
    after = TwoFactorSetup(on_file, setup.methods - {str(method)})
    kept = method == "sms" and on_file
    return SetupChange(after, notice="number_kept" if kept else "turned_off")


def apply_sms_rule(setup: TwoFactorSetup, is_subscriber: object, on_date: object) -> SetupChange:
    """What X's 2023 change does to an account on a day: SMS may be switched off for it."""
    if not isinstance(setup, TwoFactorSetup):
        return SetupChange(TwoFactorSetup(), Refusal("twofactor_bad_argument", {"name": "setup"}))
    rule = sms_two_factor_available(is_subscriber, on_date)
    if rule.problem:
        return SetupChange(setup, rule.problem)
    if "sms" in setup.methods and not rule.can_keep_using:
        return SetupChange(replace(setup, methods=setup.methods - {"sms"}),
                           notice="sms_turned_off_by_x")
    return SetupChange(setup, notice="unchanged")


@dataclass(frozen=True)
class KeyStatus:
    """Whether a security key registered for ``rp_id`` still works on a day."""

    status: str  # ok | reenrol_before_deadline | locked_until_reenrolled | "" on a problem
    deadline: date | None
    problem: Refusal | None = None

    def text(self, lang: str | None = None) -> str:
        if self.problem:
            return self.problem.text("message", lang)
        return t(f"twofactor.key_status.{self.status}", lang,
                 deadline=self.deadline.isoformat() if self.deadline else "")


def security_key_status(registered_rp_id: object, on_date: object) -> KeyStatus:
    """The Nov 2025 move: keys tied to twitter.com had to be re-enrolled for x.com."""
    deadline = _policy_day("twofactor.security_key_reenrol_deadline")
    day = parse_day(on_date)
    if day is None:
        return KeyStatus("", deadline, Refusal("twofactor_date_invalid"))
    if not isinstance(registered_rp_id, str) or registered_rp_id not in (
            value("twofactor.security_key_old_rp_id"), value("twofactor.security_key_rp_id")):
        return KeyStatus("", deadline, Refusal("twofactor_rp_id_unknown"))
    if registered_rp_id == value("twofactor.security_key_rp_id"):
        return KeyStatus("ok", deadline)
    if day < deadline:
        return KeyStatus("reenrol_before_deadline", deadline)
    return KeyStatus("locked_until_reenrolled", deadline)


def method_summary() -> list[dict[str, Any]]:
    """Each method and channel with its facts and source, for a table in the notebook."""
    rows = []
    for method in TWO_FACTOR_METHODS + OTHER_CHANNELS:
        facts = method_facts(method)
        if facts is None:
            continue
        rows.append({"method": method, "two_factor": is_two_factor_method(method),
                     "facts": facts.value, "status": facts.status, "sources": facts.sources})
    return rows
