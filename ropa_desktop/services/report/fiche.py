"""One fiche per activity in the CNIL order (or per processing done for clients), every field from the table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from ...domain.field_paths import describe
from ...domain.fields import FieldSpec, Kind, field_spec, fields_of
from ...domain.model import Activity, ActivityRecipient, Recipient
from .context import Ctx
from .cover import heading
from .document import CONTENT_W
from .flow import MUTED, TextBlock, grid
from .fonts import BOLD, OBLIQUE

# Sub-lists shown as tables: columns are groups of fields (scope.key) stacked in one cell, relative widths.
# Every field of the sub-list's scope appears in exactly one group (a test holds this to the field table).
LIST_COLUMNS: dict[str, tuple[tuple[tuple[str, ...], float], ...]] = {
    "purposes": ((("purpose.description",), 0.38), (("purpose.main",), 0.12),
                 (("purpose.legal_basis",), 0.24), (("purpose.legal_basis_details",), 0.26)),
    "data_categories": ((("data_category.category",), 0.3), (("data_category.details",), 0.3),
                        (("data_category.sensitive",), 0.12),
                        (("data_category.special_condition",
                          "data_category.special_condition_details"), 0.28)),
    "retention": ((("retention.applies_to", "retention.categories"), 0.26),
                  (("retention.duration", "retention.minimum", "retention.criterion"), 0.19),
                  (("retention.start",), 0.16),
                  (("retention.legal_reference",), 0.2), (("retention.phase", "retention.final_fate"), 0.19)),
    "data_subjects": ((("data_subject.category",), 0.35), (("data_subject.details",), 0.65)),
    "recipients": ((("activity_recipient.recipient_id",), 0.26), (("recipient.type",), 0.22),
                   (("recipient.country",), 0.16), (("activity_recipient.details",), 0.22),
                   (("recipient.contract_reference",), 0.14)),
    "security_measures": ((("security_measure.type",), 0.35), (("security_measure.details",), 0.65)),
    "transfers": ((("transfer.recipient",), 0.25), (("transfer.country",), 0.2),
                  (("transfer.safeguard",), 0.25), (("transfer.documentation",), 0.3)),
    "sources": ((("source.document",), 0.3), (("source.section",), 0.2), (("source.excerpt", "source.field"), 0.5)),
}
LABEL_W = 0.3 * CONTENT_W


def _spec(path: str) -> FieldSpec:
    scope, key = path.split(".")
    return field_spec(scope, key)


def art30(ctx: Ctx, spec: FieldSpec) -> str:
    if not spec.art30:
        return ""
    return f" (art. {spec.art30})" if ctx.lang == "fr" else f" (Art. {spec.art30})"


def fiche_title(activity: Activity) -> str:
    return " — ".join(part for part in (activity.reference.strip(), activity.name.strip()) if part)


def fiche(ctx: Ctx, activity: Activity) -> list[Flowable]:
    """The fiche's flowables (the caller starts a page and places the bookmark)."""
    return record(ctx, "activity", activity, fiche_title(activity))


def record(ctx: Ctx, scope: str, item: Any, title: str) -> list[Flowable]:
    """A fiche of any record scope (an activity, a processing done for clients): every field of the table."""
    ref = getattr(item, "reference", "") or getattr(item, "name", "")
    where_name = f"{ref} › {ctx.label(field_spec(scope, 'name'))}"
    flow: list[Flowable] = [
        TextBlock(ctx.t("fiche").upper(), font=BOLD, size=8, color=MUTED, after=2),
        heading(ctx.user(title or "—", where_name), size=14, after=8, max_lines=4),
    ]
    scalars: list[list[str]] = []
    for spec in fields_of(scope):
        if not ctx.shown(spec):
            continue
        where = f"{ref} › {ctx.label(spec)}"
        if spec.is_scalar:
            value = ctx.value(spec, getattr(item, spec.key), where)
            scalars.append([ctx.label(spec), ctx.or_dash(value)])
            continue
        if scalars:
            flow.append(grid(scalars, [LABEL_W, CONTENT_W - LABEL_W], label_column=True))
            scalars = []
        caption = heading(ctx.label(spec) + art30(ctx, spec), size=10, before=4, after=4)
        if spec.is_object:
            flow.append(single(ctx, spec.item, getattr(item, spec.key), where, caption))
        else:
            flow += sub_list(ctx, getattr(item, spec.key), spec, where, caption)
    if scalars:  # after the sub-lists: set apart from the last one
        trailing = grid(scalars, [LABEL_W, CONTENT_W - LABEL_W], label_column=True)
        trailing.spaceBefore = 8
        flow.append(trailing)
    return flow


