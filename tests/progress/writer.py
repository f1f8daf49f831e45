"""A separate process that records answers into one progress file, printing
``ok <attempt>`` after each committed answer (used by test_concurrency.py).

    python tests/progress/writer.py PATH COUNT
"""

from __future__ import annotations

import sys


def main(path: str, count: int) -> int:
    from course.progress.store import ProgressStore

    store = ProgressStore(path)
    if store.notice is not None:
        print("notice", store.notice.code, flush=True)
        return 1
    for _ in range(count):
        result = store.record(quiz="all_types", question="fx-single", objective="fixture.choices",
                              type="single_choice", answer="six", score=1.0,
                              learner="learner-shared")
        if not result.saved:
            print("fail", result.problem.code if result.problem else "?", flush=True)
            return 1
        print("ok", result.attempt, flush=True)  # acknowledged only after the commit
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], int(sys.argv[2])))
