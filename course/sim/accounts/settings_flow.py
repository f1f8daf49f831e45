"""The "update phone number" flow as a state machine over X's settings screens.

The screens follow the paths of X's Help and a 2024 guide (policies
``settings_flow.screen_labels_*``, with their sources): on the web, More →
Settings and privacy → Your account → Account information → Phone → Update
phone number, then the password, the number, the code sent by SMS and Verify;
in the Japanese app, 「設定とサポート」→「設定とプライバシー」→「アカウント」→
「アカウント情報」→「電話番号」, then the same steps. ``SettingsFlow`` keeps the
current screen and answers every learner action with a ``FlowStep``: the
screen now shown, the problems (catalog codes with text in both languages)
and notes. The number goes through ``check_number`` for the chosen country,
the code through ``PhoneLine`` (verifier, delivery, phone), and a verified
number through ``Registry.link_number``, so the account rules (limit,
cooldown, suspended holder, temporary block) answer with their catalog
messages. Nothing is written to disk.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

import phonenumbers

from course.facts import policy as policies
from course.i18n import LANGUAGES, t
from course.sim.accounts.registry import Outcome, Registry
from course.sim.core.clock import Clock, days
from course.sim.core.problems import Problem, Severity, error
from course.sim.numbers.masking import masked_problems
from course.sim.numbers.number_checker import NumberCheck, check_number
from course.sim.sms.simulated_phone import CodeTimer, PhoneLine, SendReport
from course.sim.sms.verification import VerifyResult

MAX_TYPED = 200  # longer input is refused before any comparison
REMOVED_DAYS_AGO = 3  # the recently_removed situation: when the number left another account


class Screen(str, Enum):
    """The screens of the flow, in the order of the path."""

    MENU = "menu"  # More / 設定とサポート
    SETTINGS = "settings"  # Settings and privacy
    YOUR_ACCOUNT = "your_account"
    ACCOUNT_INFO = "account_info"
    PHONE = "phone"  # the current number and "Update phone number"
    PASSWORD = "password"
    NUMBER = "number"  # country, number, the ads toggle
    CODE = "code"  # the code sent by SMS, Verify
    DONE = "done"


PATH: tuple[Screen, ...] = tuple(Screen)

# The items of each menu screen: the screen each opens, or None for a wrong turn
# (the flow answers with a hint saying what that item is for).
MENUS: dict[Screen, tuple[tuple[str, Screen | None], ...]] = {
    Screen.MENU: (("settings_and_privacy", Screen.SETTINGS),),
    Screen.SETTINGS: (("your_account", Screen.YOUR_ACCOUNT),
                      ("security_and_account_access", None),
                      ("privacy_and_safety", None)),
    Screen.YOUR_ACCOUNT: (("account_information", Screen.ACCOUNT_INFO),),
    Screen.ACCOUNT_INFO: (("phone", Screen.PHONE), ("email", None)),
    Screen.PHONE: (("update_phone_number", Screen.PASSWORD),),
}


def breadcrumbs(screen: Screen) -> tuple[Screen, ...]:
    """The screens from the first one to ``screen``: where the learner is."""
    return PATH[:PATH.index(screen) + 1]


_BACK = {Screen.DONE: Screen.PHONE, Screen.MENU: Screen.MENU}


class Situation(str, Enum):
    """What the simulated world already holds about the phone's number."""

    FRESH = "fresh"  # on no account: the update goes through
    SHARED_LIMIT = "shared_limit"  # already on as many accounts as the limit allows
    SUSPENDED_HOLDER = "suspended_holder"  # on an account that is suspended
    RECENTLY_REMOVED = "recently_removed"  # taken off another account a few days ago
    ALREADY_YOURS = "already_yours"  # this account has it already

    @property
    def rule(self) -> str | None:
        """The account policy the situation exercises (its status is shown as a badge)."""
        return _SITUATION_RULES.get(self)


