"""Judging messages and "support numbers": which cues mark a scam.

Lesson 08 trains one habit: before acting on a message, look for the cues that
give a scam away (a phone number sold as "X support", a request for a code,
a look-alike domain, a fee to "unfreeze" an account) and the few that mark a
genuine message (you asked for it yourself, it asks for nothing back, you are
on X's own screens). ``data/scams.yaml`` holds the cards and cues with their
sources; the texts live in ``data/i18n/<lang>/scams.yaml``.

``judge`` grades one judgement and says which cues the learner missed;
``Round`` and ``answer`` take a learner through the deck with a running
score; ``check_contact`` looks at a number or link the learner found and
reports the cues it can see without guessing. None of them raises on bad
input: a result carries a ``Refusal`` instead. Nothing is written to disk,
and a phone number a learner pastes is never echoed back.
"""

from __future__ import annotations

import contextlib
import ipaddress
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from course.facts.policy import policy
from course.facts.sources import Provenance, SourceError, read_provenance
from course.i18n import LANGUAGES, both, resolve_language, t
from course.paths import data_path
from course.sim.core.choices import clean_choices
from course.sim.core.errors import Refusal
from course.yaml_safe import safe_load

CHOICES = ("scam", "genuine")
SIGNALS = CHOICES
MAX_CONTACT_CHARS = 2000
MAX_SPOTTED = 64
MAX_SHOWN_CHARS = 30


