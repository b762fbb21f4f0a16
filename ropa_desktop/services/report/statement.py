"""The processor statement as a PDF (French or English): the same content as its JSON, for Art. 28(3)(h) audits."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab import rl_config
from reportlab.platypus import Flowable, Spacer

from ... import __version__
from ...domain.countries import adequacy_list, is_in_eea
from ...domain.fields import FieldSpec, Kind, fields_of
from ...domain.messages import message_table, translate
from ...domain.model import ProcessorActivity
from ..statement import Statement, in_statement
from . import labels
from .builder import _BUILD_LOCK
from .context import Ctx
from .cover import heading
from .document import CONTENT_W, ReportCanvas, ReportDoc
from .errors import ReportError
from .flow import ACCENT, CELL_SIZE, MUTED, PAD, TextBlock, grid, wrapper
from .fonts import BOLD, OBLIQUE, REGULAR, register_fonts
from .text import MissingGlyph, TextFilter, Truncation

_TEXTS = message_table("statement_report", {
    "title": ("Déclaration du sous-traitant", "Processor statement"),
    "subtitle": ("Traitements effectués pour le compte d'un responsable de traitement – articles 28(3)(h) et "
                 "30(2) du RGPD",
                 "Processing carried out on behalf of a controller – Articles 28(3)(h) and 30(2) GDPR"),
    "for_client": ("Établie pour : {client}", "Issued to: {client}"),
    "issued": ("Déclaration du {date}", "Statement of {date}"),
    "issued_at": ("Déclaration du {date}, éditée à {time}", "Statement of {date}, issued at {time}"),
    "issuer": ("Registre de {name} (identifiant {id})", "Register of {name} (id {id})"),
    "json_note": ("Le même contenu est remis au format JSON ({format}), importable dans le registre du "
                  "responsable de traitement (catalogue des destinataires).",
                  "The same content is supplied as JSON ({format}), which the controller can import into its "
                  "register (recipients catalogue)."),
    "scope_note": ("Cette déclaration ne contient que ce qui concerne ce client ; les informations internes du "
                   "sous-traitant en sont exclues.",
                   "This statement holds only what concerns this client; the processor's internal information "
                   "is left out."),
    "processor": ("1. Le sous-traitant", "1. The processor"),
    "client": ("2. Le responsable de traitement (client)", "2. The controller (client)"),
    "processing": ("3. Traitements effectués pour le compte du client", "3. Processing carried out for the client"),
    "client_details": ("Précisions pour ce client", "Details for this client"),
    "sub_processors": ("4. Sous-traitants ultérieurs (art. 28(2) et 28(4))", "4. Sub-processors (Art. 28(2) and (4))"),
    "locations": ("5. Lieux de traitement et transferts hors de l'Union européenne",
                  "5. Processing locations and transfers outside the European Union"),
    "countries": ("Pays où les données sont traitées : {countries}",
                  "Countries where the data is processed: {countries}"),
    "security": ("6. Mesures de sécurité (art. 32)", "6. Security measures (Art. 32)"),
    "general_security": ("Description générale des mesures de sécurité du sous-traitant",
                         "The processor's general description of its security measures"),
    "specific_security": ("Mesures propres à un traitement", "Measures specific to a processing"),
    "processing_column": ("Traitements", "Processing"),
    "no_processing": ("Aucun traitement n'est effectué pour ce client.",
                      "No processing is carried out for this client."),
    "no_sub_processor": ("Aucun sous-traitant ultérieur.", "No sub-processor."),
    "no_transfer": ("Aucun transfert hors de l'Union européenne.", "No transfer outside the European Union."),
    "no_measure": ("Aucune mesure renseignée.", "No measure recorded."),
    "nothing_recorded": ("Rien de renseigné.", "Nothing recorded."),
    "fingerprint": ("Empreinte de la déclaration JSON : {fp}", "Fingerprint of the JSON statement: {fp}"),
})


def _t(key: str, lang: str, **params: object) -> str:
    fr, en = _TEXTS[key]
    return translate(_TEXTS, key, lang, **params) if params else (fr if lang == "fr" else en)


@dataclass(frozen=True, slots=True)
class StatementPdf:
    """The PDF's bytes, page count and what could not be printed as it is."""

    data: bytes
    pages: int
    missing_glyphs: tuple[MissingGlyph, ...]
    truncated: tuple[Truncation, ...]


