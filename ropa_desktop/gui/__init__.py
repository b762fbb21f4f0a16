"""The Qt user interface: the only package besides the app that imports PySide6."""

from .pyside_workarounds import protect_none

protect_none()
