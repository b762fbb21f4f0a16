"""Entry script of the frozen application: the same ``run`` as the ``ropa-desktop`` command."""

from ropa_desktop.app import run

if __name__ == "__main__":
    run()
