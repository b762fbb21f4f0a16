"""The composition root and the command line: ``ropa-desktop [init|export|import|check|restore] ...``."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .cli_io import KEPT, open_store, register_path
from .cli_io import print_safe as _print
from .cli_io import say as _say
from .cli_text import CliError, os_reason, shown_path, terminal_safe, ui_language
from .cli_text import text as text_for
from .storage import paths

if TYPE_CHECKING:
    from .domain.checks import Finding
    from .domain.model import Register
    from .gui.main_window import MainWindow
    from .storage.repository import RegisterStore


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise CliError("usage", detail=message)


def register_location(text: str) -> Path | str:
    """``--db``: a register file, or a team register's ``postgresql://`` URL (text: a Path would fold ``//``)."""
    from .storage.server import is_server_url

    return text if is_server_url(text) else Path(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ropa-desktop", description="Record of processing activities (GDPR Art. 30).")
    parser.add_argument("--version", action="version", version=f"ropa-desktop {__version__}")
    parser.add_argument("--db", type=register_location,
                        help="register file or postgresql://user@host/database (default: the per-user register)")
    parser.add_argument("--break-lock", action="store_true",
                        help="take over a lock left by another computer or a dead process (name shown when refused)")
    # Checks a built bundle: open the main window, let it settle, close it, exit 0.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = sub.add_parser("init", help="create a new register file, pre-seeded unless --empty")
    init.add_argument("--db", type=register_location, default=argparse.SUPPRESS)
    init.add_argument("--empty", action="store_true", help="create it without the seeded organisations")

    export = sub.add_parser("export", help="export the register as JSON, XLSX or PDF, or a client's statement")
    export.add_argument("--db", type=register_location, default=argparse.SUPPRESS)
    export.add_argument("--format", required=True, choices=("json", "xlsx", "pdf", "statement"),
                        help="'statement': a processor's statement for one client (--client), OUT.pdf and OUT.json")
    export.add_argument("--client", metavar="CLIENT",
                        help="with --format statement: the client's id, or its exact name in any case")
    export.add_argument("--output", "-o", required=True, type=Path)
    export.add_argument("--lang", choices=("fr", "en"), help="labels' language (default: the system's)")
    export.add_argument("--profile", choices=("full", "public"), default="full",
                        help="'public' leaves out internal notes and DPO-only fields")
    export.add_argument("--organization", metavar="ORG|all",
                        help="an organisation's id or name, or 'all' (default): one file per organisation, "
                             "OUT-<name>.ext, or exactly OUT when one organisation is written")

    imp = sub.add_parser("import", help="import a JSON, XLSX or ODS file into the register")
    imp.add_argument("--db", type=register_location, default=argparse.SUPPRESS)
    imp.add_argument("input", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="show the changes without applying them")
    target = imp.add_mutually_exclusive_group()
    target.add_argument("--into", metavar="ORG",
                        help="import the file's organisation into this one (id, or exact name in any case)")
    target.add_argument("--new-organization", metavar="NAME", help="import the file as a new organisation")
    imp.add_argument("--map", type=Path, metavar="MAP.json",
                     help='column mapping of a plain table: {"sheet": {"column header": "field"}}')
    imp.add_argument("--print-map", action="store_true",
                     help="print the guessed column mapping (JSON, to edit and pass to --map) and stop")
    imp.add_argument("--lang", choices=("fr", "en"))
    imp.add_argument("--break-lock", action="store_true", default=argparse.SUPPRESS,
                     help="take over a lock left by another computer or a dead process")

    check = sub.add_parser("check", help="report what the register misses (exit 1 if errors)")
    check.add_argument("--db", type=register_location, default=argparse.SUPPRESS)
    check.add_argument("--lang", choices=("fr", "en"))
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: findings and completeness scores on stdout, for other tools")

    adequacy = sub.add_parser("adequacy", help="print the adequacy list in use, or install a newer one")
    adequacy.add_argument("--update", type=Path, metavar="FILE", help="validate FILE and use it from now on")
    adequacy.add_argument("--lang", choices=("fr", "en"))

    restore = sub.add_parser("restore", help="list the register's backups, or restore one (--backup NAME|latest)")
    restore.add_argument("--db", type=register_location, default=argparse.SUPPRESS)
    restore.add_argument("--backup", help="the backup to restore (a name from the list, or 'latest')")
    restore.add_argument("--lang", choices=("fr", "en"))
    restore.add_argument("--break-lock", action="store_true", default=argparse.SUPPRESS,
                         help="take over a lock left by another computer or a dead process")

    migrate = sub.add_parser("migrate", help="copy a whole register, its versions and history, between a file and "
                                             "a server (or two of either)")
    migrate.add_argument("--from", dest="source", required=True, type=register_location, metavar="FILE|URL")
    migrate.add_argument("--to", dest="target", required=True, type=register_location, metavar="FILE|URL")
    migrate.add_argument("--replace", action="store_true", help="replace what the target holds (refused otherwise)")
    migrate.add_argument("--lang", choices=("fr", "en"))

    setup = sub.add_parser("server-setup", help="print the SQL an administrator runs on a team register's database")
    setup.add_argument("--print-sql", action="store_true", required=True,
                       help="print the roles (reader, editor, administrator) and their grants")
    setup.add_argument("--row-security", action="store_true",
                       help="also restrict each role to the organisations listed for it (row-level security)")
    return parser


# --- opening registers -------------------------------------------------------------------------------------

def create_register(path: Path | str, *, seeded: bool) -> Register:
    """A new register file, pre-seeded with the two organisations unless ``seeded`` is false."""
    from .storage.repository import RegisterStore

    with RegisterStore.open(path, create=True) as store:  # its missing folders are made owner-only
        if seeded:
            from .services.seeding import seed_register

            store.write_register(seed_register())
        return store.load()


def ensure_register(path: Path) -> None:
    """Create the register pre-seeded if it does not exist yet (first run, or a new ``--db`` file)."""
    if not path.exists():
        create_register(path, seeded=True)


def read_register(args: argparse.Namespace) -> Register:
    """The whole register of ``--db`` (or the default one), read without taking the writer's lock.

    Only ``init`` (and the GUI) create a register: a mistyped ``--db`` is refused, never seeded.
    """
    with open_store(register_path(args), read_only=True) as store:
        return _seen(store, store.load())


def _seen(store: RegisterStore, register: Register) -> Register:
    """``register`` as read, unless the role sees none of it (row-level security): then said, exit 2."""
    if not register.organizations:
        from .storage.remote_reads import sees_no_organization

        if sees_no_organization(store):
            raise CliError("role_sees_nothing")
    return register


# --- commands ----------------------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace, lang: str) -> int:
    path = register_path(args)
    if isinstance(path, Path) and path.exists():
        raise CliError("exists", path=path)
    if isinstance(path, str) and _server_has_register(path):
        raise CliError("exists_on_server", path=_shown(path))
    register = create_register(path, seeded=not args.empty)
    activities = sum(len(o.activities) for o in register.organizations)
    _say("created", lang, path=_shown(path), organizations=len(register.organizations), activities=activities)
    return 0


def _shown(path: Path | str) -> Path | str:
    """A file's path as given; a server's URL as every message shows it (``server.readable``)."""
    from .storage.repository import RegisterStore

    return path if isinstance(path, Path) else RegisterStore.shown(path)


def _server_has_register(url: str) -> bool:
    from .storage.errors import StorageError
    from .storage.repository import RegisterStore

    try:
        RegisterStore.open(url, read_only=True).close()
    except StorageError as exc:
        if exc.code == "no_register":
            return False
        raise
    return True


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    from .services.exporting import ExportRequest, check_folder, export

    if (args.format == "statement") != (args.client is not None):
        raise CliError("usage", detail="--client goes with --format statement, and --format statement needs it")
    stamp = ""
    versions = None
    ident = None
    if args.format == "xlsx":  # the register's ids and versions as read: an unedited re-import is told at once
        from .storage.ids import stamp as store_stamp

        with open_store(register_path(args), read_only=True) as store:
            before = store_stamp(store)
            register = _seen(store, store.load())
            stamp = before.digest if store_stamp(store) == before else ""  # not if someone saved meanwhile
    elif args.format == "json":  # each record's version as read: a re-import tells what changed since, clocks aside
        from .services.json_unchanged import state
        from .storage.ids import register_id

        with open_store(register_path(args), read_only=True) as store:
            was = state(store)
            register = _seen(store, store.load())
            versions = store.record_versions()
            ident = register_id(store)
            stamp = was if state(store) == was else ""  # not if someone saved meanwhile
    else:
        register = read_register(args)
    if args.format == "statement":
        from .services.statement_export import export_statement

        check_folder(args.output)
        result = export_statement(register, args.client, args.output, organization=args.organization,
                                  lang=args.lang or lang)
    else:
        request = ExportRequest(args.format, args.output, args.organization or "all", args.lang or lang,
                                args.profile, stamp, versions, ident)
        result = export(register, request)
    for warning in result.warnings(lang):
        _print(f"ropa-desktop: {warning}", file=sys.stderr)
    for written in result.written:
        _say("exported", lang, path=written)
    return 0


def cmd_check(args: argparse.Namespace, lang: str) -> int:

    from .domain import adequacy
    from .domain.checks import Severity, check_register, findings_document
    from .services.check_halves import check_in_halves

    today = date.today()
    made: dict[int, str] = {}  # lines already made, by id(finding)
    if args.format == "json":  # the scores need every activity whole in this process
        register = read_register(args)
        findings = check_register(register, today)
    else:
        path = register_path(args)
        register, findings, made = check_in_halves(lambda: open_store(path, read_only=True), today, _seen,
                                                   lambda register: _finding_line(register, lang))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if args.format == "json":
        import msgspec

        document = findings_document(register, findings, lang, adequacy.in_use().list_date)
        # ``json.dumps(document, ensure_ascii=False, indent=2)``'s text, written in C (the standard library's
        # indented output is pure Python: a fifth of the command on 10,000 activities).
        _print(msgspec.json.format(msgspec.json.encode(document), indent=2).decode("utf-8"))
        return 1 if errors else 0
    line = _finding_line(register, lang)
    lines = [made.get(id(f)) or line(f) for f in findings]
    # Few writes, each of many lines made terminal-safe at once (no control character spans lines): 125,000
    # findings on 50,000 activities, never all their text twice in memory.
    for start in range(0, len(lines), _LINES_PER_WRITE):
        sys.stdout.write(terminal_safe("\n".join(lines[start:start + _LINES_PER_WRITE]) + "\n"))
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)  # an information is neither
    _say("check_summary", lang, errors=errors, warnings=warnings, infos=len(findings) - errors - warnings)
    _warn_if_stale(lang, today)
    return 1 if errors else 0


