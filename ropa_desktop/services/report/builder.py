"""build_pdf: the register of one organisation as a PDF, laid out in a single pass and written atomically."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from ... import __version__
from ...domain.checks import check_register, organization_score
from ...domain.fields import field_spec
from ...domain.model import Activity, Organization, Register
from ..atomic import atomic_output
from ..errors import Cancelled
from . import labels
from .ahead import Ahead
from .annexes import findings_annex, processor_finding, recipients_annex, retention_annex, transfers_annex
from .context import Ctx
from .cover import contents, cover, edition_line
from .document import ReportCanvas, ReportDoc
from .errors import ReportError
from .fiche import fiche, fiche_title, summary
from .fingerprint import fingerprint
from .flow import Hook, opening
from .fonts import register_fonts
from .processor import has_processor_side, processor_part
from .text import MissingGlyph, TextFilter, Truncation

PROFILES = ("full", "public")
_BUILD_LOCK = threading.Lock()
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What was written: page count, activities printed, content fingerprint, characters the font lacked."""

    pages: int
    activities: int
    fingerprint: str
    missing_glyphs: tuple[MissingGlyph, ...]
    truncated: tuple[Truncation, ...] = ()  # texts too long to print whole, cut with a visible note
    processor_activities: int = 0  # fiches of the processor's register (Art. 30(2)) printed after the controller's


def pick_organization(register: Register, organization_id: str | None) -> Organization:
    """The organisation to print: the one named, or the only one; several and none named is an error."""
    if organization_id is not None:
        org = register.organization(organization_id)
        if org is None:
            raise ReportError("unknown_organization", id=organization_id)
        return org
    if not register.organizations:
        raise ReportError("no_organization")
    if len(register.organizations) > 1:
        raise ReportError("organization_required", count=str(len(register.organizations)))
    return register.organizations[0]


def _select(org: Organization, activity_ids: Collection[str] | None) -> list[Activity]:
    if activity_ids is None:
        return list(org.activities)
    wanted = set(activity_ids)
    unknown = wanted - {a.id for a in org.activities}
    if unknown:
        raise ReportError("unknown_activities", ids=", ".join(sorted(unknown)))
    return [a for a in org.activities if a.id in wanted]  # register order, whatever the caller's order


class _Marks:
    """Bookmarks, outline entries and table-of-contents page numbers, set where each section lands."""

    def __init__(self, doc: ReportDoc, progress: Progress | None, cancel: Cancel | None, total: int) -> None:
        self.doc = doc
        self.progress = progress
        self.cancel = cancel
        self.total = total
        # TOC lines: reference, title, form, destination (no form: a group title)
        self.entries: list[tuple[str, str, str, str]] = []

    def section(self, key: str, title: str, level: int, *, toc_ref: str | None = None,
                toc_title: str | None = None, step: int | None = None, extra: tuple[str, str] | None = None,
                running: str = "", header: str = "") -> Hook:
        form = f"toc-{key}"
        if toc_ref is not None:
            if extra is not None:  # the group's own line: "Fiches de registre", "Annexes"
                self.entries.append(("", extra[1], "", ""))
            self.entries.append((toc_ref, toc_title or title, form, key))

        def mark(canv: Canvas) -> None:
            if self.cancel is not None and self.cancel():
                raise Cancelled()
            canv.bookmarkPage(key)
            if extra is not None:  # a level-0 group opening on the same page as its first entry
                canv.bookmarkPage(extra[0])
                canv.addOutlineEntry(extra[1], extra[0], 0, closed=True)
            canv.addOutlineEntry(title, key, level)
            self.doc.late_numbers[form] = str(canv.getPageNumber())
            self.doc.running = running
            if header:  # from here on, pages belong to another register (the processor's)
                self.doc.header_right = header
            if step is not None and self.progress is not None:
                self.progress(step, self.total)

        self.doc.late_numbers.setdefault(form, "?")  # a section never drawn shows "?"
        return Hook(mark)


