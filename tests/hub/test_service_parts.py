"""The results service's pure parts and the learner's outbox, without a hub (fast)."""

from __future__ import annotations

import json
import random
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.hub.dashboard import class_view, live_html
from course.hub.protocol import (
    MAX_BODY_BYTES,
    MAX_ROWS,
    BodyError,
    OtherLearnerError,
    learner_id,
    parse_body,
    receive,
)
from course.hub.storage import CONFLICT, DUPLICATE, STORED, Incoming, SQLiteStorage, open_storage
from course.progress.delivery import Reply, Retry, Sender, body_of
from course.progress.outbox import Backoff, DeliveryStatus
from course.progress.session import QuizSession
from course.progress.store import ProgressStore
from course.quiz.bank import load_bank
from course.quiz.results_io import ResultRow
from tests.helpers import examples

SMS = load_bank("03_sms_codes")
BANKS = {SMS.id: SMS}


def raw(answer: object = "six", **fields: object) -> dict:
    row = {"quiz": "03_sms_codes", "question": "sms-code-digits", "answer": json.dumps(answer),
           "attempt": 1, "answered_at": "2026-01-06T10:00:00Z", "mode": "workshop"}
    row.update(fields)
    return row


# --------------------------------------------------------------------------- protocol


def test_the_service_grades_every_row_and_flags_a_forged_score():
    honest = receive(raw("six", score=1.0), "alice", BANKS)
    assert honest.ok and honest.row.score == 1.0 and not honest.regraded
    forged = receive(raw("four", score=1.0), "alice", BANKS)
    assert forged.row.score == 0.0 and forged.regraded and forged.claimed_score == 1.0
    assert forged.row.learner == "alice" and forged.row.objective == "sms.code_rules"


def test_a_body_cannot_speak_for_another_learner():
    assert receive(raw(learner="alice"), "alice", BANKS).ok
    with pytest.raises(OtherLearnerError):
        receive(raw(learner="bob"), "alice", BANKS)


def test_invalid_answers_are_kept_as_text_and_score_zero_and_numbers_are_refused():
    markup = receive(raw("<img src=x onerror=alert(1)>", score=1.0), "alice", BANKS)
    assert markup.ok and markup.invalid == "unknown_option" and markup.row.score == 0.0
    assert markup.regraded
    phone = receive(raw("090-0123-4567"), "alice", BANKS)
    assert not phone.ok and phone.problem.code == "looks_like_phone_or_code"
    unknown = receive(raw(question="nope"), "alice", BANKS)
    assert not unknown.ok and "no such quiz" in unknown.problem.message("en")
    extra = receive({**raw(), "secret": 1}, "alice", BANKS)
    assert not extra.ok and extra.problem.code == "unknown_fields"


@pytest.mark.parametrize("body, code", [
    (b"x" * (MAX_BODY_BYTES + 1), "too_big"), (b"{not json", "not_json"),
    (b"\xff\xfe", "not_json"), (b"[]", "no_rows"), (b'{"rows": []}', "no_rows"),
    (json.dumps({"rows": [{}] * (MAX_ROWS + 1)}).encode(), "too_many_rows"),
])
def test_a_bad_body_is_refused_with_a_message_in_both_languages(body, code):
    with pytest.raises(BodyError) as refused:
        parse_body(body)
    assert refused.value.problem.code == code
    assert all(refused.value.problem.text[lang] for lang in ("ja", "en"))


@settings(max_examples=examples(150), deadline=None)
@given(st.binary(max_size=400) | st.builds(lambda rows: json.dumps({"rows": rows}).encode(),
                                          st.lists(st.dictionaries(
                                              st.sampled_from([*sorted(raw()), "score"]),
                                              st.none() | st.integers() | st.text(max_size=20)
                                              | st.floats(allow_nan=True)), max_size=4)))
def test_any_body_is_refused_or_graded_never_raises(body):
    try:
        rows = parse_body(body)
    except BodyError:
        return
    for item in rows:
        result = receive(item, "alice", BANKS)
        assert result.ok or result.problem is not None
        if result.ok:
            assert 0.0 <= result.row.score <= 1.0 and result.row.learner == "alice"


def test_hub_names_become_learner_ids_that_never_look_like_numbers():
    assert learner_id("alice") == "alice"
    for name in ("tanaka09012345678", "名前", "a b", "x" * 80):
        made = learner_id(name)
        assert made.startswith("hub-") and made == learner_id(name) and name not in made


# --------------------------------------------------------------------------- storage


