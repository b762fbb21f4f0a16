"""Code generated from forms/*.ui by pyside6-uic."""
