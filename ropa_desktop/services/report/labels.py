"""The report's own wording in French and English, and how dates, booleans and durations are written."""

from __future__ import annotations

from datetime import date, datetime

from ...domain import value_text
from ...domain.countries import adequacy, country_name
from ...domain.messages import message_table, translate
from ...domain.model import Duration

LANGS = ("fr", "en")

_TEXTS = message_table("report_labels", {
    "title": ("Registre des activités de traitement", "Record of processing activities"),
    "subtitle": ("Article 30 du règlement général sur la protection des données (RGPD)",
                 "Article 30 of the General Data Protection Regulation (GDPR)"),
    "state": ("État du registre au {date}", "State of the register on {date}"),
    "activities_count": ("Nombre d'activités de traitement : {n}", "Number of processing activities: {n}"),
    "fingerprint": ("Empreinte du contenu : {fp}", "Content fingerprint: {fp}"),
    "fingerprint_note": ("(SHA-256 du contenu de l'organisme ; deux éditions de même empreinte ont le même "
                         "contenu)",
                         "(SHA-256 of the organisation's content; two printouts with the same fingerprint "
                         "have the same content)"),
    "profile_public": ("Version publique : les notes internes et les champs non publics sont omis.",
                       "Public version: internal notes and non-public fields are left out."),
    "profile_full": ("Version complète, notes internes comprises.", "Full version, internal notes included."),
    "selection": ("Sélection de {n} {n:activité|activités} sur {total}.",
                  "Selection of {n} of {total} {total:activity|activities}."),
    "identity": ("Identité de l'organisme", "Organisation"),
    "generated": ("Édité le {date} par ROPA Desktop {version}",
                  "Exported on {date} by ROPA Desktop {version}"),
    "exported": ("Édité le {date}", "Exported on {date}"),
    "page": ("page {n} / ", "page {n} / "),
    "toc": ("Sommaire", "Contents"),
    "summary": ("Synthèse des activités de traitement", "Summary of processing activities"),
    "fiches": ("Fiches de registre", "Register records"),
    "fiche": ("Fiche de registre", "Register record"),
    "main_purpose": ("Finalité principale", "Main purpose"),
    "legal_bases": ("Bases légales", "Legal bases"),
    "annexes": ("Annexes", "Annexes"),
    "annex_recipients": ("Annexe 1 – Destinataires et sous-traitants", "Annex 1 – Recipients and processors"),
    "annex_transfers": ("Annexe 2 – Transferts hors de l'Union européenne",
                        "Annex 2 – Transfers outside the European Union"),
    "annex_retention": ("Annexe 3 – Tableau des durées de conservation", "Annex 3 – Retention schedule"),
    "annex_findings": ("Annexe 4 – Points de contrôle ouverts", "Annex 4 – Open check findings"),
    "activities_using": ("Activités concernées", "Activities"),
    "activity": ("Activité", "Activity"),
    "adequacy": ("Décision d'adéquation", "Adequacy decision"),
    "adequacy_list": ("Liste des décisions d'adéquation à jour au {date}.",
                      "Adequacy decisions as of {date}."),
    "adequate_yes": ("Oui – {decision}", "Yes – {decision}"),
    "adequate_partial": ("Oui, portée limitée – {decision}", "Yes, limited scope ({scope}) – {decision}"),
    "adequate_no": ("Non", "No"),
    "eea": ("Pays de l'EEE : pas de transfert", "EEA country: no transfer"),
    "via": ("via {processor} (déclaration du sous-traitant du {date})",
            "via {processor} (processor statement of {date})"),
    "severity": ("Gravité", "Severity"),
    "severity_error": ("Erreur", "Error"),
    "severity_warning": ("Avertissement", "Warning"),
    "severity_info": ("Information", "Information"),
    "completeness": ("Complétude du registre : {score} %", "Register completeness: {score} %"),
    "field": ("Champ", "Field"),
    "message": ("Constat", "Finding"),
    "organisation_level": ("Organisme", "Organisation"),
    "none": ("Aucun élément renseigné.", "Nothing recorded."),
    "no_activity": ("Aucune activité.", "No activity."),
    "no_transfer": ("Aucun transfert hors de l'Union européenne.", "No transfer outside the European Union."),
    "no_recipient": ("Aucun destinataire.", "No recipient."),
    "no_retention": ("Aucune durée de conservation renseignée.", "No retention period recorded."),
    "no_finding": ("Aucun point ouvert.", "No open finding."),
    "yes": ("Oui", "Yes"),
    "no": ("Non", "No"),
    "unknown": ("Non renseigné", "Not stated"),
    "empty": ("—", "—"),
    "duration_or_criterion": ("Durée ou critère", "Duration or criterion"),
    "reference": ("Réf.", "Ref."),
    "missing_glyph": ("caractère non imprimable", "unprintable character"),
    # The processor's register (Art. 30(2)), a second register after the controller's.
    "processor_title": ("Registre des catégories d'activités de traitement effectuées pour le compte de "
                        "responsables de traitement",
                        "Record of categories of processing activities carried out on behalf of controllers"),
    "processor_subtitle": ("Article 30, paragraphe 2, du RGPD : l'organisme en qualité de sous-traitant",
                           "Article 30(2) GDPR: the organisation acting as a processor"),
    "processor_count": ("Catégories de traitement effectuées pour le compte de clients : {n} ; clients : {clients}",
                        "Categories of processing carried out on behalf of clients: {n}; clients: {clients}"),
    "processor_identity": ("Le sous-traitant et son délégué à la protection des données",
                           "The processor and its data protection officer"),
    "processor_security": ("Description générale des mesures de sécurité techniques et organisationnelles",
                           "General description of the technical and organisational security measures"),
    "processor_clients": ("Responsables de traitement pour le compte desquels l'organisme agit",
                          "Controllers on whose behalf the organisation acts"),
    "processor_fiches": ("Catégories de traitement effectuées pour le compte de clients",
                         "Categories of processing carried out on behalf of clients"),
    "processor_contents": ("Sommaire du registre du sous-traitant", "Contents of the processor's record"),
    "processor_fiche": ("Traitement pour le compte de clients", "Processing on behalf of clients"),
    "processor_annexes": ("Annexes du registre du sous-traitant", "Annexes of the processor's record"),
    "annex_sub_processors": ("Annexe A – Sous-traitants ultérieurs", "Annex A – Sub-processors"),
    "annex_processor_transfers": ("Annexe B – Transferts hors de l'Union européenne",
                                  "Annex B – Transfers outside the European Union"),
    "annex_processor_findings": ("Annexe C – Points de contrôle ouverts", "Annex C – Open check findings"),
    "processing": ("Traitement", "Processing"),
    "no_client": ("Aucun client.", "No client."),
    "no_sub_processor": ("Aucun sous-traitant ultérieur.", "No sub-processor."),
    "no_processing": ("Aucune catégorie de traitement.", "No category of processing."),
})