def row_of(learner: str = "alice", attempt: int = 1, answer: str = '"six"') -> ResultRow:
    return ResultRow(learner, "03_sms_codes", "sms-code-digits", "sms.code_rules",
                     "single_choice", answer, 1.0 if answer == '"six"' else 0.0, 1.0, attempt,
                     "2026-01-06T10:00:00Z", "workshop")


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request, tmp_path):
    if request.param == "sqlite":
        made = open_storage(str(tmp_path / "results.sqlite"))
        yield made
        made.close()
        return
    server = request.getfixturevalue("postgres")
    made = open_storage(server.url)
    made._execute("DROP TABLE IF EXISTS answers")
    made._execute("DROP TABLE IF EXISTS releases")
    made.create()
    yield made
    made.close()


def test_a_row_is_stored_once_and_a_different_answer_for_its_key_is_a_conflict(storage):
    assert storage.add([Incoming(row_of())]) == [STORED]
    assert storage.add([Incoming(row_of()), Incoming(row_of(attempt=2))]) == [DUPLICATE,
                                                                              STORED]
    assert storage.add([Incoming(row_of(answer='"four"'))]) == [CONFLICT]
    assert [s.row.attempt for s in storage.rows()] == [1, 2]
    assert storage.rows("bob") == [] and storage.version() == (2, 0)
    assert storage.release("03_sms_codes", "teacher") and not storage.release(
        "03_sms_codes", "teacher")
    assert set(storage.releases()) == {"03_sms_codes"} and storage.version() == (2, 1)


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["alice", "bob"]), st.integers(1, 3),
                          st.sampled_from(['"six"', '"four"'])), max_size=20))
def test_idempotent_whatever_the_order_and_repeats(tmp_path_factory, sends):
    storage = SQLiteStorage(tmp_path_factory.mktemp("p") / "r.sqlite")
    first: dict[tuple, str] = {}
    for learner, attempt, answer in sends:
        status = storage.add([Incoming(row_of(learner, attempt, answer))])[0]
        key = (learner, attempt)
        expected = STORED if key not in first else (
            DUPLICATE if first[key] == answer else CONFLICT)
        assert status == expected
        first.setdefault(key, answer)
    stored = {(s.row.learner, s.row.attempt): s.row.answer for s in storage.rows()}
    assert stored == first
    storage.close()


# --------------------------------------------------------------------------- outbox


def test_backoff_doubles_up_to_the_cap_with_bounded_jitter():
    backoff = Backoff(first=1.0, factor=2.0, cap=8.0, jitter=0.25)
    rng = random.Random(1)
    assert backoff.delay(0, rng) == 0.0
    for failures, base in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0), (500, 8.0)):
        for _ in range(20):
            assert base * 0.75 - 1e-9 <= backoff.delay(failures, rng) <= min(8.0, base * 1.25)


def test_the_learner_reads_where_their_answers_are_in_their_language():
    assert "reached the instructor" in DeliveryStatus(sent=3).text("en")
    waiting = DeliveryStatus(sent=1, waiting=2, retry_in=4.2)
    assert "2 answer(s) have not reached the instructor yet" in waiting.text("en")
    assert "4 s" in waiting.text("en") and waiting.kind == "notice"
    assert "まだ講師に届いていません" in waiting.text("ja")
    refused = DeliveryStatus(sent=1, refused=1, reason=json.dumps({"ja": "だめ", "en": "no"}))
    assert refused.text("ja").endswith("だめ") and refused.text("en").endswith("no")


class FakeService:
    """The service's grading and storage behind a transport that can be down."""

    def __init__(self, storage, down: int = 0):
        self.storage, self.down, self.calls = storage, down, 0
        self.released: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, method, url, token, body=None):
        with self.lock:
            self.calls += 1
            if self.down > 0:
                self.down -= 1
                raise Retry("connection refused")
        if method == "GET":
            return Reply(200, {"released": self.released})
        received = [receive(r, "alice", BANKS) for r in parse_body(body)]
        statuses = iter(self.storage.add([Incoming(r.row, r.claimed_score, r.regraded)
                                          for r in received if r.ok]))
        results = [{"status": next(statuses)} if r.ok else
                   {"status": "refused", "message": r.problem.text} for r in received]
        return Reply(200, {"results": results, "released": self.released})


def answer_all(store: ProgressStore, sender: Sender | None = None) -> int:
    session = QuizSession(SMS, mode="workshop", store=store)
    count = 0
    for question in SMS.questions:
        for option in question.options[:2]:
            if session.answer(question.id, option.id).saved:
                count += 1
                if sender:
                    sender.notify()
    return count


