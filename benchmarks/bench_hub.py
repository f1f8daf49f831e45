"""The results service on a real JupyterHub (loopback only; a hub started and stopped here).

1. Throughput, SQLite and PostgreSQL (target: 500 graded answers/s or more):
   20 learners' tokens post answers to 03 concurrently through the hub's
   authentication, one answer per request (as a quiz sends them) and one
   lesson per request (an outbox emptied after an outage).
2. A class: 20 learners, each with their own server and kernel, answer the
   whole lesson 03 at once through the quiz widget; the kernels time every
   submit (POST to the service and back). Targets: nothing lost or
   duplicated, submit latency p95 <= 100 ms. Two rounds:
   - at a brisk pace: all 20 start together and each answers a question every
     0.5-1.5 s (ten times faster than anyone reads one), the kernel idle in
     between as it is between clicks;
   - with no pause at all (stress): each kernel answers the 19 questions in
     one go, all 380 answers in about a second. The two cores are then
     saturated (the kernels and the servers relaying about 1,400 widget
     messages need about 2 CPU-seconds in that second), and every submit
     waits for a CPU; this round shows the overload, not a class.
   Also measured: the start-up rush (20 servers started together) and memory
   per learner.

Needs the ``hub`` extra and, for PostgreSQL, Debian's postgresql. The machine
is shared: run it when nothing else runs for figures worth quoting.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.timing import percentile
from course.quiz.bank import load_bank

LEARNERS = 20
PAUSE = (0.5, 1.5)  # seconds between two answers of one learner, the brisk round
BANK = "03_sms_codes"


def _rows(learner: int, attempt: int) -> list[dict]:
    bank = load_bank(BANK)
    rng = random.Random(learner * 1000 + attempt)
    out = []
    for question in bank.questions:
        if question.options:
            value = rng.choice(question.options).id
            value = [value] if question.type == "multiple_choice" else value
        elif question.rules:
            value = question.rules[0].value
        elif question.accept:
            value = question.accept[0].text
        elif question.items:
            value = [i.id for i in question.items]
        else:
            value = {p.id: p.match for p in question.prompts}
        out.append({"quiz": BANK, "question": question.id, "answer": json.dumps(value),
                    "attempt": attempt, "answered_at": "2026-01-06T10:00:00Z",
                    "mode": "workshop", "score": 1.0})
    return out


def _blast(url: str, tokens: list[str], batch: bool, rounds: int, first: int
           ) -> tuple[int, float]:
    """Each learner posts from its own thread over a kept-alive connection, as the
    kernels' senders do (course.progress.delivery.Connection)."""
    from course.progress.delivery import Connection

    load_bank(BANK)  # loaded (and its schema imported) once, before the threads

    def learner(index: int, token: str) -> int:
        call, sent = Connection(), 0
        for attempt in range(first, first + rounds):
            rows = _rows(index, attempt)
            for body in ([rows] if batch else [[row] for row in rows]):
                reply = call("POST", url, token, json.dumps({"rows": body}).encode())
                assert all(r["status"] == "stored" for r in reply.body["results"]), reply
                sent += len(body)
        call.close()
        return sent

    start = time.perf_counter()
    with ThreadPoolExecutor(len(tokens)) as pool:
        sent = sum(pool.map(learner, range(len(tokens)), tokens))
    return sent, time.perf_counter() - start


def throughput(results_db: str | None, label: str) -> None:
    from tests.hub.hubserver import new_hub

    with tempfile.TemporaryDirectory(prefix="bench-hub-") as folder:
        hub = new_hub(Path(folder), results_db=results_db)
        try:
            hub.start()
            names = [f"learner{n:02d}" for n in range(LEARNERS)]
            hub.add_users(names)
            tokens = [hub.user_token(name) for name in names]
            url = hub.service_url + "api/answers"
            _blast(url, tokens, False, 1, 1000)  # the service's token cache is now warm
            for batch, rounds, first, kind in (
                    (False, 10, 1, "one answer per request"),
                    (True, 20, 100, "a lesson (12 answers) per request")):
                sent, seconds = _blast(url, tokens, batch, rounds, first)
                print(f"{label}, {kind}: {sent} graded answers in {seconds:.2f} s = "
                      f"{sent / seconds:.0f} answers/s ({LEARNERS} learners at once)",
                      flush=True)
        finally:
            hub.stop()


KERNEL_CODE = """
import json, time
from course.ui.quiz import Quiz
quiz = Quiz("03_sms_codes", "en")
sender = quiz.sender
latencies = []
original = sender.call
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return original(*args, **kwargs)
    finally:
        if args[0] == "POST":
            latencies.append(time.perf_counter() - start)
sender.call = timed
# The service asks the hub who a token belongs to once, then keeps the answer: the
# first request of each kernel does that before the timed lesson.
assert original("GET", sender.url + "api/releases", sender.token).status == 200
"""
ANSWER_CODE = """
import random
latencies.clear()
rng = random.Random({seed})
for question in quiz.session.question_list():
    if question.options:
        value = rng.choice(question.options).id
        value = [value] if question.type == "multiple_choice" else value
    elif question.rules:
        value = question.rules[0].value
    elif question.accept:
        value = question.accept[0].text
    elif question.items:
        value = [i.id for i in question.items]
    else:
        value = {{p.id: p.match for p in question.prompts}}
    if {pause_max}:
        time.sleep(rng.uniform({pause_min}, {pause_max}))
    assert quiz.answer(question.id, value).saved
print(json.dumps({{"flushed": sender.flush(60), "latencies": latencies,
                  "local": len(quiz.session.store.rows(mode="workshop"))}}))
"""