_SITUATION_RULES = {
    Situation.SHARED_LIMIT: "accounts.max_accounts_per_number",
    Situation.SUSPENDED_HOLDER: "accounts.suspended_holder_blocks_number",
    Situation.RECENTLY_REMOVED: "accounts.number_cooldown_days",
    Situation.ALREADY_YOURS: "settings_flow.same_number_answer",
}


@dataclass(frozen=True)
class Note:
    """A text of ``data/i18n/*/settings_flow.yaml`` with its values (hints, success lines)."""

    key: str
    params: dict[str, object] = field(default_factory=dict, compare=False)

    def text(self, lang: str | None = None) -> str:
        return t(f"settings_flow.{self.key}", lang, **self.params)

    def both(self) -> dict[str, str]:
        return {lang: self.text(lang) for lang in LANGUAGES}


def note(key: str, **params: object) -> Note:
    return Note(key, params)


@dataclass(frozen=True)
class FlowStep:
    """The answer to one learner action: where the flow is now and what to say."""

    action: str
    screen: Screen
    ok: bool
    problems: tuple[Problem, ...] = ()
    notes: tuple[Note, ...] = ()
    number: NumberCheck | None = None  # the number being verified (its repr hides it)
    current: str | None = None  # the account's number now, masked
    send: SendReport | None = None
    verify: VerifyResult | None = None
    link: Outcome | None = None

    @property
    def breadcrumbs(self) -> tuple[Screen, ...]:
        return breadcrumbs(self.screen)

    @property
    def masked(self) -> str | None:
        return self.number.masked if self.number is not None else None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


@dataclass(frozen=True)
class Country:
    """One entry of the country selector."""

    region: str  # ISO code, e.g. "JP"
    calling_code: int  # e.g. 81

    def label(self, lang: str | None = None) -> str:
        name = t(f"settings_flow.countries.{self.region}", lang)
        return f"{name} (+{self.calling_code})"


@lru_cache(maxsize=4)
def _countries(regions: tuple[str, ...]) -> tuple[Country, ...]:
    return tuple(Country(r, phonenumbers.country_code_for_region(r)) for r in regions)


def countries() -> tuple[Country, ...]:
    """The selector's countries, Japan first (policy settings_flow.countries)."""
    return _countries(tuple(str(r) for r in policies.value("settings_flow.countries")))


def demo_account() -> dict[str, str]:
    """The simulated account: user name, email and the password shown to the learner."""
    raw = policies.value("settings_flow.demo_account")
    return {key: str(raw[key]) for key in ("handle", "email", "password")}


class _SetupClock:
    """The registry's clock: the real one, moved into the past while the world is set up."""

    def __init__(self, base: Clock) -> None:
        self.base = base
        self.offset = 0.0

    def now(self) -> float:
        return self.base.now() + self.offset


def build_registry(situation: Situation, clock: Clock, number_e164: str,
                   account: dict[str, str]) -> Registry:
    """A registry holding the learner's account and the history the situation needs.

    Past links are spread two hours apart, weeks ago, so setting up the world
    never trips the registry's own attempt limit.
    """
    setup = _SetupClock(clock)
    registry = Registry(setup)
    setup.offset = -days(60)

    def later(hours: float = 2) -> None:
        setup.offset += hours * 3600.0

    own = number_e164 if situation is Situation.ALREADY_YOURS else None
    done = [registry.create_account(account["handle"], account["email"], own)]
    if situation is Situation.SHARED_LIMIT:
        for i in range(registry.rules.max_accounts_per_number):
            later()
            done.append(registry.create_account(f"shared_{i + 1:02d}", None, number_e164))
    elif situation is Situation.SUSPENDED_HOLDER:
        later()
        done.append(registry.create_account("suspended_one", None, number_e164))
        later()
        done.append(registry.suspend("suspended_one"))
    elif situation is Situation.RECENTLY_REMOVED:
        later()
        done.append(registry.create_account("previous_owner", None, number_e164))
        setup.offset = -days(REMOVED_DAYS_AGO)
        done.append(registry.remove_number("previous_owner"))
    if not all(outcome.ok for outcome in done):  # a defect in the course, not learner input
        raise RuntimeError(f"could not set up the situation {situation.value!r}")
    setup.offset = 0.0
    return registry


