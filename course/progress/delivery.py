"""The learner's side on a hub: send workshop answers to the results service, never lose one.

A ``Sender`` is a daemon thread of the learner's kernel. The quiz calls
``notify()`` after recording an answer; the thread takes the outbox
(``ProgressStore.undelivered``), posts it with the kernel's
``$JUPYTERHUB_API_TOKEN`` and marks each answer with the service's verdict.
While the service (or the hub) does not answer, the answers stay in the store
and the thread retries with backoff (``course.progress.outbox.Backoff``); a
restarted kernel starts a new thread that finds the same outbox. The learner's
own pseudonym is never sent: the service knows the learner from the token.

It also asks the service which lessons the instructor released (after every
post, and every ``POLL_SECONDS`` while a quiz waits for a release) and tells
the quizzes that watch.

``sender_for(store)`` gives the kernel's sender when it runs on a hub with the
results service (``COURSE_RESULTS_URL`` and ``JUPYTERHUB_API_TOKEN`` set),
else None: on a learner's own computer nothing is sent anywhere.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from course.progress.outbox import Backoff, DeliveryStatus
from course.progress.store import ProgressStore
from course.quiz.results_io import ResultRow

BATCH = 50
POLL_SECONDS = 5.0
TIMEOUT = 10.0
SENT_STATUSES = ("stored", "duplicate", "conflict")  # the service holds an answer for it
_NOT_IN_HEAD = re.compile(r"[^\x21-\x7e]")


class Retry(Exception):
    """The service could not take the answers now: keep them and try again later."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict


class Connection:
    """Requests to the service over one kept-alive HTTP connection (opened again when
    it breaks): a submit costs one round trip, not a TCP handshake as well.

    A request goes out in one write (``request_bytes``). ``http.client`` writes the
    head and the body separately, and between the two this thread gives up the
    GIL and must win it back from a kernel busy with the learner's clicks, while
    the service waits holding half a request. ``http.client`` still opens the
    connection (TLS included) and reads the reply.
    """

    def __init__(self, timeout: float = TIMEOUT):
        self.timeout = timeout
        self._lock = threading.Lock()  # one request at a time on the one connection
        self._conn: http.client.HTTPConnection | None = None
        self._where: tuple[str, str, int] | None = None

    def __call__(self, method: str, url: str, token: str, body: bytes | None = None) -> Reply:
        """One request; ``Retry`` for anything that may work later."""
        with self._lock:
            return self._request(method, url, token, body)

    def _request(self, method: str, url: str, token: str, body: bytes | None) -> Reply:
        parts = urllib.parse.urlsplit(url)
        where = (parts.scheme, parts.hostname or "127.0.0.1", parts.port or (
            443 if parts.scheme == "https" else 80))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            request = request_bytes(method, parts.netloc.rpartition("@")[2], path, token, body)
        except http.client.InvalidURL as exc:
            raise Retry(str(exc)) from None
        for fresh in (False, True):  # a kept-alive connection the server closed: once more
            conn = self._connection(where, fresh)
            try:
                if conn.sock is None:
                    conn.connect()
                conn.sock.sendall(request)
                response = conn.response_class(conn.sock, method=method)
                response.begin()
                status, text = response.status, response.read()
                if response.will_close:
                    self.close()
                break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                if fresh:
                    raise Retry(str(exc)[:200]) from None
        try:
            payload = json.loads(text or b"{}")
        except ValueError:
            payload = {}
        if status == 200 or status == 400:
            return Reply(status, payload if isinstance(payload, dict) else {})
        raise Retry(f"HTTP {status}")

    def _connection(self, where: tuple[str, str, int], fresh: bool) -> http.client.HTTPConnection:
        if fresh or self._conn is None or self._where != where:
            self.close()
            kind = (http.client.HTTPSConnection if where[0] == "https"
                    else http.client.HTTPConnection)
            self._conn, self._where = kind(where[1], where[2], timeout=self.timeout), where
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None


def request_bytes(method: str, host: str, path: str, token: str, body: bytes | None) -> bytes:
    """One HTTP/1.1 request, head and body together (see ``Connection``). Only
    visible ASCII may stand in the head: anything else is refused, as ``http.client``
    refuses it, and never lets a setting add a header."""
    if any(_NOT_IN_HEAD.search(part) for part in (method, host, path, token)):
        raise http.client.InvalidURL("the results service's address or token has a "
                                     "character a request head cannot carry")
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Authorization: token {token}",
             "Accept: application/json", "Accept-Encoding: identity"]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")


def body_of(rows: list[ResultRow]) -> bytes:
    """The rows as the service reads them: the results format without the pseudonym."""
    return json.dumps({"rows": [{k: v for k, v in row.as_dict().items() if k != "learner"}
                                for row in rows]}, ensure_ascii=False).encode("utf-8")