def text(key: str, lang: str, **params: object) -> str:
    if not params:  # a template whose placeholders the caller fills later ("page {n} / ")
        fr, en = _TEXTS[key]
        return fr if lang == "fr" else en
    return translate(_TEXTS, key, lang, **params)


def fmt_date(value: date | None, lang: str) -> str:
    """dd/mm/yyyy in French, "22 November 2026" in English."""
    return value_text.date_text(value, lang)


def fmt_datetime(value: datetime | None, lang: str) -> str:
    return value_text.datetime_text(value, lang)


def fmt_bool(value: bool | None, lang: str) -> str:
    if value is None:
        return text("unknown", lang)
    return text("yes" if value else "no", lang)


def fmt_duration(value: Duration | None, lang: str) -> str:
    return value_text.duration_text(value, lang, singular=True)


def fmt_country(code: str, lang: str) -> str:
    if not code:
        return ""
    name = country_name(code, lang)
    return name if name == code else f"{name} ({code.upper()})"


def fmt_adequacy(code: str, lang: str, in_eea: bool) -> str:
    if in_eea:
        return text("eea", lang)
    decision = adequacy(code) if code else None
    if decision is None:
        return text("adequate_no", lang)
    if decision.scope:
        return text("adequate_partial", lang, decision=decision.decision, scope=decision.scope)
    return text("adequate_yes", lang, decision=decision.decision)
