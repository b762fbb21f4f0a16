"""``python -m ropa_desktop``: the same entry point as the ``ropa-desktop`` command."""

from .app import run

run()