class Sender:
    """The outbox's delivery thread for one store (see the module docstring)."""

    def __init__(self, store: ProgressStore, url: str, token: str, *,
                 backoff: Backoff | None = None, rng: random.Random | None = None,
                 call: Callable[..., Reply] | None = None, poll_seconds: float = POLL_SECONDS):
        self.store, self.url, self.token = store, url.rstrip("/") + "/", token
        self.backoff, self.rng = backoff or Backoff(), rng or random.Random()
        self.call = call or Connection()
        self.poll_seconds = poll_seconds
        self.failures = 0
        self.retry_at: float | None = None
        self.released: set[str] = set()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._listeners: list[Callable[[DeliveryStatus], None]] = []
        self._release_watchers: dict[str, list[Callable[[], None]]] = {}
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="course-results-sender",
                                        daemon=True)
        self._thread.start()

    # ----------------------------------------------------------------- API
    def notify(self) -> None:
        """An answer was recorded: try to send now, even while waiting to retry (a
        learner's action is worth one try; the automatic retries keep the backoff)."""
        self.retry_at = None
        self._idle.clear()
        self._wake.set()

    def subscribe(self, listener: Callable[[DeliveryStatus], None]) -> None:
        with self._lock:
            self._listeners.append(listener)
        listener(self.status())

    def watch_release(self, quiz: str, callback: Callable[[], None]) -> None:
        """Call ``callback`` (once) when the instructor releases ``quiz``."""
        with self._lock:
            if quiz in self.released:
                callback()
                return
            self._release_watchers.setdefault(quiz, []).append(callback)
        self._wake.set()

    def status(self) -> DeliveryStatus:
        counts = self.store.delivery_counts()
        retry_in = None if self.retry_at is None else max(0.0, self.retry_at - time.monotonic())
        reason = self.store.last_refusal() if counts["refused"] else None
        return DeliveryStatus(counts["sent"], counts["waiting"], counts["refused"], retry_in,
                              reason)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until the outbox is empty (tests and benchmarks); False on timeout."""
        self.notify()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._idle.wait(0.05) and not self.store.undelivered(1):
                return True
        return not self.store.undelivered(1)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=5)

    # ----------------------------------------------------------------- thread
    def _run(self) -> None:
        while not self._stop.is_set():
            waited = self._send_all()
            if self._watching():
                self._poll_releases()
            self._idle.set()
            timeout = waited if waited is not None else (
                self.poll_seconds if self._watching() else None)
            self._wake.wait(timeout)
            self._wake.clear()

    def _watching(self) -> bool:
        with self._lock:
            return bool(self._release_watchers)

    def _send_all(self) -> float | None:
        """Send the outbox; the seconds to wait before retrying, or None when done."""
        while not self._stop.is_set():
            if self.retry_at is not None and time.monotonic() < self.retry_at:
                return self.retry_at - time.monotonic()
            batch = self.store.undelivered(BATCH)
            if not batch:
                return None
            try:
                reply = self.call("POST", self.url + "api/answers", self.token,
                                  body_of([row for _, row in batch]))
            except Retry:
                self.failures += 1
                delay = self.backoff.delay(self.failures, self.rng)
                self.retry_at = time.monotonic() + delay
                self._publish()
                return delay
            self.failures, self.retry_at = 0, None
            self._settle(batch, reply)
            self._publish()
        return None

    def _settle(self, batch: list[tuple[int, ResultRow]], reply: Reply) -> None:
        results = reply.body.get("results") if reply.status == 200 else None
        if not isinstance(results, list) or len(results) != len(batch):
            message = json.dumps(reply.body.get("message") or {}, ensure_ascii=False)
            self.store.mark_delivered((i, "refused", message) for i, _ in batch)
            return
        outcomes = []
        for (answer_id, _), result in zip(batch, results, strict=True):
            status = result.get("status") if isinstance(result, dict) else None
            if status in SENT_STATUSES:
                outcomes.append((answer_id, "sent", None))
            else:
                message = result.get("message") if isinstance(result, dict) else None
                outcomes.append((answer_id, "refused", json.dumps(message or {},
                                                                  ensure_ascii=False)))
        self.store.mark_delivered(outcomes)
        self._released(reply.body.get("released"))

    def _poll_releases(self) -> None:
        try:
            reply = self.call("GET", self.url + "api/releases", self.token)
        except Retry:
            return
        if reply.status == 200:
            self._released(reply.body.get("released"))

    def _released(self, quizzes: object) -> None:
        if not isinstance(quizzes, list):
            return
        callbacks = []
        with self._lock:
            for quiz in quizzes:
                if isinstance(quiz, str) and quiz not in self.released:
                    self.released.add(quiz)
                    callbacks += self._release_watchers.pop(quiz, [])
        for callback in callbacks:
            callback()

    def _publish(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        if listeners:
            status = self.status()
            for listener in listeners:
                listener(status)


_SENDERS: dict[str, Sender] = {}
_SENDERS_LOCK = threading.Lock()


def sender_for(store: ProgressStore | None) -> Sender | None:
    """This kernel's sender for ``store`` on a hub with the results service, else None."""
    url = os.environ.get("COURSE_RESULTS_URL")
    token = os.environ.get("JUPYTERHUB_API_TOKEN")
    if store is None or not url or not token or store.in_memory:
        return None
    key = str(store.path)
    with _SENDERS_LOCK:
        sender = _SENDERS.get(key)
        if sender is None:
            sender = _SENDERS[key] = Sender(store, url, token)
    return sender
