"""Findings brought up to date one changed activity at a time are the very findings a full check gives."""

from __future__ import annotations

import copy
import random
from datetime import date

from ropa_desktop.domain.checks import check_activity, check_organization_findings, merge_shared
from ropa_desktop.domain.model import Organization
from ropa_desktop.gui.shared_findings import SharedFindings
from ropa_desktop.services.synthetic import synthetic_register


def _full(org: Organization, own: dict[str, list]) -> list:
    return merge_shared(org, [f for activity in org.activities for f in own[activity.id]])


def test_changes_inserts_and_deletions_merge_as_a_full_merge_does() -> None:
    org = synthetic_register(120, organizations=1).organizations[0]
    today = date.today()
    own = {a.id: check_activity(a, org, today) for a in org.activities}
    shared = SharedFindings(org, own)
    assert shared.merged(org) == _full(org, own)
    rnd = random.Random(7)
    kinds = set()
    for step in range(60):
        activity = rnd.choice(org.activities)
        kind = rnd.choice(("edit", "delete", "insert"))
        kinds.add(kind)
        if kind == "edit":  # facts stated or no longer, a label renamed
            activity.reference = rnd.choice(("", activity.reference, "DUP"))
            activity.name = rnd.choice((activity.name, "Renamed"))
            activity.purposes = [] if rnd.random() < 0.4 else activity.purposes
            activity.recipients = [] if rnd.random() < 0.3 else activity.recipients
            changed_id, findings = activity.id, check_activity(activity, org, today)
            own[changed_id] = findings
        elif kind == "delete":
            org.activities.remove(activity)
            changed_id, findings = activity.id, None
            del own[changed_id]
        else:
            added = copy.deepcopy(activity)
            added.id = f"added-{step}"
            org.activities.insert(rnd.randrange(len(org.activities) + 1), added)
            changed_id, findings = added.id, check_activity(added, org, today)
            own[changed_id] = findings
        shared.update(org, changed_id, findings)
        assert shared.merged(org) == _full(org, own), (step, kind)
    assert kinds == {"edit", "delete", "insert"}
    assert any(f.activity_id is None and len(f.activities) >= 2 for f in shared.merged(org))  # facts were merged


def test_the_window_findings_after_typing_a_duplicate_reference_are_a_full_checks(window, qtbot) -> None:
    org = window.session.organization(window.org_id)
    first, second = org.activities[0], org.activities[1]
    assert window.list.select(second.id)
    window.session.all_findings(window.org_id)  # cached: what follows is brought up to date, not rebuilt
    edit = window.form.ui.activityReferenceEdit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, first.reference)
    window.form.flush()
    org = window.session.organization(window.org_id)
    expected = check_organization_findings(org, date.today())
    assert sorted(map(repr, window.session.all_findings(window.org_id))) == sorted(map(repr, expected))
    assert any(f.code == "duplicate_reference" and f.activity_id == second.id for f in expected)
    window.ui.actionUndo.trigger()
    org = window.session.organization(window.org_id)
    expected = check_organization_findings(org, date.today())
    assert sorted(map(repr, window.session.all_findings(window.org_id))) == sorted(map(repr, expected))
    assert not any(f.code == "duplicate_reference" and f.activity_id == second.id for f in expected)