_LINES_PER_WRITE = 10_000


def _finding_line(register: Register, lang: str) -> Callable[[Finding], str]:
    """How ``check`` prints a finding of ``register`` (before the whole text is made terminal-safe)."""
    from .domain.checks import Severity, message

    names = {o.id: o.name for o in register.organizations}
    refs = {a.id: a.reference or a.name for o in register.organizations for a in o.activities}
    refs.update({a.id: a.reference or a.name for o in register.organizations for a in o.processor_activities})
    severities = {s: f"{s.value.upper():7}" for s in Severity}
    codes: dict[str, str] = {}

    def line(f: Finding) -> str:
        code = codes.get(f.code) or codes.setdefault(f.code, f"{f.code:28}")
        where = " / ".join(filter(None, (names.get(f.organization_id, ""), refs.get(f.activity_id or "", ""),
                                          f.field)))
        return f"{severities[f.severity]} {code} {where}: {message(f, lang)}"

    return line


def _warn_if_stale(lang: str, today: date) -> None:
    from .domain import adequacy

    current = adequacy.in_use()
    if current.is_stale(today):
        _say("adequacy_stale", lang, date=current.list_date.isoformat())


def cmd_adequacy(args: argparse.Namespace, lang: str) -> int:
    from .domain.adequacy import AdequacyListError
    from .services import adequacy_store

    if args.update is not None:
        try:
            installed = adequacy_store.install(args.update)
        except AdequacyListError as exc:
            raise CliError("bad_adequacy", path=args.update, detail=str(exc)) from None
        _say("adequacy_installed", lang, date=installed.list_date.isoformat(), path=adequacy_store.user_list_path())
    from .domain import adequacy
    from .domain.countries import country_name

    current = adequacy.in_use()
    user = adequacy_store.user_list_path()
    origin = (text_for("adequacy_user", lang, path=user) if current != adequacy.packaged() and user.is_file()
              else text_for("adequacy_packaged", lang))
    _print(text_for("adequacy_header", lang, date=current.list_date.isoformat(), source=origin,
                   count=len(current.decisions)))
    for d in sorted(current.decisions, key=lambda d: d.destination):
        dates = d.adopted.isoformat() if d.adopted else ""
        if d.expires:
            dates += f" → {d.expires.isoformat()}"
        scope = f" [{d.scope}]" if d.scope else ""
        celex = f", CELEX {d.celex}" if d.celex else ""
        _print(f"  {d.destination:8} {country_name(d.destination, lang)}: {d.instrument}{celex} ({dates}){scope}")
        if d.notes:
            _print(f"  {'':8} {d.notes}")
    _print(text_for("invalidated_header", lang))
    for m in current.invalidated:
        _print(f"  {m.name}: {m.instrument} — {m.judgment}, {m.judgment_date.isoformat()}")
    _warn_if_stale(lang, date.today())
    return 0