def _ref(activity: ProcessorActivity) -> str:
    return activity.reference or activity.name


# Columns printed in the cell of another (key, under it), per scope: the sub-processors' table has eight columns.
_STACKED = {"sub_processor": (("contract_reference", "authorisation_reference"),)}


def _public(scope: str) -> list[FieldSpec]:
    return [s for s in fields_of(scope) if in_statement(s)]


class _Writer:
    """Section by section, every value through the report context (escaping, fonts, unprintable characters)."""

    def __init__(self, ctx: Ctx, statement: Statement, at: datetime) -> None:
        self.ctx = ctx
        self.s = statement
        self.at = at

    def t(self, key: str, **params: object) -> str:
        return _t(key, self.ctx.lang, **params)

    def none(self, key: str) -> TextBlock:
        return TextBlock(self.t(key), font=OBLIQUE, size=8.5, color=MUTED, after=6)

    def pairs(self, obj: Any, scope: str, where: str, *, skip: Sequence[str] = ()) -> list[list[str]]:
        """Label / value rows of an object's scalar and contact fields (lists are tables of their own)."""
        ctx = self.ctx
        rows = []
        for spec in _public(scope):
            if spec.is_list or spec.key in skip:
                continue
            value = getattr(obj, spec.key)
            if spec.kind is Kind.BOOL and value is None:
                continue
            rows.append([ctx.label(spec), ctx.or_dash(ctx.value(spec, value, f"{where} › {ctx.label(spec)}"))])
        return rows

    def pair_grid(self, rows: list[list[str]], caption: TextBlock | None = None) -> Flowable:
        return grid(rows, [0.32 * CONTENT_W, 0.68 * CONTENT_W], label_column=True, caption=caption)

    def table(self, rows: list[tuple[Any, list[str]]], scope: str, where: str, caption: TextBlock,
              extra: Sequence[tuple[str, float]] = (), empty: str = "no_measure") -> list[Flowable]:
        """Items of ``scope``, one column per public field, then ``extra`` columns (title, share) after them."""
        if not rows:
            return [caption, self.none(empty)]
        ctx = self.ctx
        specs = _public(scope)
        values = [[ctx.value(s, getattr(item, s.key), where) for s in specs] + [ctx.user(c, where) for c in cells]
                  for item, cells in rows]
        shares = [0.8 if s.kind is Kind.LONG_TEXT else 0.5 for s in specs] + [share for _, share in extra]
        header = [ctx.label(s) for s in specs] + [title for title, _ in extra]
        keys = [s.key for s in specs]
        for key, under in _STACKED.get(scope, ()):  # one cell for two short values: no room for a column each
            if key in keys and under in keys:
                i, j = keys.index(key), keys.index(under)
                for row in values:
                    row[j] = f"{row[j] or '—'}\n{row[i] or '—'}" if row[i] or row[j] else ""
                    del row[i]
                header[j] = f"{header[j]}\n{header[i]}"
                del header[i], shares[i], keys[i]
        # A column empty on every row (no Art. 9 condition on any category...) says nothing: left out.
        kept = [i for i in range(len(values[0])) if i == 0 or any(row[i].strip() for row in values)]
        scale = CONTENT_W / sum(shares[i] for i in kept)
        body = [[ctx.or_dash(row[i]) for i in kept] for row in values]
        heads = [header[i] for i in kept]
        widths = _no_broken_words([shares[i] * scale for i in kept], heads, body)
        return [grid(body, widths, header=heads, caption=caption)]

    # --- sections -----------------------------------------------------------------------------------------

    def front(self, fingerprint: str) -> list[Flowable]:
        ctx, lang = self.ctx, self.ctx.lang
        name = ctx.user(self.s.processor.name, self.t("processor"))
        client = ctx.user(self.s.client.name, self.t("client"))
        return [
            Spacer(1, 20),
            TextBlock(self.t("title"), font=BOLD, size=22, color=ACCENT, after=6),
            TextBlock(self.t("subtitle"), size=9.5, color=MUTED, after=18),
            TextBlock(name, font=BOLD, size=15, after=8, max_lines=4),
            TextBlock(self.t("for_client", client=client), font=BOLD, size=11, after=4),
            # The time and the issuing register tell apart two statements of the same day.
            TextBlock(self.t("issued_at", date=labels.fmt_date(self.s.issued, lang), time=_time(self.at)), size=10,
                      after=4),
            TextBlock(self.t("issuer", name=name, id=ctx.user(self.s.processor_id, self.t("processor"))), size=9,
                      after=4),
            TextBlock(self.t("fingerprint", fp=fingerprint), size=8.5, after=4),
            TextBlock(self.t("scope_note"), font=OBLIQUE, size=8.5, color=MUTED, after=2),
            TextBlock(self.t("json_note", format="ropa-processor-statement"), font=OBLIQUE, size=8.5, color=MUTED,
                      after=14),
        ]

    def parties(self) -> list[Flowable]:
        where_p, where_c = self.t("processor"), self.t("client")
        return [
            self.pair_grid(self.pairs(self.s.processor, "organization", where_p),
                           heading(where_p, size=12, after=5)),
            Spacer(1, 8),
            self.pair_grid(self.pairs(self.s.client, "client", where_c), heading(where_c, size=12, after=5)),
        ]

    def processing(self) -> list[Flowable]:
        flow: list[Flowable] = [heading(self.t("processing"), size=12, after=6)]
        if not self.s.processing:
            return [*flow, self.none("no_processing")]
        ctx = self.ctx
        # Sub-processors, transfers and measures are printed in their own sections, with the processing named.
        elsewhere = ("sub_processors", "transfers", "security_measures", "clients")
        for activity in self.s.processing:
            ref = _ref(activity)
            title = " — ".join(p for p in (activity.reference, activity.name) if p) or "—"
            rows = self.pairs(activity, "processor_activity", ref)
            details = activity.clients[0].details if activity.clients else ""
            rows.append([self.t("client_details"), ctx.or_dash(ctx.user(details, ref))])
            flow.append(self.pair_grid(rows, heading(ctx.user(title, ref), size=10.5, before=4, after=4)))
            for spec in _public("processor_activity"):
                if not spec.is_list or spec.key in elsewhere:
                    continue
                items: list[tuple[Any, list[str]]] = [(item, []) for item in getattr(activity, spec.key)]
                caption = heading(ctx.label(spec), size=9, after=3)
                # Data subjects and categories: "nothing recorded", not the security section's "no measure".
                flow += self.table(items, spec.item, f"{ref} › {ctx.label(spec)}", caption, empty="nothing_recorded")
        return flow

    def sub_processors(self) -> list[Flowable]:
        rows = [(sub, [", ".join(self._serving(sub, "sub_processors"))]) for sub in self.s.sub_processors]
        return self.table(rows, "sub_processor", self.t("sub_processors"),
                          heading(self.t("sub_processors"), size=12, after=5),
                          extra=((self.t("processing_column"), 0.45),), empty="no_sub_processor")

    def locations(self) -> list[Flowable]:
        lang = self.ctx.lang
        countries = ", ".join(labels.fmt_country(c, lang) for c in self.s.locations) or self.ctx.t("empty")
        flow: list[Flowable] = [heading(self.t("locations"), size=12, after=5),
                                TextBlock(self.ctx.user(self.t("countries", countries=countries), "locations"),
                                          size=9, after=6)]
        adequacy = labels.text("adequacy", lang)
        rows = [(tr, [labels.fmt_adequacy(tr.country, lang, bool(tr.country) and is_in_eea(tr.country)),
                      ", ".join(self._serving(tr, "transfers"))]) for tr in self.s.transfers]
        caption = TextBlock(labels.text("adequacy_list", lang, date=labels.fmt_date(adequacy_list().list_date, lang)),
                            font=OBLIQUE, size=8, color=MUTED, after=4)
        return [*flow, *self.table(rows, "transfer", self.t("locations"), caption,
                                   extra=((adequacy, 0.55), (self.t("processing_column"), 0.4)),
                                   empty="no_transfer")]

    def security(self) -> list[Flowable]:
        ctx = self.ctx
        flow: list[Flowable] = [heading(self.t("security"), size=12, after=5)]
        general: list[tuple[Any, list[str]]] = [(m, []) for m in self.s.general_security]
        flow += self.table(general, "security_measure", self.t("general_security"),
                           heading(self.t("general_security"), size=9.5, after=3))
        specific = [(m, [ctx.user(_ref(a), _ref(a))]) for a in self.s.processing for m in a.security_measures]
        flow += self.table(specific, "security_measure", self.t("specific_security"),
                           heading(self.t("specific_security"), size=9.5, before=4, after=3),
                           extra=((self.t("processing_column"), 0.35),))
        return flow

    def _serving(self, item: Any, key: str) -> list[str]:
        """The references of the processing that use ``item`` (a sub-processor or a transfer)."""
        return [_ref(a) for a in self.s.processing if item in getattr(a, key)]


