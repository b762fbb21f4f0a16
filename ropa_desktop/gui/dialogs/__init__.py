"""Dialogs: organisation, recipients catalogue, preferences."""
