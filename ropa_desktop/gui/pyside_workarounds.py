"""Work around a PySide6 refcount bug: on Python < 3.12 some bindings return ``None`` without owning a reference.

Measured with PySide6 6.12 on CPython 3.11: ``QComboBox.currentData()``, ``QModelIndex.data()``, model calls that
return ``None``... each lower ``None``'s reference count by one, and after enough calls the interpreter aborts
("Fatal Python error: none_dealloc"). Python 3.12+ makes ``None`` immortal, so nothing is needed there.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # more unowned releases than a session can ever make
_state = {"done": False}


def protect_none() -> None:
    """Give ``None`` enough extra references that the bug can never bring its count to zero (once per process)."""
    if _state["done"] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # CPython objects start with their reference count (Py_ssize_t) at the object's address.
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    _state["done"] = True
