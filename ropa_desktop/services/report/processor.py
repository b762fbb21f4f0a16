"""The processor's register (Art. 30(2)): identity, security, clients, one fiche per processing, its annexes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from reportlab.platypus import Flowable, PageBreak, Spacer

from ...domain.checks import Finding
from ...domain.countries import is_in_eea
from ...domain.fields import COLLECTIONS, FieldSpec, field_spec, fields_of
from ...domain.model import Client, Organization, ProcessorActivity
from ..errors import Cancelled
from . import labels
from .annexes import findings_annex, transfers_annex
from .context import Ctx
from .cover import heading, identity_rows
from .document import CONTENT_W
from .fiche import LABEL_W, art30, columns, record, sub_list
from .flow import MUTED, Hook, Nothing, TextBlock, TocEntry, grid, opening


class Section(Protocol):
    """Places a bookmark, an outline entry and a table-of-contents line where a section starts."""

    def __call__(self, key: str, title: str, level: int, *, toc_ref: str | None = None,
                 toc_title: str | None = None, extra: tuple[str, str] | None = None, running: str = "",
                 header: str = "") -> Hook: ...


def has_processor_side(org: Organization) -> bool:
    """Whether the organisation keeps a processor's register: clients or processing done on their behalf."""
    return bool(org.clients or org.processor_activities)


def _collection(key: str) -> FieldSpec:
    return next(f for f in COLLECTIONS if f.scope == "organization" and f.key == key)


def _ref(item: ProcessorActivity) -> str:
    return item.reference or item.name


def title_of(item: ProcessorActivity) -> str:
    return " — ".join(part for part in (item.reference.strip(), item.name.strip()) if part)


def processor_part(ctx: Ctx, section: Section, findings: Sequence[Finding],
                   cancel: Callable[[], bool] | None = None) -> list[Flowable]:
    """The second register, after the controller's annexes; an organisation without one gets nothing."""
    org = ctx.org
    if not has_processor_side(org):
        return []
    title = ctx.t("processor_title")
    name_label = ctx.label(field_spec("processor_activity", "name"))
    # (key, reference, title) of every section after the opening page: its own contents, and the bookmarks.
    parts: list[tuple[str, str, str]] = [("proc-clients", "", ctx.t("processor_clients"))]
    for index, item in enumerate(org.processor_activities):
        where = f"{_ref(item)} › {name_label}"
        parts.append((f"proc{index}", ctx.user(item.reference, where), ctx.user(item.name or "—", where)))
    parts += [("proc-annex-a", "", ctx.t("annex_sub_processors")),
              ("proc-annex-b", "", ctx.t("annex_processor_transfers")),
              ("proc-annex-c", "", ctx.t("annex_processor_findings"))]
    flow: list[Flowable] = [
        PageBreak(),
        section("proc-intro", ctx.t("processor_identity"), 1, toc_ref="", extra=("processor", title),
                running="", header=title),
        heading(title, size=18, after=4),
        TextBlock(ctx.t("processor_subtitle"), size=9.5, color=MUTED, after=10),
        heading(ctx.t("processor_contents"), size=11, after=4),
        *(TocEntry(ref, text, f"toc-{key}", key) for key, ref, text in parts),
        Spacer(1, 12),
        grid(identity_rows(ctx), [LABEL_W, CONTENT_W - LABEL_W], label_column=True,
             caption=heading(ctx.t("processor_identity"), size=12, after=5)),
    ]
    security = _collection("security_measures")
    flow += sub_list(ctx, org.security_measures, security, ctx.t("processor_security"),
                     heading(ctx.t("processor_security") + art30(ctx, security), size=12, before=8, after=5))
    flow += opening(section("proc-clients", ctx.t("processor_clients"), 1, toc_ref=""), _clients(ctx))
    for index, item in enumerate(org.processor_activities):
        if cancel is not None and index % 50 == 0 and cancel():
            raise Cancelled()
        where = f"{_ref(item)} › {name_label}"
        _, ref, text = parts[index + 1]
        flow += [PageBreak(), section(
            f"proc{index}", ctx.user(title_of(item) or "—", where), 1, toc_ref=ref, toc_title=text,
            running=f"{ctx.t('processor_fiche')} {ctx.user(_ref(item), where)}")]
        flow += record(ctx, "processor_activity", item, title_of(item))
    flow += opening(section("proc-annex-a", ctx.t("annex_sub_processors"), 1, toc_ref="", running=""),
                    sub_processors_annex(ctx, org.processor_activities))
    flow += opening(section("proc-annex-b", ctx.t("annex_processor_transfers"), 1, toc_ref=""),
                    transfers_annex(ctx, org.processor_activities, title="annex_processor_transfers",
                                    column="processing"))
    flow += opening(section("proc-annex-c", ctx.t("annex_processor_findings"), 1, toc_ref=""),
                    findings_annex(ctx, org.processor_activities, findings, title="annex_processor_findings",
                                   column="processing"))
    return flow


def _clients(ctx: Ctx) -> list[Flowable]:
    """One label / value table per client, every field of the table, and the processing done for it."""
    clients = _collection("clients")
    flow: list[Flowable] = [heading(ctx.t("processor_clients") + art30(ctx, clients), size=16, after=10)]
    if not ctx.org.clients:
        return [*flow, Nothing(ctx.t("no_client"))]
    done_for: dict[str, list[str]] = {}
    for item in ctx.org.processor_activities:
        for link in item.clients:
            done_for.setdefault(link.client_id, []).append(_ref(item))
    for client in ctx.org.clients:
        flow.append(_client_card(ctx, client, done_for.get(client.id, [])))
    return flow


def _client_card(ctx: Ctx, client: Client, processing: list[str]) -> Flowable:
    where = f"{ctx.t('processor_clients')} › {client.name}"
    rows = [[ctx.label(s), ctx.or_dash(ctx.value(s, getattr(client, s.key), where))]
            for s in fields_of("client") if ctx.shown(s)]
    rows.append([ctx.t("processor_fiches"), ctx.or_dash(ctx.user(", ".join(processing), where))])
    caption = heading(ctx.user(client.name or "—", where), size=11, before=4, after=4)
    return grid(rows, [LABEL_W, CONTENT_W - LABEL_W], label_column=True, caption=caption, after=10)


def sub_processors_annex(ctx: Ctx, items: list[ProcessorActivity]) -> list[Flowable]:
    """Every sub-processor, processing by processing, with the client's authorisation and the adequacy status."""
    cols = columns(ctx, "sub_processors", "sub_processor")
    # The processing's reference first and the country's adequacy last take a share of the fiche's widths.
    widths = [0.08 * CONTENT_W] + [w * 0.74 for _, w in cols] + [0.18 * CONTENT_W]
    header = [ctx.t("reference"), *("\n".join(ctx.label(s) for s in specs) for specs, _ in cols), ctx.t("adequacy")]
    rows = []
    for item in items:
        where = f"{_ref(item)} › {ctx.t('annex_sub_processors')}"
        for sub in item.sub_processors:
            row = [ctx.user(_ref(item), where)]
            for specs, _ in cols:
                values = [ctx.value(s, getattr(sub, s.key), where) for s in specs]
                row.append(ctx.or_dash("\n".join(v for v in values if v)))
            row.append(labels.fmt_adequacy(sub.country, ctx.lang, bool(sub.country) and is_in_eea(sub.country)))
            rows.append(row)
    title = heading(ctx.t("annex_sub_processors"), size=13)
    if not rows:
        return [title, Nothing(ctx.t("no_sub_processor"))]
    return [grid(rows, widths, header=header, caption=title)]
