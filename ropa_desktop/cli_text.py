"""The command line's messages in French and English, and the user's language from the environment."""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping

from .domain.messages import TranslatedError, message_table, translate

_TEXT = message_table("cli", {
    "usage": ("utilisation incorrecte : {detail} (voir ropa-desktop --help)",
              "usage error: {detail} (see ropa-desktop --help)"),
    "exists": ("{path} existe déjà ; choisissez un autre fichier.", "{path} already exists; choose another file."),
    "exists_on_server": ("La base {path} contient déjà un registre.", "The database {path} already holds a register."),
    "migrated": ("Registre copié vers {path} : {organizations} {organizations:organisme|organismes}, "
                 "{activities} {activities:activité|activités}, {entries} {entries:ligne|lignes} d'historique.",
                 "Register copied to {path}: {organizations} {organizations:organisation|organisations}, "
                 "{activities} {activities:activity|activities}, {entries} history {entries:entry|entries}."),
    "os": ("{path} : {reason}", "{path}: {reason}"),
    "bad_input": ("{path} n'est pas importable : {detail}", "{path} cannot be imported: {detail}"),
    "created": ("Registre créé : {path} ({organizations} {organizations:organisme|organismes}, "
                "{activities} {activities:activité|activités}).",
                "Register created: {path} ({organizations} {organizations:organisation|organisations}, "
                "{activities} {activities:activity|activities})."),
    "exported": ("Exporté : {path}", "Exported: {path}"),
    "imported": ("Importé : {path} ({changes} {changes:modification appliquée|modifications appliquées}).",
                 "Imported: {path} ({changes} {changes:change|changes} applied)."),
    "bad_adequacy": ("{path} n'est pas une liste d'adéquation valide : {detail}",
                     "{path} is not a valid adequacy list: {detail}"),
    "adequacy_header": ("Liste des décisions d'adéquation du {date} ({source}), {count} {count:décision|décisions} :",
                        "Adequacy decisions as of {date} ({source}), {count} {count:decision|decisions}:"),
    "adequacy_installed": ("Liste d'adéquation du {date} installée : {path}",
                           "Adequacy list of {date} installed: {path}"),
    "adequacy_stale": ("avertissement : la liste d'adéquation date du {date}, il y a plus de 6 mois ; "
                       "installez-en une plus récente (ropa-desktop adequacy --update FICHIER).",
                       "warning: the adequacy list dates from {date}, more than 6 months ago; "
                       "install a newer one (ropa-desktop adequacy --update FILE)."),
    "adequacy_packaged": ("liste fournie avec l'application", "list shipped with the application"),
    "adequacy_user": ("liste installée : {path}", "installed list: {path}"),
    "invalidated_header": ("Mécanismes invalidés :", "Invalidated mechanisms:"),
    "bad_map": ("correspondance de colonnes illisible ({path}) : {detail}",
                "unreadable column mapping ({path}): {detail}"),
    "no_map": ("{path} n'est pas un tableau : aucune correspondance de colonnes à proposer.",
               "{path} is not a plain table: there is no column mapping to propose."),
    "cnil_no_map": ("{path} suit la mise en page de la CNIL (liste des traitements et fiches) : il est lu par "
                    "ses libellés, à leur place dans le modèle, sans correspondance de colonnes ; --map ne "
                    "s'applique qu'à un tableau simple.",
                    "{path} has the CNIL layout (list of processing and fiches): it is read by its labels, at "
                    "their place in the template, with no column mapping; --map applies to a plain table only."),
    "conflicts_skipped": ("{count} {count:conflit non appliqué|conflits non appliqués} (lignes « conflit » ci-dessus).",
                          "{count} {count:conflict|conflicts} not applied (the 'conflict' lines above)."),
    "changed_meanwhile": ("{count} {count:enregistrement modifié|enregistrements modifiés} par quelqu'un d'autre "
                          "pendant l'import ({names}) : {count:ses|leurs} changements deviennent des conflits, non "
                          "appliqués ; le reste est appliqué.",
                          "{count} {count:record|records} changed by someone else during the import ({names}): "
                          "{count:its|their} changes become conflicts, not applied; the rest is applied."),
    "role_sees_nothing": ("Votre rôle ne voit aucun organisme de ce registre (aucun ne lui est confié) : "
                          "demandez à l'administrateur de vous en confier un.",
                          "Your role sees no organisation in this register (none is entrusted to it): ask the "
                          "administrator to entrust one to you."),
    "found_at_commit": ("conflit trouvé à l'enregistrement : {line}", "conflict found at commit: {line}"),
    "backups_listed": ("{count} {count:sauvegarde|sauvegardes} de {path} ; restaurez-en une avec --backup NOM "
                       "(ou latest).",
                       "{count} {count:backup|backups} of {path}; restore one with --backup NAME (or latest)."),
    "restored": ("Registre {path} restauré depuis la sauvegarde {backup}.",
                 "Register {path} restored from the backup {backup}."),
    "kept_aside": ("L'ancien fichier est conservé : {path}", "The previous file is kept: {path}"),
    "restore_hint": ("Dernière sauvegarde : {backup} ({when}) ; pour la restaurer : "
                     "ropa-desktop restore --db \"{path}\" --backup {backup}",
                     "Latest backup: {backup} ({when}); to restore it: "
                     "ropa-desktop restore --db \"{path}\" --backup {backup}"),
    "no_backup_hint": ("Aucune sauvegarde n'est disponible.", "No backup is available."),
    "hostile": ("entrée refusée : trop profonde, trop grande ou mal encodée ({error}) ; rien n'a été modifié.",
                "input refused: too deep, too large or badly encoded ({error}); nothing was changed."),
    "internal": ("erreur interne inattendue ({error}). Détails : {log}",
                 "unexpected internal error ({error}). Details: {log}"),
    "no_log": ("(journal impossible à écrire : {reason})", "(the log could not be written: {reason})"),
    "errno_ENAMETOOLONG": ("nom de fichier trop long (choisissez un nom plus court)",
                           "file name too long (choose a shorter name)"),
    "errno_ENOENT": ("fichier ou dossier introuvable", "no such file or folder"),
    "errno_EACCES": ("accès refusé", "permission denied"),
    "errno_EPERM": ("opération non permise", "operation not permitted"),
    "errno_EISDIR": ("c'est un dossier, pas un fichier", "this is a folder, not a file"),
    "errno_ENOTDIR": ("une partie du chemin n'est pas un dossier", "part of the path is not a folder"),
    "errno_EROFS": ("le support est en lecture seule", "the medium is read-only"),
    "errno_ENOSPC": ("disque plein", "disk full"),
    "errno_EEXIST": ("le fichier existe déjà", "the file already exists"),
    "check_summary": ("{errors} {errors:erreur|erreurs}, {warnings} {warnings:avertissement|avertissements}, "
                      "{infos} {infos:information|informations}.",
                      "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, "
                      "{infos} {infos:information|information}."),
})


def text(key: str, lang: str, **params: object) -> str:
    return translate(_TEXT, key, lang, **params)


def os_reason(exc: OSError, lang: str) -> str:
    """The OS's reason for a failed file operation in the user's language (its own words when not known)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"errno_{name}"
    return text(key, lang) if key in _TEXT else str(exc.strerror or exc)


def shown_path(path: object, limit: int = 120) -> str:
    """A path short enough for one line: the middle of an over-long name is elided, its start and end kept."""
    value = str(path)
    return value if len(value) <= limit else f"{value[:limit // 2 - 1]}…{value[-(limit // 2 - 1):]}"


class CliError(TranslatedError):
    """Bad input or usage: reported as one line, exit status 2."""

    MESSAGES = _TEXT


def ui_language(environ: Mapping[str, str]) -> str:
    """'fr' when the user's locale is French, else 'en' (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext does)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fr" if value.split(":")[0].lower().startswith("fr") else "en"
    return "en"


# C0 and C1 controls (tab and newline kept) and the bidi embedding, override and isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with each control character written as its escape (ESC as the four characters of its code)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else repr(m.group())[1:-1], text)