def cmd_restore(args: argparse.Namespace, lang: str) -> int:
    """Without ``--backup``, list the backups (newest first); with it, restore one over the register."""
    from .storage.backup import find_backup, list_backups, restore_backup
    from .storage.repository import RegisterStore

    path = register_path(args)
    if not isinstance(path, Path):
        from .storage.errors import StorageError

        raise StorageError("not_on_server", path=RegisterStore.shown(path))
    if args.backup is None:
        backups = list_backups(path, paths.backup_dir())
        if not backups:
            find_backup(path, paths.backup_dir(), None)  # raises "no backup"
        for backup in backups:
            _print(f"{backup.stem}\t{_backup_time(backup)}\t{backup.stat().st_size} bytes")
        _say("backups_listed", lang, count=len(backups), path=path)
        return 0
    chosen = find_backup(path, paths.backup_dir(), None if args.backup == "latest" else args.backup)
    kept = restore_backup(chosen, path, break_lock=args.break_lock)
    _say("restored", lang, path=path, backup=chosen.stem)
    if kept is not None:
        _say("kept_aside", lang, path=kept)
    return 0


def _backup_time(backup: Path) -> str:

    return datetime.fromtimestamp(backup.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def cmd_migrate(args: argparse.Namespace, lang: str) -> int:
    """Copy a register, its row versions and its audit log, from ``--from`` to ``--to`` (a new or empty one)."""
    from .storage.repository import RegisterStore

    source, target = args.source, args.target
    if isinstance(source, Path) and isinstance(target, Path) and source.resolve() == target.resolve():
        raise CliError("usage", detail="--from and --to name the same register")
    with open_store(source, read_only=True) as origin:
        register, versions, audit = origin.snapshot()
    if isinstance(target, Path) and not target.exists():
        store = RegisterStore.open(target, create=True)
    else:
        store = open_store(target, read_only=False) if isinstance(target, Path) else RegisterStore.open(
            target, create=True)
    with store:
        from .storage.errors import StorageError

        if store.server is not None:  # a role that may only read: said first, --replace would not help it either
            from .storage.server import read_privileges

            privileges = read_privileges(store.server)
            if not privileges.can_edit:
                raise StorageError("role_reads_only", path=store.where, role=privileges.role)
        if not store.is_empty() and not args.replace:
            raise StorageError("target_not_empty", path=store.where, count=len(store.list_organizations()))
        store.receive(register, versions, audit)
        shown = store.where
    activities = sum(len(o.activities) for o in register.organizations)
    _say("migrated", lang, path=shown, organizations=len(register.organizations), activities=activities,
         entries=len(audit))
    return 0


def cmd_server_setup(args: argparse.Namespace, lang: str) -> int:
    from .storage.roles import roles_sql

    _print(roles_sql(row_security=args.row_security), end="")
    return 0


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    from .cli_import import cmd_import as run

    return run(args, lang)


COMMANDS: dict[str, Callable[[argparse.Namespace, str], int]] = {
    "init": cmd_init, "export": cmd_export, "import": cmd_import, "check": cmd_check, "adequacy": cmd_adequacy,
    "restore": cmd_restore, "migrate": cmd_migrate, "server-setup": cmd_server_setup,
}


# --- GUI -----------------------------------------------------------------------------------------------------

def build_main_window(db_path: Path | str, *, read_only: bool = False) -> MainWindow:
    """The main window on ``db_path`` (a file or a team register's URL), without entering the event loop."""
    from .gui.application import build_main_window as build

    return build(db_path, read_only=read_only)


def run_gui(db_path: Path | str, argv: Sequence[str], *, smoke_test: bool = False) -> int:
    from .gui.application import run_gui as run

    return run(db_path, list(argv), smoke_test=smoke_test)


# --- entry point ---------------------------------------------------------------------------------------------

def _is_user_error(exc: BaseException) -> bool:
    """Bad input or usage: every such error in the project has a ``code`` and a translated ``message(lang)``."""
    return isinstance(getattr(exc, "code", None), str) and callable(getattr(exc, "message", None))


def _user_message(exc: BaseException, lang: str, args: argparse.Namespace | None) -> str:
    text: str = exc.message(lang)  # type: ignore[attr-defined]
    where = register_path(args) if args is not None else None
    if getattr(exc, "code", None) in ("corrupt", "foreign_objects") and isinstance(where, Path):
        text += " " + _restore_hint(where, lang)
    return text


def _restore_hint(path: Path, lang: str) -> str:
    """The latest good backup of a damaged register, and the command that restores it."""
    from .cli_text import text
    from .storage.backup import list_backups

    backups = list_backups(path, paths.backup_dir())
    if not backups:
        return text("no_backup_hint", lang)
    return text("restore_hint", lang, backup=backups[0].stem, when=_backup_time(backups[0]), path=path)


def _hostile_input(exc: BaseException) -> bool:
    """Errors hostile input provokes deep in a parser or a driver (RELIABILITY: bad input, not a bug)."""
    return isinstance(exc, (RecursionError, OverflowError, UnicodeError))


def _unexpected(exc: BaseException, lang: str, arguments: Sequence[str]) -> int:
    """Exit 3: one line naming the log file that holds the stack (never a bare traceback)."""
    from .cli_text import text
    from .storage.logs import write_error_log

    command = next((a for a in arguments if a in COMMANDS), "gui")
    try:
        log = str(write_error_log(exc, command))
    except OSError as log_error:
        log = text("no_log", lang, reason=log_error.strerror or log_error)
    _print(f"ropa-desktop: {text('internal', lang, error=type(exc).__name__, log=log)}", file=sys.stderr)
    return 3


_command_ran = False  # set by ``main`` when it ran a command (not the GUI): ``run`` may then leave at once


def run() -> NoReturn:
    """The process entry point (``ropa-desktop``, ``python -m ropa_desktop``): ``main``, then exit with its status.

    After a command, the process leaves without tearing down what it built: every file is written and closed
    and the register's lock released by then, and freeing a large register object by object (with the final
    collection Python runs at exit) took about a second on 10,000 activities, after the work was done.
    """
    code = main()
    if not _command_ran:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can be said
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; exit 0 ok, 1 when ``check`` finds errors, 2 bad input or usage, 3 internal error.

    An internal error's stack goes to ``logs/`` in the per-user data folder, and the one line names the file.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    KEPT.clear()
    lang = ui_language(os.environ)
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(arguments)
        args.break_lock = getattr(args, "break_lock", False)
        lang = getattr(args, "lang", None) or lang
        from .services.adequacy_store import load_in_use

        load_in_use()  # the user's newer adequacy list, if they installed one
        if args.command is None:
            path = register_path(args)
            if not isinstance(path, Path):
                from .storage.repository import RegisterStore

                RegisterStore.shown(path)  # a password in the URL is refused here, before any window
            elif args.db is None:
                ensure_register(path)  # the default register, on first launch; another missing file: the GUI asks
            return run_gui(path, [sys.argv[0], *arguments], smoke_test=args.smoke_test)
        # A command is one short process that builds a whole register at once: the cyclic collector would walk
        # every live object again and again while it grows (half the time of a large import) for the little
        # cyclic garbage a command leaves.
        gc.disable()
        global _command_ran
        _command_ran = True
        return COMMANDS[args.command](args, lang)
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except OSError as exc:
        reason = os_reason(exc, lang)
        _print(f"ropa-desktop: {CliError('os', path=shown_path(exc.filename or ''), reason=reason).message(lang)}",
              file=sys.stderr)
        return 2
    except BaseException as exc:
        if _is_user_error(exc):
            _print(f"ropa-desktop: {_user_message(exc, lang, args)}", file=sys.stderr)
            return 2
        if _hostile_input(exc):
            _print(f"ropa-desktop: {CliError('hostile', error=type(exc).__name__).message(lang)}", file=sys.stderr)
            return 2
        return _unexpected(exc, lang, arguments)
