"""The activity form: sections in CNIL fiche order, sub-list tables, delegates for vocabulary columns."""
