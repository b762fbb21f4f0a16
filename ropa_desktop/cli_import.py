"""``ropa-desktop import``: a JSON, spreadsheet or statement file into the register, with its review on the terminal."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_io import keep_until_exit, open_store, refuse_a_reader, register_path
from .cli_io import print_safe as _print
from .cli_io import say as _say
from .cli_text import CliError
from .cli_text import text as text_for
from .domain.model import Register
from .storage.errors import StorageError
from .storage.ids import register_id
from .storage.repository import RegisterStore

if TYPE_CHECKING:
    from .services.changes import ChangeSet
    from .services.importing import Incoming


def _read_map(path: Path) -> dict[str, object]:
    import json

    from .services.json_bounds import BoundsError, read_json_file

    try:
        data = read_json_file(path)
    except (OSError, json.JSONDecodeError) as exc:
        raise CliError("bad_map", path=path, detail=getattr(exc, "strerror", None) or exc) from None
    except BoundsError as exc:
        raise CliError("bad_map", path=path, detail=exc) from None
    if not isinstance(data, dict):
        raise CliError("bad_map", path=path, detail='expected {"sheet": {"column header": "field"}}')
    return data


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    import json

    from .services.import_reach import OutOfReachError, refuse_out_of_reach
    from .services.importing import (
        ImportInputError,
        find_organization,
        looks_like_json,
        needs_target,
        plan_import,
        read_input,
        retarget,
        settle,
    )

    path = register_path(args)
    mapping = _read_map(args.map) if args.map else None
    if args.print_map:
        from .services.spreadsheet import map_in_use

        if looks_like_json(args.input):
            raise CliError("no_map", path=args.input)
        layout, guessed = map_in_use(args.input)
        if layout == "cnil":
            _print(text_for("cnil_no_map", lang, path=args.input))
            return 0
        if not guessed:
            raise CliError("no_map", path=args.input)
        _print(json.dumps(guessed, ensure_ascii=False, indent=2))
        return 0
    if not args.dry_run:  # a reader's import is refused at once, as its other writes are (a dry run may still show)
        refuse_a_reader(path)
    opened = None
    if not (mapping or args.into is not None or args.new_organization is not None or looks_like_json(args.input)):
        from .services.changes import ChangeSet
        from .services.spreadsheet.unchanged import open_book, unchanged
        from .storage.ids import stamp

        opened = open_book(args.input)  # read once: the full import below reuses the sheets read here
        # Our workbook back as exported, into the register as exported: nothing to load or compare.
        with open_store(path, read_only=True) as store:
            if opened is not None and unchanged(opened, stamp(store)):
                for line in ChangeSet().describe(lang):
                    _print(line)
                return 0
    if opened is None and not (mapping or args.into is not None or args.new_organization is not None) \
            and _unchanged_json(args, path):
        from .services.changes import ChangeSet

        for line in ChangeSet().describe(lang):
            _print(line)
        return 0
    incoming = read_input(args.input, mapping=mapping, defer=True, opened=opened)  # rows as exported: not parsed
    keep_until_exit(incoming)
    with open_store(path, read_only=args.dry_run, break_lock=args.break_lock) as store:
        current = store.load()
        keep_until_exit(current)
        incoming = settle(incoming, current)
        try:
            if args.into is not None:
                org = find_organization(current, args.into)
                if org is None:
                    known = ", ".join(o.name for o in current.organizations) or "-"
                    raise ImportInputError("unknown_target", name=args.into, known=known)
                incoming = retarget(incoming, into=org)
            elif args.new_organization is not None:
                if incoming.kind == "statement":
                    from .services.statement_import import refuse_new_organization

                    refuse_new_organization(incoming.register)
                if find_organization(current, args.new_organization) is not None:
                    raise ImportInputError("target_exists", name=args.new_organization)
                incoming = retarget(incoming, new_name=args.new_organization)
            elif needs_target(incoming):
                raise ImportInputError("needs_target", path=args.input)
            if incoming.kind == "statement":
                from .services.statement_import import require_target

                require_target(current, incoming.register)
        except ImportInputError as exc:
            if exc.code == "several_organizations":
                raise ImportInputError("several_organizations", path=args.input,
                                       count=exc.params["count"]) from None
            raise
        plan = plan_import(current, incoming, lang, versions=store.record_versions(), register_id=register_id(store))
        keep_until_exit(plan)
        # Before anything is listed, even for a dry run: an organisation out of the role's reach is not "deleted".
        refuse_out_of_reach(current, plan, lambda org_id: store.access_withdrawn("organization", org_id))
        # Printed once the import is known to go through: a refusal says its one line and nothing of the plan.
        lines = plan.describe(lang)
        if args.dry_run or not plan.default_ids():
            for line in lines:
                _print(line)
            if not args.dry_run and plan.conflicts():  # nothing to apply: the register is left as it was
                _say("conflicts_skipped", lang, count=len(plan.conflicts()))
            return 0
        # Without review, only what has no conflict is applied, and nothing is ever deleted.
        try:
            plan = _commit_import(store, current, incoming, plan, lang, lines)
        except StorageError as exc:
            if exc.code == "row_security":  # (the write was one transaction: nothing of it remains)
                raise OutOfReachError(", ".join(_new_organizations(current, plan))) from None
            raise
        for line in lines:
            _print(line)
    _say("imported", lang, path=args.input, changes=len(plan.default_ids()))
    skipped = len(plan.conflicts())
    if skipped:
        _say("conflicts_skipped", lang, count=skipped)
    return 0


def _unchanged_json(args: argparse.Namespace, path: Path | str) -> bool:
    """Our whole-register JSON export back, byte for byte, into the register as exported (``json_unchanged``).

    The register is opened as the full import opens it: a register that cannot be written (read-only media, another
    writer's lock) is refused the same way, "No change" or not.
    """
    from .services.json_unchanged import exported_state, state

    remembered = exported_state(args.input)  # None at once for a file of a size no export wrote
    if not remembered:
        return False
    with open_store(path, read_only=args.dry_run, break_lock=args.break_lock) as store:
        return remembered == state(store)


def _new_organizations(current: Register, plan: ChangeSet) -> list[str]:
    """The organisations the plan applies changes to that the role does not see: row security may refuse them."""
    known = {org.id for org in current.organizations}
    return list(dict.fromkeys(c.organization or c.target_org_id for c in plan.changes
                              if c.default and c.target_org_id and c.target_org_id not in known))


def _commit_import(store: RegisterStore, current: Register, incoming: Incoming, plan: ChangeSet,
                   lang: str, lines: list[str]) -> ChangeSet:
    """Write what the plan applies; on a team register, a record someone saved meanwhile becomes a conflict.

    A conflict found at commit adds its line to ``lines`` (the plan's, printed once the write is done).

    A conflict found at commit is then treated as one found while planning (DESIGN §9: the rest is applied, the
    conflict listed, exit 0), rather than stopping the whole import. The plan applied is returned.
    """
    from .services.change_wording import describe_change
    from .services.editing import stamp_applied
    from .services.import_retry import conflict_key, replan
    from .services.importing import apply_import
    from .storage.errors import StaleWriteError

    shown = {conflict_key(c) for c in plan.conflicts()}  # the conflict lines printed with the plan
    for attempt in range(_COMMIT_ATTEMPTS):
        after = apply_import(current, plan)
        keep_until_exit(after)
        stamp_applied(current, after, datetime.now(UTC).replace(microsecond=0))  # "Last update", as in the GUI
        try:
            store.write_register(after, base=current)
            return plan
        except StaleWriteError:
            if attempt + 1 == _COMMIT_ATTEMPTS:
                raise
            fresh = store.load()
            plan, names = replan(current, fresh, incoming, lang, store.record_versions(), register_id(store))
            current = fresh
            _say("changed_meanwhile", lang, count=len(names), names=", ".join(names) or "-")
            for change in plan.conflicts():  # the terminal says which changes are not applied after all
                if conflict_key(change) not in shown:
                    shown.add(conflict_key(change))
                    lines.append(text_for("found_at_commit", lang, line=describe_change(change, lang)))
            if not plan.default_ids():
                return plan
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


_COMMIT_ATTEMPTS = 3  # each retry follows someone else's save: three in one import is a busy register
