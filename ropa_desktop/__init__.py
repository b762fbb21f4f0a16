"""ROPA Desktop: an editor for the GDPR Article 30 record of processing activities."""

__version__ = "0.1.0"
