"""The register as a PDF for auditors and the CNIL: cover, contents, summary, one fiche per activity."""

from .builder import PROFILES, ReportResult, build_pdf, pick_organization
from .errors import ReportError
from .text import MissingGlyph

__all__ = ["PROFILES", "MissingGlyph", "ReportError", "ReportResult", "build_pdf", "pick_organization"]