def _memory_mib(hub_root: Path) -> list[float]:
    """Resident memory of each learner's processes (server and kernel), in MiB."""
    per: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            status = (entry / "status").read_text()
        except OSError:
            continue
        user = next((v.split(b"=", 1)[1].decode() for v in environ
                     if v.startswith(b"JUPYTERHUB_USER=")), None)
        home = next((v for v in environ if v.startswith(b"HOME=")), b"")
        if user and str(hub_root).encode() in home:
            rss = next(int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmRSS:"))
            per[user] = per.get(user, 0.0) + rss / 1024
    return sorted(per.values())


def _answer_round(hub, kernels: dict[str, str], label: str, pause: tuple[float, float],
                  round_no: int) -> int:
    """Every learner answers lesson 03 once more, all at the same moment; the
    learners' stores' total answers afterwards."""
    names = list(kernels)

    def answer(name: str) -> dict:
        code = ANSWER_CODE.format(seed=names.index(name) + 100 * round_no,
                                  pause_min=pause[0], pause_max=pause[1])
        return json.loads(hub.execute(name, kernels[name], code, timeout=180))

    log_start = hub.log_path.stat().st_size
    start = time.perf_counter()
    with ThreadPoolExecutor(len(names)) as pool:
        results = list(pool.map(answer, names))
    seconds = time.perf_counter() - start
    latencies = [x for r in results for x in r["latencies"]]
    print(f"{len(names)} learners answering lesson 03 {label}: done in {seconds:.1f} s, "
          f"flushed {sum(r['flushed'] for r in results)}/{len(names)}", flush=True)
    print(f"  submit latency (kernel -> service -> kernel, {len(latencies)} posts): "
          f"median {percentile(latencies, 50) * 1e3:.1f} ms, "
          f"p95 {percentile(latencies, 95) * 1e3:.1f} ms, "
          f"max {max(latencies) * 1e3:.1f} ms", flush=True)
    with hub.log_path.open("rb") as log:
        log.seek(log_start)
        served = [float(m) / 1e3 for m in re.findall(
            rb"POST /services/course-results/api/answers \S+ ([0-9.]+)ms", log.read())]
    if served:
        print(f"  the same posts inside the service (tornado's own timing): median "
              f"{percentile(served, 50) * 1e3:.1f} ms, p95 "
              f"{percentile(served, 95) * 1e3:.1f} ms", flush=True)
    return sum(r["local"] for r in results)


def a_class() -> None:
    from tests.hub.hubserver import new_hub

    with tempfile.TemporaryDirectory(prefix="bench-class-") as folder:
        hub = new_hub(Path(folder))
        try:
            hub.start()
            names = [f"learner{n:02d}" for n in range(LEARNERS)]
            hub.add_users(names)
            start = time.perf_counter()
            hub.start_servers(names, timeout=240)
            print(f"start-up rush: {LEARNERS} servers started together, all ready in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)

            def prepare(name: str) -> str:
                from tornado.httpclient import HTTPClientError

                kernel = hub.start_kernel(name)
                for attempt in range(3):
                    try:
                        hub.execute(name, kernel, KERNEL_CODE, timeout=180)
                        return kernel
                    except HTTPClientError as exc:  # 599: the kernel's websocket refused
                        if exc.code != 599 or attempt == 2:  # while 20 kernels start at
                            raise  # once (connecting again later works); nothing ran yet
                        time.sleep(2)
                return kernel

            start = time.perf_counter()
            with ThreadPoolExecutor(LEARNERS) as pool:
                kernels = dict(zip(names, pool.map(prepare, names), strict=True))
            print(f"{LEARNERS} kernels started and the course imported in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)
            memory = _memory_mib(Path(folder))
            if memory:
                print(f"memory per learner (server + kernel with the course): median "
                      f"{memory[len(memory) // 2]:.0f} MiB, max {memory[-1]:.0f} MiB",
                      flush=True)

            local = 0
            rounds = ((f"at a brisk pace ({PAUSE[0]}-{PAUSE[1]} s per question)", PAUSE),
                      ("with no pause at all (stress)", (0, 0)))
            for round_no, (label, pause) in enumerate(rounds):
                local = _answer_round(hub, kernels, label, pause, round_no)
            hub.add_users(["teacher"])  # the hub's instructor (tests.hub.hubserver)
            rows = hub.api("GET", "api/answers?all=1", base=hub.service_url,
                           token=hub.user_token("teacher"))
            keys = {(r["learner"], r["question"], r["attempt"]) for r in rows["rows"]}
            print(f"after both rounds: {local} answers in the learners' stores; "
                  f"{len(rows['rows'])} rows at the service, {len(keys)} distinct "
                  f"(lost {local - len(keys)}, duplicated {len(rows['rows']) - len(keys)})",
                  flush=True)
        finally:
            hub.stop()


def main() -> None:
    from tests.hub.conftest import hub_problem
    from tests.hub.postgres import postgres_problem, start_postgres

    problem = hub_problem()
    if problem:
        print(f"skipped: {problem}")
        return
    throughput(None, "SQLite (WAL)")
    if postgres_problem():
        print(f"PostgreSQL skipped: {postgres_problem()}")
    else:
        server = start_postgres(durable=True)
        try:
            throughput(server.url, "PostgreSQL (fsync on)")
        finally:
            server.stop()
    a_class()


if __name__ == "__main__":
    main()