def build_pdf(register: Register, output: Path, *, organization_id: str | None = None, lang: str = "fr",
              profile: str = "full", activity_ids: Collection[str] | None = None, today: date | None = None,
              progress: Progress | None = None, cancel: Cancel | None = None) -> ReportResult:
    """Write the register of one organisation (the only one, or ``organization_id``) to ``output``.

    A register of several organisations needs ``organization_id``: one PDF per organisation, so that each
    controller's record stands alone (ReportError "organization_required" otherwise). ``profile="public"``
    leaves out fields marked non-public in the field table. Cancelling raises ``Cancelled``; on any error
    an existing ``output`` is left byte-identical.
    """
    if lang not in labels.LANGS:
        raise ReportError("bad_language", value=lang)
    if profile not in PROFILES:
        raise ReportError("bad_profile", value=profile)
    org = pick_organization(register, organization_id)
    activities = _select(org, activity_ids)
    today = today or date.today()
    ctx = Ctx(lang, profile == "public", org, today, TextFilter(register_fonts(), lang))
    # Started first, so that the fingerprint and then the fiches are made while this process prepares and lays
    # out the pages before them.
    with Ahead(ctx, activities, fiche, first=lambda: fingerprint(org)) as ahead:
        title = ctx.t("title")
        org_name = ctx.user(org.name, ctx.t("identity"))
        # The PDF goes straight to a temporary file beside ``output``, renamed over it only once whole: a cancel
        # or an error removes it. Held in memory, a long register's file was there three times over.
        with atomic_output(Path(output)) as handle:
            doc = ReportDoc(handle, header_left=org_name, header_right=title,
                            footer_left=ctx.t("exported", date=labels.fmt_date(today, lang)),
                            page_label=labels.text("page", lang), title=f"{title} – {org_name}", author=org_name,
                            subject=f"{ctx.t('subtitle')} – {ctx.t('state', date=labels.fmt_date(today, lang))}",
                            creator=f"ROPA Desktop {__version__}", lang="fr-FR" if lang == "fr" else "en-GB")
            doc.cancel = cancel
            head, more = _story(ctx, doc, activities, len(org.activities), ahead, progress, cancel)
            doc.keywords = [ahead.first()]
            # ASCII85 stream encoding only makes the file bigger and slower to write (binary-safe files need
            # none); reportlab reads it (and the file collector, see document.py) from globals: hence the lock.
            with _BUILD_LOCK:
                use_a85, rl_config.useA85 = rl_config.useA85, 0
                try:
                    doc.build_streamed(head, more, canvasmaker=ReportCanvas)
                finally:
                    rl_config.useA85 = use_a85
            if cancel is not None and cancel():
                raise Cancelled()
        fp = ahead.first()
    if progress is not None:
        progress(len(activities), len(activities))
    return ReportResult(doc.pages, len(activities), fp, ctx.clean.missing, tuple(ctx.clean.truncated),
                        len(org.processor_activities) if has_processor_side(org) else 0)


def _story(ctx: Ctx, doc: ReportDoc, activities: list[Activity], total: int, ahead: Ahead,
           progress: Progress | None, cancel: Cancel | None) -> tuple[list[Flowable], Iterator[list[Flowable]]]:
    """The pages up to the summary, and the fiches (``ahead`` makes them) and annexes as they are reached.

    Every section's table-of-contents line is known before the body is laid out (the contents come first);
    a fiche's flowables are made only a little before the layout reaches it, so a long register never holds
    them all.
    """
    marks = _Marks(doc, progress, cancel, len(activities))
    findings = check_register(Register([ctx.org]), ctx.today)  # this organisation only
    score, _ = organization_score(ctx.org, findings)
    note = edition_line(ctx)
    story: list[Flowable] = [marks.section("cover", ctx.t("title"), 0),
                             Hook(lambda canv: setattr(doc, "page_note", note))]
    story += cover(ctx, shown=len(activities), total=total, fingerprint=ahead.first, score=score)
    toc_hook = marks.section("toc", ctx.t("toc"), 0)
    body = opening(marks.section("summary", ctx.t("summary"), 0, toc_ref="", toc_title=ctx.t("summary")),
                   summary(ctx, activities))
    name_label = ctx.label(field_spec("activity", "name"))
    hooks: list[Hook] = []
    for index, activity in enumerate(activities):
        if cancel is not None and index % 50 == 0 and cancel():
            raise Cancelled()
        ref = activity.reference or activity.name
        where = f"{ref} › {name_label}"
        name = ctx.user(activity.name or "—", where)
        title = ctx.user(fiche_title(activity) or "—", where)
        hooks.append(marks.section(
            f"act{index}", title, 1, toc_ref=ctx.user(activity.reference, ref), toc_title=name,
            step=index + 1, extra=("fiches", ctx.t("fiches")) if index == 0 else None,
            running=f"{ctx.t('fiche')} {ctx.user(ref, where)}"))
    annexes: tuple[tuple[str, str, Callable[[], list[Flowable]]], ...] = (
        ("annex1", "annex_recipients", lambda: recipients_annex(ctx, activities)),
        ("annex2", "annex_transfers", lambda: transfers_annex(ctx, activities)),
        ("annex3", "annex_retention", lambda: retention_annex(ctx, activities)),
        ("annex4", "annex_findings", lambda: findings_annex(
            ctx, activities, [f for f in findings if not processor_finding(f)])))
    annex_hooks = [marks.section(key, ctx.t(text_key), 1, toc_ref="",
                                 extra=("annexes", ctx.t("annexes")) if number == 0 else None)
                   for number, (key, text_key, _) in enumerate(annexes)]
    processor = processor_part(ctx, marks.section, [f for f in findings if processor_finding(f)], cancel)

    def more() -> Iterator[list[Flowable]]:
        for hook, made in zip(hooks, ahead, strict=True):
            yield [PageBreak(), hook, *made]
        for hook, (_, _, flow) in zip(annex_hooks, annexes, strict=True):
            yield opening(hook, flow())
        yield processor

    # The table of contents goes before the body; its entries were collected above.
    return [*story, PageBreak(), toc_hook, *contents(ctx, marks.entries), *body], more()
