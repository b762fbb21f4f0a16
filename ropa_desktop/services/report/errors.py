"""Why a report cannot be built, as a code with parameters and a message in French or English."""

from __future__ import annotations

from ...domain.messages import TranslatedError, message_table

_MESSAGES = message_table("report_errors", {
    "no_organization": ("Le registre ne contient aucun organisme.", "The register holds no organisation."),
    "organization_required": (
        "Le registre contient {count} organismes : indiquez celui dont il faut éditer le registre "
        "(un PDF par organisme).",
        "The register holds {count} organisations: say which one to export (one PDF per organisation)."),
    "unknown_organization": ("Organisme inconnu : {id}", "Unknown organisation: {id}"),
    "unknown_activities": ("Activités inconnues dans cet organisme : {ids}",
                           "Activities not found in this organisation: {ids}"),
    "bad_language": ("Langue non prise en charge : {value} (fr ou en)",
                     "Unsupported language: {value} (fr or en)"),
    "bad_profile": ("Profil inconnu : {value} (full ou public)", "Unknown profile: {value} (full or public)"),
})


class ReportError(TranslatedError, ValueError):
    """The report cannot be built with these options; nothing was written."""

    MESSAGES = _MESSAGES
