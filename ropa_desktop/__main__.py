"""``python -m ropa_desktop``: the same entry point as the ``ropa-desktop`` command."""

import sys

from .app import main

sys.exit(main())
