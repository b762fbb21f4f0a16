"""The review workflow: marking an activity reviewed, and who validated it when."""

from __future__ import annotations

import calendar
from datetime import date

from .model import Activity

REVIEW_MONTHS = 12  # the next review proposed after a review


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` (31 January + 1 month is the last day of February)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def mark_reviewed(activity: Activity, today: date) -> None:
    """Reviewed today; the next review is proposed a year on, unless one is already planned after today.

    A date the DPO typed for the next review (an audit in six months, a contract renewal) is a decision, not a
    default: the review done today does not overwrite it. A next review due today or past is the one just done.
    """
    activity.last_review = today
    if activity.next_review is None or activity.next_review <= today:
        activity.next_review = add_months(today, REVIEW_MONTHS)


def set_status(activity: Activity, status: str, who: str, today: date) -> None:
    """Change the status; becoming validated records who and when (a later status keeps that record)."""
    if status == "validated" and activity.status != "validated":
        activity.validated_by = who
        activity.validated_on = today
    activity.status = status
