"""07_locked_limited_suspended in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: in the first recovery navigator, untick the phone's SIM
and walk the plan that is left (unlocking by email) back to a working
account; in the dead-end navigator, tick a saved backup code and see the way
out; answer the first quick check with the mouse. Every assertion is on text
that only that interaction produces; axe-core checks the navigators and the
quizzes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import new_topics
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    QUICK_CHECKS,
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.browser
WAIT = 90_000  # the machine may be busy: wait generously for each rendered answer
NOTEBOOK = "ja/07_locked_limited_suspended.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_recovery_notebook_runs_and_its_navigators_answer(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The apps-and-sessions review (section 5), a topic of issue #13.
    new_topics.revoking_the_booster_app_names_its_cues(page)

    # The first navigator: without the phone, the lock is lifted by email.
    nav = page.locator(".course-recovery").first
    expect(nav).to_be_visible(timeout=WAIT)
    expect(nav).to_contain_text("SMS で届いたコードを入力して電話番号を確認します", timeout=WAIT)
    nav.get_by_label("登録した電話番号の SIM(SMS を受け取れる電話)").uncheck()
    expect(nav).not_to_contain_text("SMS で届いたコードを入力して電話番号を確認します",
                                    timeout=WAIT)
    expect(nav).to_contain_text("メールで届いたコードを入力してメールアドレスを確認します",
                                timeout=WAIT)
    nav.get_by_role("button", name="次の手順を行う").click()
    expect(nav).to_contain_text("通常の状態に戻りました。", timeout=WAIT)

    # The dead-end navigator: a saved backup code opens the way.
    dead = page.locator(".course-recovery").nth(1)
    expect(dead).to_be_visible(timeout=WAIT)
    expect(dead).to_contain_text("行き止まりの理由", timeout=WAIT)
    dead.get_by_label("保存しておいたバックアップコード").check()
    expect(dead).to_contain_text("ログイン画面でバックアップコードを入力し", timeout=WAIT)
    expect(dead).not_to_contain_text("行き止まりの理由", timeout=WAIT)

    # The first quick check: "locked and suspended are the same", answered right.
    quiz = page.locator(QUICK_CHECKS).first
    question = quiz.locator(".course-question-true-false",
                            has_text="ロックと凍結は同じもので").first
    question.get_by_label("正しくない").check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-recovery", ".course-selfcheck") == []
    keep_screenshot(page, "07_recovery_ja.png")