def _situation(value: object) -> Situation | None:
    if isinstance(value, Situation):
        return value
    if isinstance(value, str) and value.strip() in Situation._value2member_map_:
        return Situation(value.strip())
    return None


class SettingsFlow:
    """The settings screens, the password, the number, the code and the account rules."""

    def __init__(self, line: PhoneLine | None = None, situation: object = Situation.FRESH
                 ) -> None:
        self.line = line if line is not None else PhoneLine()
        self.account = demo_account()
        self.situation = _situation(situation) or Situation.FRESH
        self.registry = build_registry(self.situation, self.line.clock,
                                       self._phone_e164(), self.account)
        self.screen = Screen.MENU
        self.ads_use = bool(policies.value("settings_flow.ads_toggle_default"))
        self._pending: NumberCheck | None = None
        self._pending_ads = self.ads_use

    def _phone_e164(self) -> str:
        e164 = self.line.phone.number.e164
        assert e164 is not None  # Phone only accepts valid numbers
        return e164

    # --- reading -------------------------------------------------------------------

    def items(self, screen: Screen | None = None) -> tuple[str, ...]:
        """The items a menu screen lists (empty for the form screens)."""
        return tuple(item for item, _ in MENUS.get(screen or self.screen, ()))

    def current_number(self) -> str | None:
        """The account's number now, masked (None when it has none)."""
        account = self.registry.account(self.account["handle"])
        if account is None or account.number is None:
            return None
        return check_number(account.number).masked

    def timer(self) -> CodeTimer | None:
        return self.line.timer()

    def _step(self, action: str, ok: bool, problems: tuple[Problem, ...] = (),
              notes: tuple[Note, ...] = (), **parts: object) -> FlowStep:
        return FlowStep(action, self.screen, ok, problems, notes,
                        current=self.current_number(), **parts)  # type: ignore[arg-type]

    def _wrong_screen(self, action: str) -> FlowStep:
        return self._step(action, False, (error("flow_wrong_screen"),))

    # --- moving between screens ------------------------------------------------------

    def open(self, item: object) -> FlowStep:
        """Choose an item of the menu on screen; a wrong turn gets a hint, not a move."""
        entries = dict(MENUS.get(self.screen, ()))
        if not isinstance(item, str) or item not in entries:
            shown = str(item)[:30] if isinstance(item, (str, int, float)) else type(item).__name__
            return self._step("open", False, (error("flow_unknown_item", item=shown),))
        target = entries[item]
        if target is None:
            return self._step("open", False, notes=(note(f"hints.{item}"),))
        self.screen = target
        return self._step("open", True)

    def back(self) -> FlowStep:
        """Go one screen back along the path (from Done, back to the Phone screen)."""
        if self.screen is Screen.MENU:
            return self._step("back", False, notes=(note("notes.at_top"),))
        self.screen = _BACK.get(self.screen, PATH[PATH.index(self.screen) - 1])
        if self.screen in (Screen.PHONE, Screen.PASSWORD):
            self._pending = None  # leaving the form: the next update starts afresh
        return self._step("back", True)

    def start_over(self, situation: object = None) -> FlowStep:
        """Back to the first screen; a new situation also resets the simulated accounts."""
        chosen = self.situation if situation is None else _situation(situation)
        if chosen is None:
            return self._step("start_over", False, (error(
                "flow_unknown_situation", situation=str(situation)[:30]),))
        if chosen is not self.situation:
            self.situation = chosen
            self.registry = build_registry(chosen, self.line.clock, self._phone_e164(),
                                           self.account)
            self.ads_use = bool(policies.value("settings_flow.ads_toggle_default"))
        self.screen = Screen.MENU
        self._pending = None
        return self._step("start_over", True)

    # --- the forms ---------------------------------------------------------------------

    def enter_password(self, typed: object) -> FlowStep:
        """Confirm the account password before the number can change."""
        if self.screen is not Screen.PASSWORD:
            return self._wrong_screen("password")
        given = typed if isinstance(typed, str) and len(typed) <= MAX_TYPED else ""
        if not hmac.compare_digest(given.encode(), self.account["password"].encode()):
            return self._step("password", False, (error("flow_wrong_password"),))
        self.screen = Screen.NUMBER
        return self._step("password", True)

    def enter_number(self, country: object, typed: object, ads_use: object = False
                     ) -> FlowStep:
        """Check the number for the chosen country and, if it is usable, send the code."""
        if self.screen is not Screen.NUMBER:
            return self._wrong_screen("number")
        region = next((c.region for c in countries() if c.region == country), None)
        if region is None:
            return self._step("number", False, (error(
                "flow_unknown_country", country=str(country)[:12]),))
        if not isinstance(ads_use, bool):
            return self._step("number", False, (error(
                "flow_bad_input", detail=f"ads_use: {type(ads_use).__name__}"),))
        checked = check_number(typed, region)
        found = masked_problems(checked.problems)
        if not checked.valid:
            return self._step("number", False, found, number=checked)
        stop = checked.no_code_problem
        if stop is not None:  # no code can reach this number: X sends nothing
            found = tuple(Problem(p.code, Severity.ERROR, p.params) if p.code == stop.code
                          else p for p in found)
            return self._step("number", False, found, number=checked)
        mine = self.registry.account(self.account["handle"])
        if mine is not None and mine.number is not None and mine.number == checked.e164:
            # Already the account's number: nothing to verify (policy same_number_answer).
            return self._step("number", False, (*found, error("number_already_on_account")),
                              number=checked)
        report = self.line.send(checked)
        if not report.ok:
            refusal = (report.problem,) if report.problem else ()
            return self._step("number", False, found + refusal, number=checked, send=report)
        self._pending, self._pending_ads = checked, ads_use
        self.screen = Screen.CODE
        return self._step("number", True, found,
                          (note("notes.code_sent", masked=checked.masked),),
                          number=checked, send=report)

    def resend(self) -> FlowStep:
        """Ask for a new code for the number being verified."""
        if self.screen is not Screen.CODE:
            return self._wrong_screen("resend")
        report = self.line.resend()
        if not report.ok:
            return self._step("resend", False, (report.problem,) if report.problem else (),
                              number=self._pending, send=report)
        return self._step("resend", True, notes=(note("notes.code_resent",
                                                      masked=report.to_masked),),
                          number=self._pending, send=report)

    def enter_code(self, typed: object) -> FlowStep:
        """Check the typed code; a right code puts the number on the account, if the
        account rules allow it."""
        if self.screen is not Screen.CODE or self._pending is None:
            return self._wrong_screen("code")
        result = self.line.verify(typed)
        number = self._pending
        if not result.ok:
            return self._step("code", False, (result.problem,) if result.problem else (),
                              number=number, verify=result)
        assert number.e164 is not None  # only valid numbers are pending
        outcome = self.registry.link_number(self.account["handle"], number.e164)
        self._pending = None
        if not outcome.ok:
            self.screen = Screen.NUMBER
            refusal = outcome.problem
            problem = error(refusal.code, **refusal.params) if refusal else error(
                "flow_bad_input", detail="link")
            return self._step("code", False, (problem,),
                              (note("notes.verified_but_refused"),),
                              number=number, verify=result, link=outcome)
        self.ads_use = self._pending_ads
        self.screen = Screen.DONE
        ads = "notes.ads_on" if self.ads_use else "notes.ads_off"
        return self._step("code", True, (),
                          (note("notes.updated", masked=number.masked), note(ads)),
                          number=number, verify=result, link=outcome)
