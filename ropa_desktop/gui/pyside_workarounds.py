"""Work around a PySide6 refcount bug: on Python < 3.12 bindings release None/True/False they do not own.

Measured with PySide6 6.12 on CPython 3.11: every call of a void method (``QLineEdit.setText``...),
``QComboBox.currentData()`` or ``QModelIndex.data()`` giving ``None``... lowers ``None``'s reference
count by one (and something similar drains ``True``/``False``); after enough calls the interpreter aborts
("Fatal Python error: none_dealloc" / "bool_dealloc"). Python 3.12+ makes these objects immortal: nothing
to do there.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # more unowned releases than a session can ever make
_state = {"done": False}


def protect_none() -> None:
    """Give the singletons enough extra references that the bug never brings a count to zero (once per

    Process).
    """
    if _state["done"] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # CPython objects start with their reference count (Py_ssize_t) at the object's address.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _state["done"] = True