def test_answers_wait_while_the_service_is_down_then_arrive_once(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    service = FakeService(SQLiteStorage(tmp_path / "service.sqlite"), down=4)
    sender = Sender(store, "http://service/", "token", call=service,
                    backoff=Backoff(first=0.01, cap=0.05), rng=random.Random(2))
    try:
        answered = answer_all(store, sender)
        assert sender.flush(10)
        stored = service.storage.rows()
        assert len(stored) == answered and len({s.row.key for s in stored}) == answered
        assert sender.status() == DeliveryStatus(sent=answered)
        assert service.calls > 4  # it kept trying
    finally:
        sender.stop()
    # A new kernel (a new sender on the same store) finds nothing left to send.
    again = Sender(store, "http://service/", "token", call=service)
    try:
        assert again.flush(5) and len(service.storage.rows()) == answered
    finally:
        again.stop()


def test_a_restarted_kernel_sends_what_the_old_one_could_not(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    answered = answer_all(store)  # recorded while no sender ran (kernel died before sending)
    assert store.delivery_counts() == {"sent": 0, "refused": 0, "waiting": answered}
    service = FakeService(SQLiteStorage(tmp_path / "service.sqlite"))
    reopened = ProgressStore(tmp_path / "progress.sqlite")
    sender = Sender(reopened, "http://service/", "token", call=service)
    try:
        assert sender.flush(10) and len(service.storage.rows()) == answered
        assert reopened.delivery_counts()["sent"] == answered
    finally:
        sender.stop()


def test_a_release_from_the_dashboard_reaches_a_watching_quiz(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    service = FakeService(SQLiteStorage(tmp_path / "service.sqlite"))
    sender = Sender(store, "http://service/", "token", call=service, poll_seconds=0.05)
    released = threading.Event()
    try:
        sender.watch_release(SMS.id, released.set)
        assert not released.wait(0.2)
        service.released.append(SMS.id)
        assert released.wait(5)
    finally:
        sender.stop()


def test_the_body_never_carries_the_local_pseudonym():
    body = json.loads(body_of([row_of("learner-abcdefgh")]))
    assert all("learner" not in r for r in body["rows"]) and len(body["rows"]) == 1


# --------------------------------------------------------------------------- dashboard


def test_the_dashboard_counts_progress_and_escapes_what_learners_typed():
    rows = [row_of("alice"), row_of("bob", answer='"four"'),
            row_of("eve", answer=json.dumps("<script>alert(1)</script>"))]
    view = class_view(rows, {}, [rows[2]])
    assert view.learners == ("alice", "bob", "eve") and view.started(SMS.id) == 3
    page = live_html(view, "en", "")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Release the answers of 03_sms_codes" in page
    assert "Answers that are not valid for their question" in page
    ja = live_html(view, "ja", "")
    assert "03_sms_codes の答えを公開する" in ja and "受講者 3人" in ja
    released = live_html(class_view(rows, {SMS.id: "2026-01-06T10:42:00.000Z"}), "en", "")
    assert "✔ Released (at 10:42 UTC)" in released and "Release the answers of" not in released


def test_concurrent_requests_share_one_transaction_and_get_their_own_statuses(tmp_path):
    import asyncio

    from tests.hub.conftest import require_hub

    require_hub()  # the service module imports jupyterhub
    from course.hub.service import GroupWriter

    storage = SQLiteStorage(tmp_path / "r.sqlite")
    storage.writes_inline = False  # as PostgreSQL: writes go to a thread, in groups
    calls, threads = _counting(storage)
    results = asyncio.run(_many(GroupWriter(storage)))
    assert results[:8] == [[STORED, STORED]] * 8 and results[8] == [DUPLICATE, CONFLICT]
    assert sum(calls) == 18 and len(calls) < 9  # grouped, not one transaction each
    assert threading.get_ident() not in threads  # off the event loop
    storage.close()


def test_sqlite_writes_on_the_event_loop_each_request_its_own_transaction(tmp_path):
    import asyncio

    from tests.hub.conftest import require_hub

    require_hub()
    from course.hub.service import GroupWriter

    storage = SQLiteStorage(tmp_path / "r.sqlite")
    assert storage.writes_inline
    calls, threads = _counting(storage)
    results = asyncio.run(_many(GroupWriter(storage)))
    assert results[:8] == [[STORED, STORED]] * 8 and results[8] == [DUPLICATE, CONFLICT]
    assert calls == [2] * 9 and threads == {threading.get_ident()}  # no trip to a thread
    storage.close()


def _counting(storage) -> tuple[list[int], set[int]]:
    calls: list[int] = []
    threads: set[int] = set()
    real_add = storage.add

    def counted(rows):
        calls.append(len(rows))
        threads.add(threading.get_ident())
        return real_add(rows)

    storage.add = counted
    return calls, threads


async def _many(writer):
    import asyncio

    requests = [[Incoming(row_of(f"l{n}", attempt)) for attempt in (1, 2)] for n in range(8)]
    requests.append([Incoming(row_of("l0", 1)), Incoming(row_of("l0", 1, '"four"'))])
    return await asyncio.gather(*(writer.add(r) for r in requests))
