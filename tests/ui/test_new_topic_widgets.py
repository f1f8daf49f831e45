"""The four widgets of the topics added by issue #13, headless, in both languages:
the no-number planner, the apps-and-sessions review, the first-hour drill and
the email-before-number lab."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from course.ui.access_review import AccessReviewLab
from course.ui.contact_change import ContactChangeLab
from course.ui.first_hour import FirstHourDrill
from course.ui.without_number import NoNumberPlanner
from tests.ui.widget_text import shown_text, walk


# ---------------------------------------------------------------- without a number
@pytest.mark.parametrize("lang, dead_end, premium", [
    ("ja", "✘ 行き止まりの場面が 1 つあります", "☎ 電話番号が必要"),
    ("en", "✘ 1 moment(s) are dead ends", "☎ A phone number is required")])
def test_the_planner_shows_the_dead_end_of_email_only_and_what_a_number_adds(
        lang, dead_end, premium):
    planner = NoNumberPlanner(lang)
    assert dead_end in planner.summary.value and premium in planner.table.value
    assert planner.dead_end and planner.result.setup.phone is False
    planner.choose(phone=True)
    assert not planner.dead_end and "✔" in planner.summary.value
    text = shown_text(planner.widget)
    assert ("未確認" in text) if lang == "ja" else ("UNVERIFIED" in text)
    assert "https://help.x.com/en/using-x/x-premium-faq" in planner.table.value
    assert planner.last_error is None


def test_the_planner_refuses_sms_two_factor_without_a_number_in_words():
    planner = NoNumberPlanner("ja")
    planner.choose(two_factor="sms")
    assert planner.result.code == "no_number_sms_without_number"
    assert "SMS の2要素認証には電話番号が必要です" in planner.status.value
    assert planner.table.value == ""
    planner.choose(two_factor="app", backup_code=True)
    row = planner.table.value.split("<tr>")
    lost = next(r for r in row if "2要素認証の端末" in r)
    assert "◐ 方法は1つだけ" in lost and "✔ 使える:保存しておいたバックアップコードを使う" in lost
    assert planner.last_error is None


# ---------------------------------------------------------------- apps and sessions
def test_the_review_marks_caught_and_missed_entries_with_symbols_and_cues():
    lab = AccessReviewLab("ja")
    assert lab.boxes["this_browser"].disabled  # the device in use cannot log itself out
    lab.remove("follower_boost")
    assert "✘ 怪しい項目が 4 つ残っています" in lab.summary.value
    assert "✔ 取り消しました:フォロワー爆増ツール" in lab.verdicts.value
    assert "ダイレクトメッセージまで読める権限がある" in lab.verdicts.value
    assert lab.boxes["follower_boost"].disabled
    lab.others_button.click()
    lab.remove("uranai_quiz")
    assert lab.result.all_clear and "✔ 怪しい項目はすべて取り消しました" in lab.summary.value
    assert "◐ 使っているものを取り消しました:X アプリ(iPhone)" in lab.verdicts.value
    assert lab.last_error is None


def test_the_review_in_english_shows_permissions_and_the_unverified_labels():
    lab = AccessReviewLab("en")
    text = shown_text(lab.widget)
    assert "Permission: Read, write and access Direct Messages" in text
    assert "UNVERIFIED" in text and "Revoke or log out Daily Fortune Quiz" in text
    lab.remove("old_stats")
    assert "✔ Tidied away something unused: Follower Stats Notebook" in lab.verdicts.value
    assert "✘ 5 suspicious entries are still there." in lab.summary.value


# ---------------------------------------------------------------- the first hour
def test_the_drill_accepts_x_steps_in_order_and_marks_whose_advice_the_rest_is():
    drill = FirstHourDrill("ja")
    drill.choose("revoke_apps")
    assert "✘ まだです" in drill.feedback.value and "パスワードを新しい強いもの" in \
        drill.feedback.value
    drill.choose("change_password")
    assert "X のヘルプの 1 番目の手順です" in drill.feedback.value
    drill.choose("warn_followers")
    assert "警察の助言(X の一覧にはない)" in drill.feedback.value
    drill.choose("delete_account")
    assert "✘ それはしないでください" in drill.feedback.value
    assert "やり直し 2 回" in drill.progress.value
    assert "help.x.com/en/safety-and-security/x-account-compromised" in drill.done_list.value
    assert drill.last_error is None


def test_the_drill_finishes_and_another_situation_starts_fresh_in_english():
    drill = FirstHourDrill("en", scenario="locked_out")
    for card in ("reset_with_username_and_email", "support_with_details", "warn_followers",
                 "note_login_history", "reused_passwords", "consult_ipa"):
        drill.choose(card)
    assert "✔ Every step is done, with 0 retries." in drill.progress.value
    assert drill.do_button.disabled
    drill.scenario.value = "leaked_code"
    assert drill.drill.done == () and not drill.do_button.disabled
    assert "six-digit code" in drill.situation.value
    assert drill.last_error is None


# ---------------------------------------------------------------- email before number
def test_deleting_the_number_first_shows_two_risky_moments_with_sources():
    lab = ContactChangeLab("ja")
    lab.do("delete_number")
    assert "⚠ 危ない状態" in lab.log.value and "2要素認証がオフになりました" in lab.log.value
    assert "◐ 目標は達成しましたが、危ない状態を 2 回通りました" in lab.verdict.value
    assert "電話番号:なし" in lab.account.value and "2要素認証:オフ" in lab.account.value
    assert "issues-with-login-authentication" in lab.log.value
    assert lab.last_error is None


def test_email_first_reaches_the_goal_safely_in_english():
    lab = ContactChangeLab("en", goal="change")
    lab.do("confirm_email")
    assert lab.result.code == "contact_nothing_to_confirm"
    assert "First add the email address you use now." in lab.status.value
    lab.do("add_email", "confirm_email", "change_number")
    assert "✔ Goal reached without passing through any risky moment." in lab.verdict.value
    assert "not an instruction from X" in lab.verdict.value
    assert "After changing the number, check the Discoverability" in lab.verdict.value
    lab.restart_button.click()
    assert lab.state.done == () and lab.verdict.value == ""
    assert lab.last_error is None


# ---------------------------------------------------------------- sources, one renderer
@pytest.mark.parametrize("lang, words", [
    ("ja", {"x": "X の公式情報", "police": "ほかの公的機関・標準", "guide": "報道・解説記事",
            "assumed": "コースの仮定", "unverified": "未確認", "publisher": "X ヘルプセンター",
            "police_name": "群馬県警察"}),
    ("en", {"x": "X's own page", "police": "other official body", "guide": "news or guide",
            "assumed": "course's assumption", "unverified": "UNVERIFIED",
            "publisher": "X Help Center", "police_name": "Gunma Prefectural Police"})])
def test_the_new_widgets_show_register_sources_with_badges_in_the_learners_language(
        lang, words):
    planner = NoNumberPlanner(lang)
    shown = shown_text(planner.widget)
    assert words["x"] in shown and words["guide"] in shown and words["unverified"] in shown
    assert words["publisher"] in shown and 'class="course-sources"' in planner.table.value

    review = AccessReviewLab(lang)
    shown = shown_text(review.widget)
    assert words["x"] in shown and words["guide"] in shown
    markup = "".join(w.value for w in walk(review.widget) if isinstance(w, widgets.HTML))
    assert 'href="https://developer.x.com/en/docs/apps/app-permissions"' in markup

    drill = FirstHourDrill(lang, scenario="locked_out")
    for card in ("reset_with_username_and_email", "note_login_history", "reused_passwords"):
        drill.choose(card)
    drill.scenario.value = "logged_in"
    drill.choose("log_out_sessions")
    assert words["assumed"] in shown_text(drill.widget)
    drill.scenario.value = "locked_out"
    for card in ("reset_with_username_and_email", "reused_passwords"):
        drill.choose(card)
    shown = shown_text(drill.widget)
    assert words["police"] in shown and words["police_name"] in shown

    lab = ContactChangeLab(lang)
    lab.do("delete_number")
    shown = shown_text(lab.widget)
    assert words["x"] in shown and words["assumed"] in shown
    assert planner.last_error is review.last_error is drill.last_error is lab.last_error is None
