"""The OS's reason for a failed file operation, worded in the message's language (FR/EN) when it is a common one."""

from __future__ import annotations

import errno

from ..domain.messages import TranslatedError, message_table

_REASONS = message_table("os_reason", {
    "ENOENT": ("fichier ou dossier introuvable", "no such file or folder"),
    "EACCES": ("accès refusé", "permission denied"),
    "EPERM": ("opération non permise", "operation not permitted"),
    "EISDIR": ("c'est un dossier, pas un fichier", "this is a folder, not a file"),
    "ENOTDIR": ("une partie du chemin n'est pas un dossier", "part of the path is not a folder"),
    "EROFS": ("le support est en lecture seule", "the medium is read-only"),
    "ENOSPC": ("disque plein", "disk full"),
    "ENAMETOOLONG": ("nom de fichier trop long", "file name too long"),
    "ELOOP": ("trop de liens symboliques", "too many symbolic links"),
    "EBUSY": ("fichier occupé", "file busy"),
    "EIO": ("erreur d'entrée-sortie du support", "input/output error of the medium"),
    "other": ("{text}", "{text}"),
})


class OsReason(TranslatedError):
    """``OsReason(exc)`` as a message parameter: the reason in the message's language, else the OS's own words."""

    MESSAGES = _REASONS

    def __init__(self, exc: OSError | str) -> None:
        name = errno.errorcode.get(getattr(exc, "errno", None) or 0, "")
        text = exc if isinstance(exc, str) else str(exc.strerror or exc)
        super().__init__(name if name in _REASONS and name != "other" else "other", text=text)
