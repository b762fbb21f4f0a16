"""The cover page (title, organisation, state date, fingerprint) and the table of contents."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from ... import __version__
from ...domain.fields import fields_of
from .context import Ctx
from .document import CONTENT_W
from .flow import ACCENT, INK, MUTED, LateText, TextBlock, TocEntry, clip, grid, wrapper
from .fonts import BOLD, OBLIQUE
from .labels import fmt_date
from .text import markup

_ORG_STYLE = ParagraphStyle("org", fontName=BOLD, fontSize=16, leading=20, textColor=INK, spaceAfter=8)


def heading(text: str, size: float = 14.0, before: float = 0.0, after: float = 8.0,
            max_lines: int = 0) -> TextBlock:
    return TextBlock(text, font=BOLD, size=size, color=ACCENT, before=before, after=after,
                     keep_with_next=True, max_lines=max_lines)


def cover(ctx: Ctx, *, shown: int, total: int, fingerprint: Callable[[], str],
          score: int | None = None) -> list[Flowable]:
    """The cover's flowables; ``fingerprint`` is asked for only when the cover is laid out."""
    flow: list[Flowable] = [
        # Spacing kept tight: the cover is one page, its identity table (notes included) on it whole.
        Spacer(1, 8),
        TextBlock(ctx.t("title"), font=BOLD, size=24, color=ACCENT, after=4),
        TextBlock(ctx.t("subtitle"), size=10, color=MUTED, after=14),
        # The one Paragraph fed with user text: escaped, so a name like "<b>R&D</b>" prints as it is.
        Paragraph(markup(_org_name_lines(ctx)), _ORG_STYLE),
        TextBlock(ctx.t("state", date=fmt_date(ctx.today, ctx.lang)), font=BOLD, size=11, after=4),
        TextBlock(ctx.t("activities_count", n=shown), size=10, after=4),
    ]
    if shown != total:
        flow.append(TextBlock(ctx.t("selection", n=shown, total=total), size=10, after=4))
    if ctx.org.clients or ctx.org.processor_activities:  # the processor's register follows the controller's
        flow.append(TextBlock(ctx.t("processor_count", n=len(ctx.org.processor_activities),
                                    clients=len(ctx.org.clients)), size=10, after=4))
    if score is not None:
        flow.append(TextBlock(ctx.t("completeness", score=score), font=BOLD, size=10, after=4))
    flow += [
        LateText(lambda: ctx.t("fingerprint", fp=fingerprint()), size=10, after=1),
        TextBlock(ctx.t("fingerprint_note"), font=OBLIQUE, size=7.5, color=MUTED, after=4),
        TextBlock(ctx.t("profile_public" if ctx.public else "profile_full"), font=OBLIQUE, size=8.5,
                  color=MUTED, after=10),
        grid(identity_rows(ctx), [0.3 * CONTENT_W, 0.7 * CONTENT_W], label_column=True,
             caption=heading(ctx.t("identity"), size=11, after=5)),
    ]
    return flow


def edition_line(ctx: Ctx) -> str:
    """The cover's last line, printed at the foot of its page: in the flow, it spilled alone onto a page."""
    return ctx.t("generated", date=fmt_date(ctx.today, ctx.lang), version=__version__)


def _org_name_lines(ctx: Ctx) -> str:
    # Pre-wrapped (long unbroken names break too) and at most four lines; the full name is in the table.
    name = ctx.user(ctx.org.name, ctx.t("identity"))
    return "\n".join(clip(wrapper(BOLD, _ORG_STYLE.fontSize).lines(name, CONTENT_W), 4))


def identity_rows(ctx: Ctx) -> list[list[str]]:
    rows = []
    where = ctx.t("identity")
    for spec in fields_of("organization"):
        if not ctx.shown(spec):
            continue
        value = ctx.value(spec, getattr(ctx.org, spec.key), f"{where} › {ctx.label(spec)}")
        rows.append([ctx.label(spec), ctx.or_dash(value)])
    return rows


def contents(ctx: Ctx, entries: Sequence[tuple[str, str, str, str]]) -> list[Flowable]:
    """The table of contents: (reference, title, form name, destination) per line."""
    flow: list[Flowable] = [heading(ctx.t("toc"), size=16, after=10)]
    for ref, title, form, dest in entries:
        if form:
            flow.append(TocEntry(ref, title, form, dest))
        else:
            flow.append(TextBlock(title, font=BOLD, size=9.5, color=ACCENT, before=6, after=3,
                                  keep_with_next=True))
    return flow