def _no_broken_words(widths: list[float], header: list[str], body: list[list[str]]) -> list[float]:
    """Column widths widened to their longest word where the others can spare it ("Sous-traitan|t" otherwise)."""
    bold, regular = wrapper(BOLD, CELL_SIZE).width, wrapper(REGULAR, CELL_SIZE).width
    least = [max([bold(w) for w in header[i].split()] + [regular(w) for row in body for w in row[i].split()],
                 default=0.0) + 2 * PAD + 1 for i in range(len(widths))]
    short = sum(max(m - w, 0.0) for m, w in zip(least, widths, strict=True))
    spare = sum(max(w - m, 0.0) for m, w in zip(least, widths, strict=True))
    if short <= 0 or spare < short:  # nothing to do, or no room: the grid breaks long words as before
        return widths
    return [m if w < m else w - (w - m) * short / spare for m, w in zip(least, widths, strict=True)]


def _time(at: datetime) -> str:
    """Hours and minutes, with the UTC offset when the time knows it ("14:05 UTC+01:00")."""
    offset = at.strftime("%z")
    return at.strftime("%H:%M") + (f" UTC{offset[:3]}:{offset[3:]}" if offset else "")


def build_statement_pdf(statement: Statement, *, lang: str = "fr", today: date | None = None,
                        fingerprint: str = "", at: datetime | None = None) -> StatementPdf:
    """The statement's PDF, in memory (the caller writes it with its JSON, both or neither).

    ``at`` is the time of issue printed with the statement's date (now, unless given).
    """
    if lang not in labels.LANGS:
        raise ReportError("bad_language", value=lang)
    today = today or statement.issued
    # The public profile: a statement carries no internal field, and its printout shows none either.
    ctx = Ctx(lang, True, statement.processor, today, TextFilter(register_fonts(), lang))
    at = at or datetime.now().astimezone()
    writer = _Writer(ctx, statement, at)
    title = writer.t("title")
    name = ctx.user(statement.processor.name, title)
    client = ctx.user(statement.client.name, title)
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, header_left=name, header_right=f"{title} – {client}",
                    footer_left=writer.t("issued_at", date=labels.fmt_date(statement.issued, lang), time=_time(at)),
                    page_label=labels.text("page", lang), title=f"{title} – {name} – {client}", author=name,
                    subject=writer.t("subtitle"), creator=f"ROPA Desktop {__version__}",
                    lang="fr-FR" if lang == "fr" else "en-GB", keywords=[fingerprint] if fingerprint else [])
    story: list[Flowable] = [*writer.front(fingerprint), *writer.parties(), Spacer(1, 10), *writer.processing(),
                             Spacer(1, 8), *writer.sub_processors(), Spacer(1, 8), *writer.locations(),
                             Spacer(1, 8), *writer.security()]
    with _BUILD_LOCK:
        use_a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            doc.build(story, canvasmaker=ReportCanvas)
        finally:
            rl_config.useA85 = use_a85
    return StatementPdf(buffer.getvalue(), doc.pages, ctx.clean.missing, tuple(ctx.clean.truncated))
