"""Taking a recovery plan one step at a time on a real account-state machine.

The planner (``course.sim.recovery.recovery_graph``) says which steps lead back; the walk
shows what each one does to the account. Every step that changes the state
fires its event on an ``AccountStateMachine``, so the walk can only reach
states the machine's table allows. A "wait" step moves the injected
simulated clock to the end of the limitation; a step that gives something
back (a reset password, a re-issued SIM) leaves the state and adds to what
the person has; a step X decides can be answered "refused", which leaves the
account suspended: the dead end the course must not hide.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.i18n import LANGUAGES, resolve_language, t
from course.sim.accounts.account_states import AccountStateMachine, Event, State, Transition
from course.sim.core.clock import SimulatedClock
from course.sim.core.errors import Refusal
from course.sim.recovery.recovery_graph import Action, RecoveryPlan, RecoveryStep, load_graph

X_ANSWERS = ("granted", "refused")
# What X's "no" fires for each event X decides.
DENIALS: dict[Event, Event] = {Event.APPEAL_GRANTED: Event.APPEAL_DENIED}


@dataclass(frozen=True)
class WalkStep:
    """What one press of "do the next step" did."""

    ok: bool
    done: int  # steps completed after this call
    total: int
    step: RecoveryStep | None
    before: State
    after: State
    has: frozenset[str]
    gained: tuple[str, ...] = ()
    waited_seconds: float = 0.0
    transition: Transition | None = None
    refused: bool = False
    problem: Refusal | None = None

    @property
    def back_to_active(self) -> bool:
        return self.ok and self.after is State.ACTIVE

    @property
    def finished(self) -> bool:
        return self.refused or self.back_to_active or (self.ok and self.done >= self.total)

    def message(self, lang: str | None = None) -> str:
        lang = resolve_language(lang)
        if self.problem is not None:
            return self.problem.text("message", lang)
        if self.refused:
            return t("recovery_navigator.walk.refused", lang, state=self.after.label(lang))
        parts = []
        if self.gained:
            items = ", ".join(t(f"states.recovery.have.{h}", lang) for h in self.gained)
            parts.append(t("recovery_navigator.walk.gained", lang, items=items))
        if self.before is not self.after:
            names = {"source": self.before.label(lang), "target": self.after.label(lang)}
            if self.waited_seconds:
                hours = f"{self.waited_seconds / 3600:g}"
                parts.append(t("recovery_navigator.walk.waited", lang, hours=hours, **names))
            else:
                parts.append(t("recovery_navigator.walk.moved", lang, **names))
        if self.back_to_active:
            parts.append(t("recovery_navigator.walk.back_to_active", lang))
        return " ".join(parts)

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


def _machine(state: State, clock: SimulatedClock, self_clearable: bool) -> AccountStateMachine:
    if state is State.SUSPENDED and self_clearable:
        machine = AccountStateMachine(clock)
        machine.apply(Event.SUSPEND, self_clearable=True)
        return machine
    return AccountStateMachine.starting_in(state, clock)


class RecoveryWalk:
    """A plan and the account it is walked on; ``advance`` takes one step."""

    def __init__(self, plan: RecoveryPlan, clock: SimulatedClock, *,
                 self_clearable: bool = False) -> None:
        self.plan = plan
        self.clock = clock
        start = plan.state if plan.state is not None else State.ACTIVE
        self.machine = _machine(start, clock, self_clearable is True)
        self.has = plan.has
        self.done = 0
        self.refused = False
        self._actions: dict[str, Action] = {a.id: a for a in load_graph().actions}

    @property
    def state(self) -> State:
        return self.machine.state

    @property
    def total(self) -> int:
        return len(self.plan.steps)

    @property
    def next_step(self) -> RecoveryStep | None:
        return None if self.finished else self.plan.steps[self.done]

    @property
    def finished(self) -> bool:
        return self.refused or self.done >= self.total

    @property
    def waits_for_x(self) -> bool:
        """True when the next step is X's decision (the learner picks X's answer)."""
        step = self.next_step
        return step is not None and step.kind == "x_decides"

    def _stay(self, problem: Refusal) -> WalkStep:
        state = self.state
        return WalkStep(False, self.done, self.total, self.next_step, state, state, self.has,
                        problem=problem)

    def advance(self, x_answer: object = "granted") -> WalkStep:
        """Do the next step. ``x_answer`` ("granted" or "refused") is X's answer
        when the step is X's decision; other steps ignore it. Never raises."""
        if self.refused:
            return self._stay(Refusal("walk_refused"))
        if self.finished:
            return self._stay(Refusal("walk_finished" if self.total else "walk_no_steps"))
        step = self.plan.steps[self.done]
        before = self.state
        if before is not step.source_state:
            return self._stay(Refusal("walk_out_of_step", {"expected": step.source_state.value,
                                                           "actual": before.value}))
        action = self._actions[step.action]
        if action.event is None:
            gained = tuple(sorted(action.grants - self.has))
            self.has = self.has | action.grants
            self.done += 1
            return WalkStep(True, self.done, self.total, step, before, before, self.has, gained)
        if step.kind == "x_decides":
            answer = x_answer.strip().lower() if isinstance(x_answer, str) else None
            if answer not in X_ANSWERS:
                return self._stay(Refusal("walk_bad_answer", {"given": repr(x_answer)[:30]}))
            if answer == "refused" and action.event in DENIALS:
                result = self.machine.apply(DENIALS[action.event])
                self.refused = result.ok
                return WalkStep(result.ok, self.done, self.total, step, before, self.state,
                                self.has, transition=result.transition, refused=result.ok,
                                problem=result.problem)
        waited = 0.0
        if step.kind == "wait":
            deadline = self.machine.deadline
            if deadline is None:
                return self._stay(Refusal("walk_out_of_step", {"expected": step.kind,
                                                               "actual": before.value}))
            waited = max(0.0, deadline - self.clock.now())
            self.clock.advance_to(deadline)
            transition = self.machine.history[-1] if self.state is not before else None
        else:
            result = self.machine.apply(action.event, action.reason)
            if not result.ok:
                return self._stay(result.problem or Refusal(
                    "walk_out_of_step", {"expected": step.source_state.value,
                                         "actual": before.value}))
            transition = result.transition
        after = self.state
        if after is not step.target_state:
            return self._stay(Refusal("walk_out_of_step", {"expected": step.target_state.value,
                                                           "actual": after.value}))
        self.done += 1
        return WalkStep(True, self.done, self.total, step, before, after, self.has,
                        waited_seconds=waited, transition=transition)
