"""One fiche per activity in the CNIL order (or per processing done for clients), every field from the table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from ...domain.field_paths import describe
from ...domain.fields import FieldSpec, field_spec, fields_of, table_columns
from ...domain.model import Activity, ActivityRecipient, Recipient
from .context import Ctx
from .cover import heading
from .document import CONTENT_W
from .flow import MUTED, Nothing, TextBlock, grid
from .fonts import BOLD, OBLIQUE

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


def columns(ctx: Ctx, key: str, item_scope: str | None = None) -> list[tuple[list[FieldSpec], float]]:
    """The sub-list's column groups this profile shows (from the field table), widths scaled to the page.

    ``item_scope``: the items' scope where ``key`` is not an activity's sub-list (the processor's register).
    """
    return scope_columns(ctx, item_scope or field_spec("activity", key).item)


def scope_columns(ctx: Ctx, scope: str, width: float = CONTENT_W) -> list[tuple[list[FieldSpec], float]]:
    """A scope's column groups this profile shows, their widths scaled to ``width``."""
    groups = [([s for s in specs if ctx.shown(s)], share) for specs, share in table_columns(scope)]
    groups = [(specs, share) for specs, share in groups if specs]
    total = sum(share for _, share in groups)
    return [(specs, width * share / total) for specs, share in groups]


def stacked(ctx: Ctx, specs: Sequence[FieldSpec], item: Any, where: str) -> str:
    """One table cell: the values of the fields stacked in it, one a line, or a dash."""
    return ctx.or_dash("\n".join(v for v in (ctx.value(s, getattr(item, s.key), where) for s in specs) if v))


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
        return [caption, Nothing(ctx.t("no_activity"))]
    return [grid([[ctx.or_dash(c) for c in r] for r in rows], [CONTENT_W * s for s in SUMMARY_SHARES],
                 header=header, caption=caption)]
