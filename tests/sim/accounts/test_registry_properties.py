"""Property tests: the registry's limits hold under any sequence of operations,
and no public method raises on arbitrary input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from course.sim.accounts.registry import AccountRules, Outcome, Registry
from course.sim.core.clock import SimulatedClock
from tests.helpers import examples

HANDLES = st.sampled_from([f"acct{i}" for i in range(6)])
NUMBERS = st.sampled_from(["+819001230001", "+817001230002"])
ALL_NUMBERS = ("+819001230001", "+817001230002")
EMAILS = st.sampled_from(["a@example.com", "B@example.com", "b@example.com", "c@example.org"])


class RegistryMachine(RuleBasedStateMachine):
    """Random operations on a registry with a small limit, so the limit is hit often."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = SimulatedClock()
        # A limit of 2 and a generous attempt budget, so runs reach the limit often
        # (and still meet the block and the cooldown now and then).
        self.rules = AccountRules.from_policies(max_accounts_per_number=2,
                                                cooldown_seconds=900.0, attempts_max=10,
                                                attempts_window_seconds=600.0,
                                                block_seconds=1800.0)
        self.registry = Registry(self.clock, self.rules)

    def _check(self, outcome: Outcome) -> None:
        assert isinstance(outcome, Outcome)
        assert outcome.ok == (outcome.problem is None)
        assert all(outcome.messages().values())

    @rule(handle=HANDLES, email=st.none() | EMAILS, number=st.none() | NUMBERS)
    def create(self, handle, email, number):
        self._check(self.registry.create_account(handle, email, number))

    @rule(handle=HANDLES, number=NUMBERS)
    def link(self, handle, number):
        before = self.registry.account(handle)
        outcome = self.registry.link_number(handle, number)
        self._check(outcome)
        if outcome.ok:
            assert self.registry.account(handle).number == number
        elif before is not None:
            assert self.registry.account(handle).number == before.number

    @rule(handle=HANDLES)
    def remove(self, handle):
        self._check(self.registry.remove_number(handle))

    @rule(handle=HANDLES, email=EMAILS)
    def change_email(self, handle, email):
        self._check(self.registry.change_email(handle, email))

    @rule(handle=HANDLES)
    def delete(self, handle):
        self._check(self.registry.delete_account(handle))

    @rule(handle=HANDLES, suspended=st.booleans())
    def suspend(self, handle, suspended):
        method = self.registry.suspend if suspended else self.registry.reinstate
        self._check(method(handle))

    @rule(seconds=st.sampled_from([1.0, 60.0, 900.0, 3600.0, 86400.0]))
    def wait(self, seconds):
        self.clock.advance(seconds)

    @invariant()
    def the_number_limit_is_never_exceeded(self):
        for number in ALL_NUMBERS:
            linked = self.registry.accounts_on(number)
            assert len(linked) <= self.rules.max_accounts_per_number
            assert sorted(linked) == sorted(a.handle for a in self.registry.accounts()
                                            if a.number == number)

    @invariant()
    def one_email_never_ends_up_on_two_accounts(self):
        emails = [a.email for a in self.registry.accounts() if a.email]
        assert len(emails) == len(set(emails))

    @invariant()
    def history_is_in_time_order(self):
        for number in ALL_NUMBERS:
            times = [(e.at, e.seq) for e in self.registry.history(number)]
            assert times == sorted(times)


TestRegistryMachine = RegistryMachine.TestCase
TestRegistryMachine.settings = settings(max_examples=examples(100), stateful_step_count=30,
                                        deadline=None)

ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=40), st.text(min_size=300, max_size=2000),
    st.binary(max_size=20), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["+819001230001", "a@example.com", "acct1", "@acct1", "\x00", "😀",
                     "+819001230001".replace("9", "\u0669", 1), "\u202e+819001230001"]),
)


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(handle=ANYTHING, email=ANYTHING, number=ANYTHING, other=ANYTHING)
def test_no_public_method_raises_on_arbitrary_input(handle, email, number, other):
    registry = Registry(SimulatedClock())
    registry.create_account("acct1", "a@example.com", "+819001230001")
    outcomes = [
        registry.create_account(handle, email, number),
        registry.link_number(handle, number),
        registry.change_email(handle, email),
        registry.remove_number(handle),
        registry.suspend(other),
        registry.reinstate(other),
        registry.delete_account(other),
    ]
    for outcome in outcomes:
        assert isinstance(outcome, Outcome) and all(outcome.messages().values())
    registry.account(handle)
    registry.accounts_on(number)
    registry.accounts_with_email(email)
    registry.history(number)
    registry.sms_notification_recipient(number)
    status = registry.number_status(number)
    assert (status.problem is None) == (status.number is not None)
    lookup = registry.password_reset_lookup(other)
    assert lookup.ok == (lookup.account is not None)