class ScamDeckError(ValueError):
    """data/scams.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Cue:
    """One sign that points to a scam or to a genuine message."""

    id: str
    signal: str  # "scam" or "genuine"
    provenance: Provenance

    def name(self, lang: str | None = None) -> str:
        return t(f"scams.cue.{self.id}.name", lang)

    def why(self, lang: str | None = None) -> str:
        return t(f"scams.cue.{self.id}.why", lang)


@dataclass(frozen=True)
class Card:
    """One message, page or call to judge."""

    id: str
    channel: str
    verdict: str
    cues: tuple[str, ...]
    facts: tuple[Provenance, ...] = ()  # what the card itself rests on, beyond its cues
    sender: str | None = None  # shown as is: the same in every language

    def text(self, part: str, lang: str | None = None) -> str:
        """``context`` (what you were doing), ``sender`` or ``body``."""
        if part == "sender" and self.sender is not None:
            return self.sender
        return t(f"scams.card.{self.id}.{part}", lang)

    def channel_label(self, lang: str | None = None) -> str:
        return t(f"scams.channel.{self.channel}", lang)


@dataclass(frozen=True)
class Deck:
    cues: dict[str, Cue]
    cards: tuple[Card, ...]
    official_hosts: tuple[str, ...]
    lookalike_words: tuple[str, ...]

    def card(self, card_id: object) -> Card | None:
        if isinstance(card_id, Card):
            return card_id if card_id in self.cards else None
        return next((c for c in self.cards if c.id == card_id), None)


# --- loading ---------------------------------------------------------------------

def _provenance(raw: Any, where: str) -> Provenance:
    if not isinstance(raw, dict):
        raise ScamDeckError(f"{where}: needs status and sources, or a policy")
    if "policy" in raw:
        try:
            found = policy(str(raw["policy"])).provenance
        except KeyError as exc:
            raise ScamDeckError(f"{where}: {exc}") from None
        unverified = found.unverified or bool(raw.get("unverified", False))
        return Provenance(found.status, found.sources, unverified)
    try:
        return read_provenance(raw, where)
    except SourceError as error:
        raise ScamDeckError(str(error)) from None


def _words(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) for w in raw):
        raise ScamDeckError(f"data/scams.yaml: {where} must list words")
    return tuple(w.lower() for w in raw)


@lru_cache(maxsize=4)
def _load(path: str) -> Deck:
    raw = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if tuple(raw.get("choices") or ()) != CHOICES:
        raise ScamDeckError(f"data/scams.yaml: choices must be {list(CHOICES)}")
    cues = {}
    for cue_id, entry in (raw.get("cues") or {}).items():
        where = f"data/scams.yaml: cue {cue_id}"
        if not isinstance(entry, dict) or entry.get("signal") not in SIGNALS:
            raise ScamDeckError(f"{where}: signal must be one of {SIGNALS}")
        cues[str(cue_id)] = Cue(str(cue_id), entry["signal"], _provenance(entry, where))
    cards = []
    for entry in raw.get("cards") or ():
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise ScamDeckError(f"data/scams.yaml: card without an id: {entry!r}")
        where = f"data/scams.yaml: card {entry['id']}"
        if entry.get("verdict") not in CHOICES or not isinstance(entry.get("channel"), str):
            raise ScamDeckError(f"{where}: needs a channel and a verdict in {CHOICES}")
        card_cues = entry.get("cues")
        if not isinstance(card_cues, list) or not card_cues or not set(card_cues) <= set(cues):
            raise ScamDeckError(f"{where}: cues must list declared cue ids")
        facts = tuple(_provenance(s, where) for s in entry.get("facts") or ())
        sender = entry.get("sender")
        if sender is not None and not (isinstance(sender, str) and sender.strip()):
            raise ScamDeckError(f"{where}: sender must be text")
        cards.append(Card(entry["id"], entry["channel"], entry["verdict"], tuple(card_cues),
                          facts, sender))
    ids = [c.id for c in cards]
    if not cards or len(set(ids)) != len(ids):
        raise ScamDeckError("data/scams.yaml: cards must be present and have distinct ids")
    return Deck(cues, tuple(cards), _words(raw.get("official_hosts"), "official_hosts"),
                _words(raw.get("lookalike_words"), "lookalike_words"))


def load_deck() -> Deck:
    """The cards and cues declared in data/scams.yaml."""
    return _load(str(data_path("scams.yaml")))


def choice_labels(lang: str | None = None) -> dict[str, str]:
    """Display names of the two judgements, in order."""
    return {c: t(f"scams.choice.{c}", lang) for c in CHOICES}


def cue_labels(lang: str | None = None) -> dict[str, str]:
    """Display names of every cue, in declaration order."""
    return {cue_id: cue.name(lang) for cue_id, cue in load_deck().cues.items()}


# --- judging one card ------------------------------------------------------------

@dataclass(frozen=True)
class CueCheck:
    """One cue of a card: whether the learner ticked it, and why it matters here."""

    cue: str
    signal: str
    spotted: bool
    name: dict[str, str]
    why: dict[str, str]
    here: dict[str, str]
    provenance: Provenance


@dataclass(frozen=True)
class Judgement:
    """The grade of one answer, with feedback and the cues found and missed."""

    card_id: str | None
    choice: str | None
    correct: bool = False
    verdict: str | None = None
    feedback: dict[str, str] = field(default_factory=dict)
    cues: tuple[CueCheck, ...] = ()
    extra: tuple[str, ...] = ()  # ticked cues this card does not have
    facts: tuple[Provenance, ...] = ()  # what the card itself rests on
    problem: Refusal | None = None

    @property
    def answered(self) -> bool:
        return self.problem is None

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(c.cue for c in self.cues if not c.spotted)

    @property
    def spotted(self) -> tuple[str, ...]:
        return tuple(c.cue for c in self.cues if c.spotted)

    def message(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        return self.feedback[resolve_language(lang)]

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"


def _clean_spotted(raw: object, deck: Deck) -> frozenset[str] | Refusal:
    return clean_choices(raw, deck.cues, MAX_SPOTTED, "scam_bad_cues",
                         lambda values: ", ".join(_shown(v) for v in values[:5]))


def _clean_choice(raw: object) -> str | Refusal:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Refusal("scam_no_choice")
    if isinstance(raw, str) and len(raw) <= 64 and raw.strip().lower() in CHOICES:
        return raw.strip().lower()
    return Refusal("scam_bad_choice", {"given": _shown(raw)})


def judge(card: object, choice: object, spotted: object = ()) -> Judgement:
    """Grade ``choice`` ("scam" or "genuine") for ``card`` (an id or a Card).

    ``spotted``: the cue ids the learner ticked. The result lists every cue of
    the card, marked spotted or missed, and the ticked cues the card does not
    have (``extra``). Never raises.
    """
    deck = load_deck()
    found = deck.card(card) if isinstance(card, Card) or (
        isinstance(card, str) and len(card) <= 64) else None
    if found is None:
        return Judgement(None, None, problem=Refusal("scam_unknown_card",
                                                     {"given": _shown(card)}))
    picked = _clean_choice(choice)
    if isinstance(picked, Refusal):
        return Judgement(found.id, None, problem=picked)
    ticked = _clean_spotted(spotted, deck)
    if isinstance(ticked, Refusal):
        return Judgement(found.id, picked, problem=ticked)
    checks = tuple(
        CueCheck(cue_id, deck.cues[cue_id].signal, cue_id in ticked,
                 both(f"scams.cue.{cue_id}.name"), both(f"scams.cue.{cue_id}.why"),
                 both(f"scams.card.{found.id}.cues.{cue_id}"), deck.cues[cue_id].provenance)
        for cue_id in found.cues)
    extra = tuple(c for c in deck.cues if c in ticked and c not in found.cues)
    return Judgement(found.id, picked, picked == found.verdict, found.verdict,
                     both(f"scams.card.{found.id}.feedback.{picked}"), checks, extra,
                     found.facts)


# --- a round through the deck ---------------------------------------------------------

@dataclass(frozen=True)
class RoundSummary:
    """The end of a round: score, the cards answered wrongly, the cues missed most."""

    correct: int
    total: int
    wrong_cards: tuple[str, ...]
    missed_cues: tuple[tuple[str, int], ...]  # most often missed first

    @property
    def perfect(self) -> bool:
        return self.correct == self.total

    def text(self, lang: str | None = None) -> str:
        score = t("scams.summary.score", lang, correct=self.correct, total=self.total)
        return f"{score} {t('scams.summary.perfect', lang)}" if self.perfect else score

    def texts(self) -> dict[str, str]:
        return {lang: self.text(lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class Round:
    """The cards of one round in order, and the answers so far (one per card)."""

    order: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()

    @property
    def position(self) -> int:
        return len(self.judgements)

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def finished(self) -> bool:
        return self.position >= self.total

    @property
    def current(self) -> Card | None:
        """The card to answer next; None when the round is over."""
        return None if self.finished else load_deck().card(self.order[self.position])

    @property
    def correct(self) -> int:
        return sum(j.correct for j in self.judgements)


@dataclass(frozen=True)
class RoundStep:
    """What ``answer`` did: the round afterwards, the grade, and the summary at the end."""

    round: Round
    judgement: Judgement
    summary: RoundSummary | None = None


def new_round(rng: random.Random | None = None, cards: Iterable[str] | None = None) -> Round:
    """A round over ``cards`` (default: the whole deck in its teaching order),
    shuffled by ``rng`` when one is given. Unknown card ids are left out."""
    deck = load_deck()
    wanted = [c.id for c in deck.cards] if cards is None else [
        c for c in dict.fromkeys(cards) if isinstance(c, str) and deck.card(c) is not None]
    if rng is not None:
        rng.shuffle(wanted)
    return Round(tuple(wanted))


def summarize(round_: Round) -> RoundSummary:
    """Score, wrong cards and the most-missed cues of the answers so far."""
    missed = Counter(cue for j in round_.judgements for cue in j.missed)
    order = list(load_deck().cues)
    ranked = sorted(missed.items(), key=lambda item: (-item[1], order.index(item[0])))
    return RoundSummary(round_.correct, round_.total,
                        tuple(j.card_id for j in round_.judgements if not j.correct
                              and j.card_id is not None),
                        tuple(ranked))


def answer(round_: Round, choice: object, spotted: object = ()) -> RoundStep:
    """Answer the current card. A refused answer (no choice, unknown cues)
    leaves the round where it was, so the learner can fix it and try again."""
    card = round_.current
    if card is None:
        return RoundStep(round_, Judgement(None, None, problem=Refusal("scam_round_finished")),
                         summarize(round_))
    graded = judge(card, choice, spotted)
    if not graded.answered:
        return RoundStep(round_, graded)
    after = Round(round_.order, (*round_.judgements, graded))
    return RoundStep(after, graded, summarize(after) if after.finished else None)


# --- checking a number or link the learner found ---------------------------------------

HOST_KINDS = ("official", "lookalike", "mixed_script", "other")
# Letters a host name may use: ASCII, and the Latin-extended, Greek and
# Cyrillic letters that look-alike domains borrow (not Japanese script, so a
# link written straight after Japanese text is still cut out cleanly).
_LETTERS = "a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_URLISH = re.compile(rf"[{_LETTERS}\-._~:/?#@!$&*+=%\\\[\]]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://")
_LABEL = re.compile(rf"^[{_LETTERS}](?:[{_LETTERS}\-]*[{_LETTERS}])?$")
_PHONE = re.compile(r"\+?\d(?:[ \-.()]?\d){7,19}")


@dataclass(frozen=True)
class HostFinding:
    """A domain found in the text, and whether it is X's own."""

    host: str
    kind: str  # official | lookalike | mixed_script | other
    text: dict[str, str]

    @property
    def warning(self) -> bool:
        return self.kind != "official"


