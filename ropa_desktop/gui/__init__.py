"""The Qt user interface: the only package besides the app that imports PySide6."""
