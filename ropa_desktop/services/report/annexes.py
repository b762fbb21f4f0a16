"""Annexes: recipients and their activities, transfers outside the EU, retention schedule, findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus import Flowable

from ...domain.checks import Finding, Severity, message
from ...domain.countries import adequacy_list, is_in_eea
from ...domain.field_paths import describe
from ...domain.fields import FieldSpec, Kind, fields_of
from ...domain.model import Activity, ProcessorActivity, Transfer
from . import labels
from .context import Ctx
from .cover import heading
from .document import CONTENT_W
from .fiche import columns, scope_columns, stacked
from .flow import MUTED, Nothing, TextBlock, grid
from .fonts import OBLIQUE


def _ref(activity: Activity | ProcessorActivity) -> str:
    return activity.reference or activity.name


def _none(ctx: Ctx, key: str) -> Nothing:
    return Nothing(ctx.t(key))


FIELDS_SHARE = 0.79  # the recipients annex: the share of the recipient's fields; the activities using it get the rest
ACTIVITY_SHARE, ADEQUACY_SHARE = 0.12, 0.21  # the transfers annex: the activity's and the adequacy's columns


def recipients_annex(ctx: Ctx, activities: Sequence[Activity]) -> list[Flowable]:
    """Every recipient of the catalogue, with the activities (of this printout) that use it."""
    using: dict[str, list[str]] = {}
    for activity in activities:
        for link in activity.recipients:
            using.setdefault(link.recipient_id, []).append(ctx.user(_ref(activity), _ref(activity)))
    cols = scope_columns(ctx, "recipient", FIELDS_SHARE * CONTENT_W)
    widths = [w for _, w in cols] + [(1 - FIELDS_SHARE) * CONTENT_W]
    header = ["\n".join(ctx.label(s) for s in specs) for specs, _ in cols] + [ctx.t("activities_using")]
    rows = []
    for recipient in ctx.org.recipients:
        where = f"{ctx.t('annex_recipients')} › {recipient.name}"
        row = [stacked(ctx, specs, recipient, where) for specs, _ in cols]
        row.append(ctx.or_dash(", ".join(using.get(recipient.id, []))))
        rows.append(row)
    title = heading(ctx.t("annex_recipients"), size=13)
    if not rows:
        return [title, _none(ctx, "no_recipient")]
    return [grid(rows, widths, header=header, caption=title)]


def transfers_annex(ctx: Ctx, activities: Sequence[Activity | ProcessorActivity], *, title: str = "annex_transfers",
                    column: str = "activity") -> list[Flowable]:
    """Transfers outside the EU: country, adequacy and safeguard, activity by activity (or processing)."""
    # The transfer's columns from the field table, with the country's adequacy beside the country.
    cols = scope_columns(ctx, "transfer", (1 - ACTIVITY_SHARE - ADEQUACY_SHARE) * CONTENT_W)
    country = next(s for s in fields_of("transfer") if s.kind is Kind.COUNTRY)
    at = next((i + 1 for i, (specs, _) in enumerate(cols) if country in specs), len(cols))
    header = [ctx.t(column), *("\n".join(ctx.label(s) for s in specs) for specs, _ in cols)]
    header.insert(at + 1, ctx.t("adequacy"))
    widths = [ACTIVITY_SHARE * CONTENT_W, *(w for _, w in cols)]
    widths.insert(at + 1, ADEQUACY_SHARE * CONTENT_W)
    rows = []
    for activity in activities:
        where = f"{_ref(activity)} › {ctx.t(title)}"
        for transfer in activity.transfers:
            code = getattr(transfer, country.key)
            row = [ctx.user(_ref(activity), where)]
            row += [stacked(ctx, specs, transfer, where) for specs, _ in cols]
            row.insert(at + 1, labels.fmt_adequacy(code, ctx.lang, bool(code) and is_in_eea(code)))
            rows.append(row)
    # Statements the controller's processors handed it: the controller's register only.
    if column == "activity":
        rows += _statement_rows(ctx, [a for a in activities if isinstance(a, Activity)], cols, at, country)
    if not rows:  # the adequacy list's date says nothing without a transfer
        return [heading(ctx.t(title), size=13), _none(ctx, "no_transfer")]
    return [
        heading(ctx.t(title), size=13, after=4),
        TextBlock(ctx.t("adequacy_list", date=labels.fmt_date(adequacy_list().list_date, ctx.lang)), font=OBLIQUE,
                  size=8, color=MUTED, after=6),
        grid(rows, widths, header=header),
    ]


def _statement_rows(ctx: Ctx, activities: Sequence[Activity], cols: list[tuple[list[FieldSpec], float]], at: int,
                    country: FieldSpec) -> list[list[str]]:
    """Transfers the controller's processors declared in their statements, marked "via <processor>".

    A declared sub-processor outside the EEA with no declared transfer is listed too, its safeguard blank:
    the data goes there all the same.
    """
    using: dict[str, list[str]] = {}
    for activity in activities:
        for link in activity.recipients:
            using.setdefault(link.recipient_id, []).append(_ref(activity))
    rows = []
    for recipient in ctx.org.recipients:
        declared = list(recipient.transfers)
        covered = {(t.recipient.casefold(), t.country) for t in declared}
        declared += [Transfer(recipient=sub.name, country=sub.country) for sub in recipient.sub_processors
                     if sub.country and not is_in_eea(sub.country) and (sub.name.casefold(), sub.country)
                     not in covered]
        if not declared:
            continue
        where = f"{recipient.name} › {ctx.t('annex_transfers')}"
        when = labels.fmt_date(recipient.statement_date, ctx.lang) if recipient.statement_date else ctx.t("empty")
        via = ctx.t("via", processor=ctx.user(recipient.name, where), date=when)
        refs = ctx.or_dash(ctx.user(", ".join(using.get(recipient.id, [])), where))
        for transfer in declared:
            code = getattr(transfer, country.key)
            row = [refs, *(stacked(ctx, specs, transfer, where) for specs, _ in cols)]
            row[1] = f"{row[1]}\n{via}"  # the recipient's column says who declared it
            row.insert(at + 1, labels.fmt_adequacy(code, ctx.lang, bool(code) and is_in_eea(code)))
            rows.append(row)
    return rows


def retention_annex(ctx: Ctx, activities: Sequence[Activity]) -> list[Flowable]:
    """The retention schedule across activities, with the fiche's own columns."""
    cols = columns(ctx, "retention")
    widths = [0.12 * CONTENT_W] + [w * 0.88 for _, w in cols]
    header = [ctx.t("activity")] + ["\n".join(ctx.label(s) for s in specs) for specs, _ in cols]
    rows = []
    for activity in activities:
        where = f"{_ref(activity)} › {ctx.t('annex_retention')}"
        for rule in activity.retention:
            row = [ctx.user(_ref(activity), where)]
            row += [stacked(ctx, specs, rule, where) for specs, _ in cols]
            rows.append(row)
    title = heading(ctx.t("annex_retention"), size=13)
    if not rows:
        return [title, _none(ctx, "no_retention")]
    return [grid(rows, widths, header=header, caption=title)]


