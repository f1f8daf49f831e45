"""The one module notebooks import from.

Every simulator, check, view and helper a notebook (learner or instructor)
uses is importable from here, so a notebook cell reads
``from course.lessons import SimulatedPhone`` whatever layer the class lives
in, and moving code between layers never touches a notebook
(tests/test_notebook_imports.py keeps every notebook on this path).

Names load lazily: importing this module costs nothing, and a lesson that
only shows a quiz never imports matplotlib or pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> (module, attribute in that module)
_EXPORTS: dict[str, tuple[str, str]] = {
    # language and text
    "setup": ("course", "setup"),
    "get_language": ("course", "get_language"),
    "t": ("course.i18n", "t"),
    "data_path": ("course.paths", "data_path"),
    # quizzes and progress
    "Quiz": ("course.ui.quiz", "Quiz"),
    "SelfCheck": ("course.ui.selfcheck", "SelfCheck"),
    "ClosingQuiz": ("course.ui.closing_quiz", "ClosingQuiz"),
    "FinalAssessment": ("course.ui.closing_quiz", "FinalAssessment"),
    "Review": ("course.ui.review", "Review"),
    "MasteryView": ("course.ui.mastery_view", "MasteryView"),
    "ProgressView": ("course.ui.progress_view", "ProgressView"),
    "CourseHome": ("course.ui.course_home", "CourseHome"),
    "LanguageSwitch": ("course.ui.language_switch", "LanguageSwitch"),
    "ProgressStore": ("course.progress.store", "ProgressStore"),
    "SafetyChecklist": ("course.ui.safety_checklist", "SafetyChecklist"),
    # simulators
    "NumberChecker": ("course.ui.number_checker", "NumberChecker"),
    "PhoneSettingsFlow": ("course.ui.settings_flow", "PhoneSettingsFlow"),
    "SimulatedPhone": ("course.ui.simulated_phone", "SimulatedPhone"),
    "SmsLab": ("course.ui.sms_lab", "SmsLab"),
    "AccountsExplorer": ("course.ui.accounts_explorer", "AccountsExplorer"),
    "DiscoverabilityExplorer": ("course.ui.discoverability_explorer",
                                "DiscoverabilityExplorer"),
    "AppSetupLab": ("course.ui.twofactor_lab", "AppSetupLab"),
    "AttackLab": ("course.ui.twofactor_lab", "AttackLab"),
    "RecoveryNavigator": ("course.ui.recovery_navigator", "RecoveryNavigator"),
    "ScamSpotter": ("course.ui.scam_spotter", "ScamSpotter"),
    "NoNumberPlanner": ("course.ui.without_number", "NoNumberPlanner"),
    "AccessReviewLab": ("course.ui.access_review", "AccessReviewLab"),
    "FirstHourDrill": ("course.ui.first_hour", "FirstHourDrill"),
    "ContactChangeLab": ("course.ui.contact_change", "ContactChangeLab"),
    "SourcesBrowser": ("course.ui.sources_browser", "SourcesBrowser"),
    # what the hidden check cells use to drive their own, repeatable simulators
    "SimulatedClock": ("course.sim.core.clock", "SimulatedClock"),
    "demo_account": ("course.sim.accounts.settings_flow", "demo_account"),
    "phone_number": ("course.sim.sms.simulated_phone", "phone_number"),
    "Check": ("course.sim.sms.troubleshooting", "Check"),
    # instructor notebooks: schedule and notes
    "build_schedule": ("course.workshop.schedule", "build_schedule"),
    "schedule_rows": ("course.workshop.schedule", "schedule_rows"),
    "schedule_summary_lines": ("course.workshop.schedule", "summary_lines"),
    "notes_markdown": ("course.workshop.notes", "notes_markdown"),
    "has_notes": ("course.workshop.notes", "has_notes"),
    "lesson_notes": ("course.workshop.notes", "lesson_notes"),
    # instructor notebooks: class results
    "load_class_results": ("course.workshop.class_results", "load_class_results"),
    "write_demo_class": ("course.workshop.class_results", "write_demo_class"),
    "class_summary_lines": ("course.workshop.class_results", "summary_lines"),
    "advice": ("course.workshop.class_results", "advice"),
    "question_rows": ("course.workshop.class_results", "question_rows"),
    "distractor_rows": ("course.workshop.class_results", "distractor_rows"),
    "tempting_lines": ("course.workshop.class_results", "tempting_lines"),
    "tempting_options": ("course.workshop.class_results", "tempting_options"),
    "class_mastery_rows": ("course.workshop.class_mastery", "mastery_rows"),
    "class_revisit_lines": ("course.workshop.class_mastery", "revisit_lines"),
    "option_bars": ("course.plots.item_analysis", "option_bars"),
    "facility_discrimination_scatter": ("course.plots.item_analysis",
                                        "facility_discrimination_scatter"),
    "svg_img": ("course.plots.item_analysis", "svg_img"),
    "to_svg": ("course.plots.item_analysis", "to_svg"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"course.lessons has no {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