@dataclass(frozen=True)
class ContactCheck:
    """What ``check_contact`` saw: how many phone numbers (never which) and the domains."""

    numbers: int = 0
    hosts: tuple[HostFinding, ...] = ()
    problem: Refusal | None = None

    @property
    def cues(self) -> tuple[str, ...]:
        """The scam cues found (ids from data/scams.yaml)."""
        found = []
        if self.numbers:
            found.append("phone_support_claim")
        if any(h.warning for h in self.hosts):
            found.append("lookalike_domain")
        return tuple(found)

    @property
    def warnings(self) -> int:
        return (1 if self.numbers else 0) + sum(h.warning for h in self.hosts)

    def findings(self, lang: str | None = None) -> tuple[str, ...]:
        """One sentence per finding, in ``lang``."""
        lines = [t("scams.contact.number", lang)] if self.numbers else []
        return (*lines, *(h.text[resolve_language(lang)] for h in self.hosts))

    def message(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        if not self.warnings:
            return t("scams.contact.none_found", lang)
        return t("scams.contact.found", lang, count=self.warnings)

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


def _clean_host(token: str) -> str | None:
    """The host a browser would open for a link (or the domain of an email address).

    The standard library's URL parser splits the link, so a user name before "@",
    a port, and an "@" or a domain inside the path, query or fragment never pass
    for the host (``https://evil.example/@x.com`` opens evil.example). A link
    without a scheme is read as the browser's address bar would; a backslash
    counts as a slash, as browsers treat it in web links; an IDN (xn--) label is
    shown in its own letters, so a look-alike in another script is seen.
    """
    text = token.replace("\\", "/")
    with_scheme = bool(_SCHEME.match(text))
    if not with_scheme:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:  # an unbalanced "[" or a bad port
        return None
    if not host:
        return None
    if with_scheme:  # a link to a bare IP address is a link too (and never X's)
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(host))
    host = _unicode_host(host.strip(".-_*~!"))
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    tld = labels[-1]
    return host if tld.isalpha() and 2 <= len(tld) <= 63 else None


