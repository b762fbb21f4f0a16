"""The register's checks on two cores: a forked child reads and checks part of the activities, this process the rest.

Reading the activities and checking each one is pure Python, one core's work: at 50,000 activities nearly all
of ``check``. Where the process may fork safely (``halves.can_fork``: the command line, not the GUI with its Qt
threads), a register file is read in two parts split by activity id: a child reads the activities after the
split point with their sub-lists (on a connection of its own, opened after the fork), checks them and sends
their findings back as plain tuples, while this process reads the rest (the child's activities with their own
fields only) and checks the organisations and its activities. The two reads are compared by the register's last
audit row: a save in between, or anything unexpected in the child, and this process reads and checks the whole
register itself. The findings are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from ..domain.checks import RULES, SHARED_FACTS, Finding, check_activity, check_register
from ..domain.checks.activity import recipient_catalogue
from ..domain.model import Register
from ..storage.repository import RegisterStore
from .spreadsheet import halves

# The child's share of the activities: meanwhile this process also reads the other activities' own fields,
# checks the organisations, merges the shared facts and prints.
CHILD_SHARE = 0.5
Packed = tuple[int, dict[str, list[tuple[str, str, dict[str, str], str | None]]]]
Lines = Callable[[Register], Callable[[Finding], str]]


def check_in_halves(open_store: Callable[[], RegisterStore], today: date,
                    seen: Callable[[RegisterStore, Register], Register],
                    lines: Lines | None = None) -> tuple[Register, list[Finding], dict[int, str]]:
    """The register as read for its findings, ``check_register``'s findings, and lines already made for them.

    The register's activities may lack their sub-lists (a child checked them): good for naming them, nothing
    else. ``seen(store, register)``: what the caller makes of a register read (a role that sees nothing).
    ``lines(register)``: how the caller prints a finding of ``register``; each process makes the lines of its
    activities' findings that merging cannot change (not a shared fact), given by ``id(finding)``.
    """
    made: dict[int, str] = {}
    with open_store() as store:
        split = None
        if store.server is None and halves.can_fork(store.count_activities()):
            split = store.split_id(CHILD_SHARE)
        if split is None:
            register = seen(store, store.load())
            return register, check_register(register, today), made
    # Closed first: the child opens the file on a connection of its own, never one it inherited.
    # One piece of work, the child's: this process never takes it from the queue.
    child = halves.Shared(1, lambda _number: _child(open_store, split, today, lines))
    theirs: Packed | None = None
    try:
        with open_store() as store:
            register, mark = store.load_part(None, split, others=True)
            register = seen(store, register)
        found: dict[str, list[Finding]] = {}
        for org in register.organizations:
            catalogue = recipient_catalogue(org)
            found.update((a.id, check_activity(a, org, today, catalogue)) for a in org.activities if a.id < split)
        if lines is not None:  # while the child works
            line = lines(register)
            made.update((id(f), line(f)) for own in found.values() for f in own if f.code not in SHARED_FACTS)
        theirs = (child.results() or {}).get(0)
    except Exception:  # anything unexpected in the halves: the one-process read says what it is, as before
        theirs = None
    finally:
        child.discard()
    if theirs is None or theirs[0] != mark or not _covered(register, split, theirs[1]):
        # The child failed, a save came between the two reads, or reading in parts did: the whole register read
        # and checked here.
        with open_store() as store:
            register = seen(store, store.load())
        return register, check_register(register, today), {}
    for org in register.organizations:
        for activity in org.activities:
            packed = theirs[1].get(activity.id)
            if packed is not None:
                found[activity.id] = own = []
                for code, path, params, text in packed:
                    f = Finding(code, RULES[code].severity, org.id, activity.id, path, params)
                    own.append(f)
                    if text is not None:
                        made[id(f)] = text
    return register, check_register(register, today, lambda _i, org: [
        f for activity in org.activities for f in found.get(activity.id, ())]), made


def _covered(register: Register, split: str, theirs: Mapping[str, object]) -> bool:
    """Whether the child checked every activity of its part this process read."""
    return all(a.id in theirs for org in register.organizations for a in org.activities if a.id >= split)


def _child(open_store: Callable[[], RegisterStore], split: str, today: date, lines: Lines | None) -> Packed:
    """The child's work: the activities from ``split`` on read and checked, their findings as tuples.

    Each with its line (None: a shared fact, or no ``lines``).
    """
    with open_store() as store:
        register, mark = store.load_part(split, None, others=False)
    line = None if lines is None else lines(register)
    found: dict[str, list[tuple[str, str, dict[str, str], str | None]]] = {}
    for org in register.organizations:
        catalogue = recipient_catalogue(org)
        for activity in org.activities:
            found[activity.id] = [(f.code, f.field, f.params,
                                   None if line is None or f.code in SHARED_FACTS else line(f))
                                  for f in check_activity(activity, org, today, catalogue)]
    return mark, found
