"""Entry script of the frozen application: the same ``main`` as the ``ropa-desktop`` command."""

import sys

from ropa_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