def _unicode_host(host: str) -> str:
    """Punycode labels (xn--...) decoded to the letters they stand for."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):  # not valid punycode: shown as is
                label = label.encode("ascii").decode("idna")
        labels.append(label)
    return ".".join(labels)


def _classify(host: str, deck: Deck) -> str:
    if any(host == h or host.endswith("." + h) for h in deck.official_hosts):
        return "official"
    if not host.isascii():
        return "mixed_script"
    pieces = set(re.split(r"[.\-]", host))
    squeezed = host.replace(".", "").replace("-", "")
    for word in deck.lookalike_words:
        plain = word.replace("-", "")
        if word in pieces or (len(plain) >= 4 and plain in squeezed):
            return "lookalike"
    return "other"


def _count_numbers(text: str) -> int:
    return sum(1 for m in _PHONE.finditer(text) if 10 <= sum(ch.isdigit() for ch in m.group())
               <= 15)


def check_contact(text: object) -> ContactCheck:
    """Look at a "support" number, link, address or message someone found.

    Reports how many phone numbers it holds (X has no phone line, so a number
    sold as X support is not X's; the number itself is never repeated) and
    each domain: X's own, a look-alike, one with non-Latin letters, or
    another site. Finding nothing never means "safe". Never raises.
    """
    if not isinstance(text, str):
        return ContactCheck(problem=Refusal("scam_contact_bad_type"))
    if len(text) > MAX_CONTACT_CHARS:
        return ContactCheck(problem=Refusal("scam_contact_too_long",
                                            {"limit": MAX_CONTACT_CHARS}))
    normal = unicodedata.normalize("NFKC", text)
    normal = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in normal).lower()
    if not normal.strip():
        return ContactCheck(problem=Refusal("scam_contact_empty"))
    deck = load_deck()
    hosts: dict[str, str] = {}
    outside_links = normal
    for token in _URLISH.findall(normal):
        host = _clean_host(token) if "." in token or ":" in token else None
        if host is None:
            continue
        if host not in hosts:
            hosts[host] = _classify(host, deck)
        # Digits inside a link (a post id, a query) are not a phone number to warn about.
        outside_links = outside_links.replace(token, " ")
    numbers = _count_numbers(outside_links)
    if not numbers and not hosts:
        return ContactCheck(problem=Refusal("scam_contact_nothing_found"))
    findings = tuple(HostFinding(h, kind, both(f"scams.contact.host.{kind}", host=h))
                     for h, kind in hosts.items())
    return ContactCheck(numbers, findings)