def _field_label(ctx: Ctx, finding: Finding) -> str:
    """The finding's field path in words, from the field table."""
    if finding.activity_id and processor_finding(finding):
        # The processing is named in its own column: its field from there ("Sous-traitants ultérieurs 1 – Pays").
        head, _, rest = finding.field.partition(".")
        if head.startswith("processor_activities[") and rest:
            return describe(rest, "processor_activity", ctx.lang)
        return describe(finding.field, "organization", ctx.lang)
    return describe(finding.field, "activity" if finding.activity_id else "organization", ctx.lang)


_PROCESSOR_HEADS = frozenset({"clients", "processor_activities"})


def processor_finding(finding: Finding) -> bool:
    """A finding of the processor's register: its path starts at the organisation's clients or processing."""
    return finding.field.partition(".")[0].partition("[")[0] in _PROCESSOR_HEADS


def findings_annex(ctx: Ctx, activities: Sequence[Activity | ProcessorActivity], findings: Sequence[Finding], *,
                   title: str = "annex_findings", column: str = "activity") -> list[Flowable]:
    """Open findings of the checks, errors first, for the organisation and the activities printed."""
    by_id = {a.id: a for a in activities}
    order = {a.id: i for i, a in enumerate(activities)}
    kept = []
    for f in findings:
        if f.activities:  # an organisation-level finding: only the printed activities it names
            printed = [i for i in f.activities if i in by_id]
            if not printed:
                continue
            f = replace(f, activities=tuple(printed),
                        params={**f.params, "refs": ", ".join(by_id[i].reference or by_id[i].name for i in printed)})
        if f.activity_id is None or f.activity_id in by_id:
            kept.append(f)
    kept.sort(key=lambda f: (f.severity != Severity.ERROR, order.get(f.activity_id or "", -1)))
    header = [ctx.t("severity"), ctx.t(column), ctx.t("field"), ctx.t("message")]
    rows = []
    for finding in kept:
        activity = by_id.get(finding.activity_id or "")
        ref = _ref(activity) if activity else ctx.t("organisation_level")
        where = f"{ref} › {ctx.t(title)}"
        severity = ctx.t(f"severity_{finding.severity.value}")
        rows.append([severity, ctx.user(ref, where), ctx.user(_field_label(ctx, finding), where),
                     ctx.user(message(finding, ctx.lang), where)])
    caption = heading(ctx.t(title), size=13)
    if not rows:
        return [caption, _none(ctx, "no_finding")]
    shares = (0.13, 0.13, 0.22, 0.52)
    return [grid(rows, [CONTENT_W * s for s in shares], header=header, caption=caption)]
