"""One export for the command line and the GUI: which organisations, format, language, profile, file names."""

from __future__ import annotations

import copy
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..domain.fields import FIELDS, shape_of
from ..domain.messages import TranslatedError, fill, message_table
from ..domain.model import Organization, Register
from ..storage.lock import lock_path
from ..storage.repository import RegisterStore
from .atomic import write_bytes_atomic

FORMATS = ("pdf", "xlsx", "json")
PROFILES = ("full", "public")
ALL = "all"
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

_MESSAGES = message_table("exporting", {
    "no_folder": ("Le dossier {folder} n'existe pas : rien n'a été exporté.",
                  "The folder {folder} does not exist: nothing was exported."),
    "not_a_folder": ("{folder} n'est pas un dossier : rien n'a été exporté.",
                     "{folder} is not a folder: nothing was exported."),
    "overwrites_register": ("{path} est un registre (fichier SQLite) : une exportation ne l'écrase jamais, "
                            "choisissez un autre nom.",
                            "{path} is a register (an SQLite file): an export never overwrites it, "
                            "choose another name."),
    "unknown_organization": ("organisme inconnu : {name}", "unknown organisation: {name}"),
    "no_organization": ("le registre ne contient aucun organisme à exporter.",
                        "the register holds no organisation to export."),
    "in_use": ("{path} est ouvert ailleurs : choisissez un autre nom.",
               "{path} is open elsewhere: choose another name."),
    "missing_glyph": ("« {char} » ({codepoint}) n'existe pas dans la police et a été imprimé « ? » : {where}",
                      "“{char}” ({codepoint}) is not in the font and was printed as “?”: {where}"),
    "truncated": ("texte trop long pour le PDF, coupé avec une note ({count} caractères omis) : {where}",
                  "text too long for the PDF, cut with a note ({count} characters left out): {where}"),
    # A statement is still written (the processor may need it now), but the client is told what it lacks.
    "statement_no_address": ("la déclaration ne donne pas l'adresse du sous-traitant (art. 30(2)(a))",
                             "the statement gives no address for the processor (Art. 30(2)(a))"),
    "statement_no_dpo": ("la déclaration ne donne ni le DPO ni un point de contact du sous-traitant (art. 30(2)(a))",
                         "the statement gives neither the processor's DPO nor a contact point (Art. 30(2)(a))"),
    "statement_no_processing": ("aucun traitement n'est effectué pour ce client : la déclaration n'en décrit aucun",
                                "no processing is carried out for this client: the statement describes none"),
    "statement_drafts": ("{count} {count:traitement de la déclaration est|traitements de la déclaration sont} "
                         "encore à l'état de brouillon",
                         "{count} processing {count:operation|operations} in the statement "
                         "{count:is still a draft|are still drafts}"),
})


class ExportError(TranslatedError, ValueError):
    """The export cannot be made as asked (unknown organisation...); nothing was written."""

    MESSAGES = _MESSAGES


class Translatable(Protocol):
    """Anything worded in French or English only when shown."""

    def message(self, lang: str = "en") -> str: ...


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about a file that was written, in either language."""

    key: str
    params: dict[str, str]

    def message(self, lang: str = "en") -> str:
        fr, en = _MESSAGES[self.key]
        return fill(fr if lang == "fr" else en, lang, self.params)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: ``organizations`` is ``"all"``, or an organisation's id or name (case-insensitive)."""

    format: str
    output: Path
    organizations: str = ALL
    lang: str = "fr"
    profile: str = "full"
    stamp: str = ""  # the stored register's ids and versions as loaded (``storage.ids``): kept in an XLSX; for a
    # JSON export, ``json_unchanged.state``: remembered with the bytes written
    versions: Mapping[str, int] | None = None  # each record's stored version as loaded: kept in a JSON export
    register_id: str | None = None  # the stored register's id (``storage.ids.register_id``): kept in a JSON export


@dataclass(slots=True)
class ExportResult:
    """The files written (in order) and what the user should be told about them."""

    written: list[Path] = field(default_factory=list)
    notices: list[Translatable] = field(default_factory=list)

    def warnings(self, lang: str) -> list[str]:
        return [n.message(lang) for n in self.notices]