def single(ctx: Ctx, scope: str, item: Any, where: str, title: TextBlock | None) -> Flowable:
    """One object as a label / value table, every field of its scope this profile shows."""
    rows = [[ctx.label(s), ctx.or_dash(ctx.value(s, getattr(item, s.key), where))]
            for s in fields_of(scope) if ctx.shown(s)]
    return grid(rows, [LABEL_W, CONTENT_W - LABEL_W], label_column=True, caption=title)


# Relative column widths of a sub-list laid out from the field table alone (no LIST_COLUMNS entry).
_KIND_SHARES = {Kind.LONG_TEXT: 2.0, Kind.CODE: 1.4, Kind.CODES: 1.4, Kind.BOOL: 0.8, Kind.DATE: 1.0,
                Kind.DATETIME: 0.9}


def columns(ctx: Ctx, key: str, item_scope: str | None = None) -> list[tuple[list[FieldSpec], float]]:
    """The sub-list's column groups this profile shows, widths scaled to the page.

    ``LIST_COLUMNS[key]`` where it lays out this item scope; otherwise one column per field of ``item_scope``
    (a sub-list of the processor's register), in the table's order.
    """
    layout = LIST_COLUMNS.get(key)
    groups: list[tuple[list[FieldSpec], float]] = []
    if layout is not None and (item_scope is None or _spec(layout[0][0][0]).scope == item_scope):
        groups = [([s for s in map(_spec, paths) if ctx.shown(s)], share) for paths, share in layout]
    else:
        assert item_scope is not None
        for s in fields_of(item_scope):
            if not ctx.shown(s):
                continue
            if s.kind is Kind.DATE and groups:  # a date is short: under the field before it ("authorised on")
                groups[-1][0].append(s)
            else:
                groups.append(([s], _KIND_SHARES.get(s.kind, 1.0)))
    groups = [(specs, share) for specs, share in groups if specs]
    total = sum(share for _, share in groups)
    return [(specs, CONTENT_W * share / total) for specs, share in groups]


def _item_value(ctx: Ctx, spec: FieldSpec, item: Any, recipient: Recipient | None, where: str) -> str:
    source = recipient if spec.scope == "recipient" else item
    if spec.scope == "source" and spec.key == "field":  # the field the excerpt supports, in words
        path = getattr(item, "field", "")
        return ctx.user(f"→ {describe(path, 'activity', ctx.lang)}", where) if path else ""
    return ctx.value(spec, getattr(source, spec.key, ""), where) if source is not None else ""


def sub_list(ctx: Ctx, items: Sequence[Any], spec: FieldSpec, where: str, title: TextBlock) -> list[Flowable]:
    """A sub-list as a table with a header row, or "nothing recorded"."""
    if not items:
        return [title, TextBlock(ctx.t("none"), font=OBLIQUE, size=8, color=MUTED, after=6)]
    cols = columns(ctx, spec.key, spec.item)
    header = ["\n".join(ctx.label(s) for s in specs) for specs, _ in cols]
    rows = []
    for item in items:
        recipient = ctx.org.recipient(item.recipient_id) if isinstance(item, ActivityRecipient) else None
        row = []
        for specs, _ in cols:
            values = [_item_value(ctx, s, item, recipient, where) for s in specs]
            row.append(ctx.or_dash("\n".join(v for v in values if v)))
        rows.append(row)
    return [grid(rows, [w for _, w in cols], header=header, caption=title)]


SUMMARY_SHARES = (0.12, 0.21, 0.13, 0.24, 0.2, 0.1)


def summary(ctx: Ctx, activities: Sequence[Activity]) -> list[Flowable]:
    """One row per activity: reference, name, role, main purpose, legal bases, status."""
    paths = ("activity.reference", "activity.name", "activity.role", "purpose.main", "purpose.legal_basis",
             "activity.status")
    specs = [_spec(path) for path in paths]
    header = [ctx.label(s) for s in specs]
    header[4] = ctx.t("legal_bases")
    role, basis, status = specs[2], specs[4], specs[5]
    rows = []
    title = ctx.t("summary")
    for activity in activities:
        ref = activity.reference or activity.name
        main = activity.main_purpose()
        rows.append([
            ctx.user(activity.reference, f"{title} › {ref}"),
            ctx.user(activity.name, f"{title} › {ref} › {header[1]}"),
            ctx.value(role, activity.role, f"{title} › {ref}"),
            ctx.user(main.description, f"{title} › {ref} › {header[3]}") if main else "",
            "\n".join(ctx.value(basis, code, f"{title} › {ref}") for code in activity.legal_bases()),
            ctx.value(status, activity.status, f"{title} › {ref}"),
        ])
    caption = heading(title, size=16, after=10)
    if not rows:
        return [caption, TextBlock(ctx.t("no_activity"), font=OBLIQUE, size=9)]
    return [grid([[ctx.or_dash(c) for c in r] for r in rows], [CONTENT_W * s for s in SUMMARY_SHARES],
                 header=header, caption=caption)]
