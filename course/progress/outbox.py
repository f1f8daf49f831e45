"""The learner's outbox: which workshop answers wait for the instructor, and when to retry.

On a JupyterHub the quiz sends each workshop answer to the results service
(``course.progress.delivery``). The progress store stays the source of truth: the
outbox is *derived* from it (answers with no delivery receipt,
``ProgressStore.undelivered``), so an answer recorded is never lost, even when
the kernel restarts before it was sent. This module holds the pure parts:
the retry schedule and the status a learner reads.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Protocol

from course.i18n import t


class RandomSource(Protocol):
    def random(self) -> float: ...


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: ``first`` seconds, doubling up to ``cap``.

    Jitter spreads a class of learners whose service came back at the same
    moment, so they do not all retry in the same instant.
    """

    first: float = 0.5
    factor: float = 2.0
    cap: float = 15.0
    jitter: float = 0.25  # +/- this share of the delay

    def delay(self, failures: int, rng: RandomSource | None = None) -> float:
        """Seconds to wait after ``failures`` failed tries in a row (0 after none)."""
        if failures <= 0:
            return 0.0
        base = min(self.cap, self.first * self.factor ** min(failures - 1, 60))
        spread = (rng or random).random() * 2 - 1
        return max(0.0, min(self.cap, base * (1 + self.jitter * spread)))


@dataclass(frozen=True)
class DeliveryStatus:
    """What the learner is told about their workshop answers."""

    sent: int = 0
    waiting: int = 0
    refused: int = 0
    retry_in: float | None = None  # seconds until the next try after a failure
    reason: str | None = None  # the service's last refusal, as stored (JSON of ja/en)

    def text(self, lang: str) -> str:
        lines = []
        if self.waiting and self.retry_in is not None:
            lines.append(t("hub.delivery.waiting", lang, waiting=self.waiting, sent=self.sent,
                           seconds=max(1, round(self.retry_in))))
        elif self.waiting:
            lines.append(t("hub.delivery.sending", lang, waiting=self.waiting))
        elif self.sent:
            lines.append(t("hub.delivery.all_sent", lang, sent=self.sent))
        if self.refused:
            lines.append(t("hub.delivery.refused", lang, count=self.refused,
                           reason=reason_text(self.reason, lang)))
        return " ".join(lines)

    @property
    def kind(self) -> str:
        """``correct`` when everything arrived, ``notice`` when something waits or failed."""
        return "notice" if self.refused or (self.waiting and self.retry_in) else (
            "correct" if self.sent and not self.waiting else "info")


def reason_text(reason: str | None, lang: str) -> str:
    """A stored refusal reason in the learner's language."""
    if not reason:
        return ""
    try:
        texts = json.loads(reason)
    except ValueError:
        return reason[:200]
    return str(texts.get(lang) or next(iter(texts.values()), ""))[:200] \
        if isinstance(texts, dict) else str(texts)[:200]