def slug(name: str) -> str:
    """A file-name-safe, lower-case, accent-free form of an organisation's name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "organisation"


def select_organizations(register: Register, wanted: str) -> list[Organization]:
    """``"all"`` (or empty): every organisation; else the one with that id, or that name (case-insensitive)."""
    if not wanted or wanted == ALL:
        return list(register.organizations)
    for org in register.organizations:
        if wanted == org.id or org.name.casefold() == wanted.casefold():
            return [org]
    raise ExportError("unknown_organization", name=wanted)


def planned_files(register: Register, request: ExportRequest) -> list[tuple[Organization | None, Path]]:
    """Each file the export writes and the organisation it holds (None: the whole register, one JSON).

    Exactly ``output`` when one organisation is written, else ``<stem>-<slug><suffix>`` beside it. JSON of
    every organisation stays one file: the lossless document of the whole register (importing it back gives
    the same register).
    """
    orgs = select_organizations(register, request.organizations)
    if not orgs:
        raise ExportError("no_organization")
    output = Path(request.output)
    if request.format == "json" and (not request.organizations or request.organizations == ALL):
        return [(None, output)]
    if len(orgs) == 1:
        return [(orgs[0], output)]
    return [(org, output.with_name(f"{output.stem}-{slug(org.name)}{output.suffix}")) for org in orgs]


def public_copy(register: Register) -> Register:
    """The register without what the field table marks as internal (the public profile)."""
    hidden: dict[str, set[str]] = {}
    for spec in FIELDS:
        if not spec.public:
            hidden.setdefault(spec.scope, set()).add(spec.key)
    result = copy.deepcopy(register)

    def blank(obj: object, scope: str) -> None:
        for key in hidden.get(scope, ()):
            value = getattr(obj, key, None)
            if isinstance(value, str):
                setattr(obj, key, "")
            elif isinstance(value, list):
                setattr(obj, key, [])
        for spec in shape_of(scope):  # down every list and nested object the table describes
            if not spec.item:
                continue
            child = getattr(obj, spec.key, None)
            for item in child if isinstance(child, list) else [child] if child is not None else []:
                blank(item, spec.item)

    for org in result.organizations:
        blank(org, "organization")
    return result


def export(
    register: Register,
    request: ExportRequest,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write the files of ``request``, each atomically (a failed or cancelled file leaves the old one intact)."""
    if request.format not in FORMATS:
        raise ValueError(request.format)
    files = planned_files(register, request)
    for _org, path in files:  # before anything is written: all the files, or none
        check_folder(path)
        if _is_sqlite(path):
            raise ExportError("overwrites_register", path=path)
    source = public_copy(register) if request.profile == "public" and request.format != "pdf" else register
    result = ExportResult()
    for number, (org, path) in enumerate(files):

        def step(done: int, total: int, number: int = number) -> None:
            if progress is not None:
                progress(number * 1000 + (1000 * done // max(total, 1)), 1000 * len(files))

        _write_one(source, org, path, request, step, cancel, result)
        result.written.append(path)
    return result


def check_folder(path: Path) -> None:
    """Refuse a file whose folder is missing, naming the folder (not the temporary file a write would name)."""
    if not path.parent.is_dir():
        raise ExportError("no_folder" if not path.parent.exists() else "not_a_folder", folder=path.parent)


def _is_sqlite(path: Path) -> bool:
    """A register (or any SQLite database) already at ``path``: never the target of an export."""
    try:
        if not path.is_file():  # a pipe would block the read; the write refuses what is not a file
            return False
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False  # nothing there (or nothing readable): the write itself will say what is wrong


def _write_one(
    register: Register,
    org: Organization | None,
    path: Path,
    request: ExportRequest,
    progress: Progress,
    cancel: Cancel | None,
    result: ExportResult,
) -> None:
    if request.format == "json":
        from .json_format import dumps

        progress(0, 1)
        chosen = register if org is None else Register([o for o in register.organizations if o.id == org.id])
        data = dumps(chosen, versions=request.versions, register_id=request.register_id).encode("utf-8")
        write_bytes_atomic(path, data)
        if org is None and request.profile == "full" and request.stamp:  # the whole register, lossless
            from .json_unchanged import remember_export

            remember_export(data, request.stamp)
        progress(1, 1)
    elif request.format == "pdf":
        from .report import build_pdf

        assert org is not None
        built = build_pdf(register, path, organization_id=org.id, lang=request.lang, profile=request.profile,
                          progress=progress, cancel=cancel)
        result.notices += [Notice("missing_glyph", {"char": g.char, "codepoint": g.codepoint, "where": g.where})
                           for g in built.missing_glyphs]
        result.notices += [Notice("truncated", {"count": str(cut.omitted), "where": cut.where})
                           for cut in built.truncated]
    else:
        from .spreadsheet import export_xlsx

        report = export_xlsx(register, path, lang=request.lang, organization_id=org.id if org else None,
                             progress=progress, cancel=cancel, stamp=request.stamp)
        result.notices += list(report.warnings)



def save_copy(register: Register, target: Path) -> None:
    """Write ``register`` as a new register file at ``target``, atomically ("Save a copy as").

    The copy is built beside ``target`` under a temporary name and renamed over it only once complete:
    a failed write leaves an existing ``target`` as it was.
    """
    target = Path(target)
    if Path(f"{target}-wal").exists() or lock_path(target).exists():
        # A register open elsewhere (or left by a crash) keeps its journal and lock beside it: never replace it.
        raise ExportError("in_use", path=target)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with RegisterStore.open(temporary, create=True) as store:
            store.write_register(copy.deepcopy(register))
        os.replace(temporary, target)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
