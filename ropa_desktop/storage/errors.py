"""Why a register file cannot be opened or written, as a code with French and English messages."""

from __future__ import annotations

from ..domain.messages import TranslatedError, message_table

_MESSAGES = message_table("storage", {
    "not_found": ("Le fichier {path} n'existe pas.", "The file {path} does not exist."),
    "is_directory": ("{path} est un dossier, pas un registre.", "{path} is a folder, not a register."),
    "unreadable": ("Impossible de lire {path} : {reason}.", "Cannot read {path}: {reason}."),
    "empty_file": ("{path} est un fichier vide, pas un registre.", "{path} is an empty file, not a register."),
    "not_sqlite": ("{path} n'est pas un registre ROPA Desktop (ce n'est pas une base SQLite).",
                   "{path} is not a ROPA Desktop register (it is not an SQLite database)."),
    "foreign_sqlite": ("{path} est une base SQLite d'un autre programme, pas un registre ROPA Desktop.",
                       "{path} is another program's SQLite database, not a ROPA Desktop register."),
    "corrupt": ("Le registre {path} est endommagé ({reason}). Restaurez une sauvegarde.",
                "The register {path} is damaged ({reason}). Restore a backup."),
    "newer_schema": ("{path} a été écrit par une version plus récente de ROPA Desktop (schéma {found}, "
                     "cette version lit jusqu'au schéma {supported}). Mettez l'application à jour.",
                     "{path} was written by a newer version of ROPA Desktop (schema {found}; this version "
                     "reads up to schema {supported}). Please update the application."),
    "locked": ("Le registre {path} est déjà ouvert par {user} sur {host} (processus {pid}) depuis {since}.",
               "The register {path} is already open by {user} on {host} (process {pid}) since {since}."),
    "locked_elsewhere": ("Le registre {path} est verrouillé par {user} sur un autre poste, {host} (processus {pid}), "
                         "depuis {since}. S'il n'y est plus ouvert, forcez le verrou (--break-lock).",
                         "The register {path} is locked by {user} on another computer, {host} (process {pid}), "
                         "since {since}. If it is no longer open there, break the lock (--break-lock)."),
    "not_regular": ("{path} n'est pas un fichier ordinaire (tube, périphérique ou socket) : refusé.",
                    "{path} is not a regular file (a pipe, device or socket): refused."),
    "foreign_objects": ("Le registre {path} contient des objets inconnus de ROPA Desktop ({objects}) : refusé, "
                        "rien n'a été exécuté ni modifié.",
                        "The register {path} holds objects ROPA Desktop does not know ({objects}): refused, "
                        "nothing was run or changed."),
    "no_backup": ("Aucune sauvegarde de {path} ({folder}).", "No backup of {path} ({folder})."),
    "unknown_backup": ("Pas de sauvegarde « {name} » pour {path} ; « ropa-desktop restore --db FICHIER » les liste.",
                       "No backup “{name}” for {path}; “ropa-desktop restore --db FILE” lists them."),
    "network_share": ("{path} est sur un partage réseau ({fstype}) : SQLite ne peut pas y garantir l'intégrité "
                      "du registre. Copiez-le sur ce poste pour le modifier (l'ouverture en lecture seule reste "
                      "possible).",
                      "{path} is on a network share ({fstype}), where SQLite cannot keep the register safe. Copy it "
                      "to this computer to edit it (opening it read-only still works)."),
    "busy": ("Le registre {path} est occupé par un autre programme ; réessayez.",
             "The register {path} is busy in another program; try again."),
    "read_only": ("Le registre {path} est en lecture seule.", "The register {path} is read-only."),
    "disk_full": ("Disque plein : la modification n'a pas été enregistrée, rien n'est perdu.",
                  "Disk full: the change was not saved, nothing was lost."),
    "io_error": ("Erreur d'écriture ({reason}) : la modification n'a pas été enregistrée, rien n'est perdu.",
                 "Write error ({reason}): the change was not saved, nothing was lost."),
    "constraint": ("La modification n'a pas été enregistrée : elle fait référence à un élément qui n'existe pas "
                   "ou plus dans le registre. Rien n'est perdu.",
                   "The change was not saved: it refers to something that is not (or no longer) in the register. "
                   "Nothing was lost."),
    "migration_failed": ("La mise à jour du registre {path} a échoué ({reason}) ; le fichier est inchangé.",
                         "Upgrading the register {path} failed ({reason}); the file is unchanged."),
    "pragma_failed": ("Le réglage SQLite {pragma} n'a pas pu être appliqué (obtenu : {value}).",
                      "The SQLite setting {pragma} could not be applied (got: {value})."),
    "recipient_in_use": ("Le destinataire « {name} » est utilisé par : {activities}.",
                         "The recipient “{name}” is used by: {activities}."),
    "client_in_use": ("Le client « {name} » est lié aux traitements : {activities}.",
                      "The client “{name}” is linked to the processing: {activities}."),
    "not_in_register": ("{what} introuvable dans le registre.", "{what} not found in the register."),
    "bad_server_url": ("{url} n'est pas une adresse de serveur valable (postgresql://utilisateur@hôte/base).",
                       "{url} is not a valid server address (postgresql://user@host/database)."),
    "password_in_url": ("Refusé : l'adresse {url} contient un mot de passe. Donnez-le par la variable "
                        "d'environnement PGPASSWORD ou le fichier ~/.pgpass, jamais dans l'adresse.",
                        "Refused: the address {url} holds a password. Give it through the PGPASSWORD environment "
                        "variable or the ~/.pgpass file, never in the address."),
    "foreign_database": ("La base {path} contient des tables qui ne sont pas celles d'un registre ROPA Desktop "
                         "({objects}) : refusé, rien n'a été modifié.",
                         "The database {path} holds tables that are not a ROPA Desktop register's ({objects}): "
                         "refused, nothing was changed."),
    "no_register": ("La base {path} ne contient pas encore de registre ; créez-le avec « ropa-desktop init --db "
                    "{path} ».",
                    "The database {path} holds no register yet; create it with “ropa-desktop init --db {path}”."),
    "server_unreachable": ("Serveur injoignable pour {path} ({reason}) : rien n'a été enregistré, rien n'est perdu.",
                           "Cannot reach the server of {path} ({reason}): nothing was saved, nothing was lost."),
    "server_login": ("Connexion refusée par le serveur de {path} ({reason}). Vérifiez l'utilisateur et le mot de "
                     "passe (PGPASSWORD ou ~/.pgpass).",
                     "The server of {path} refused the login ({reason}). Check the user and the password "
                     "(PGPASSWORD or ~/.pgpass)."),
    # (the server's own English reason, which names a table, stays in the error's ``reason``, out of the line)
    "permission_denied": ("Votre rôle sur {path} ne permet pas cette action ; rien n'a été modifié.",
                          "Your role on {path} does not allow this; nothing was changed."),
    "role_reads_only": ("Votre rôle {role} sur {path} ne peut que lire ce registre, pas y écrire : rien n'a été "
                        "modifié.",
                        "Your role {role} on {path} may only read this register, not write to it: nothing was "
                        "changed."),
    "row_security": ("Votre rôle sur {path} ne peut modifier que les organismes qui lui sont confiés : rien n'a été "
                     "modifié.",
                     "Your role on {path} may change only the organisations entrusted to it: nothing was changed."),
    "stale_write": ("{what} a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert (version {expected}, "
                    "maintenant {found}) : votre modification n'a pas été enregistrée, rien n'est perdu. "
                    "Rechargez pour voir les deux versions.",
                    "{what} was changed by someone else since you opened it (version {expected}, now {found}): "
                    "your change was not saved, nothing was lost. Reload to see both versions."),
    "access_withdrawn": ("Votre accès à {what} a été retiré (le rôle {role} ne le voit plus) : votre modification "
                         "n'a pas été enregistrée. Demandez à l'administrateur du registre de vous le rendre.",
                         "Your access to {what} was withdrawn (the role {role} can no longer see it): your change "
                         "was not saved. Ask the register's administrator to give it back."),
    "not_on_server": ("La restauration de sauvegardes concerne un fichier de registre ; la base {path} se "
                      "sauvegarde et se restaure sur le serveur (pg_dump, pg_restore).",
                      "Restoring backups applies to a register file; the database {path} is backed up and restored "
                      "on the server (pg_dump, pg_restore)."),
    "target_not_empty": ("La cible {path} contient déjà un registre ({count} organisations) : refusé. Ajoutez "
                         "--replace pour le remplacer.",
                         "The target {path} already holds a register ({count} organisations): refused. Add "
                         "--replace to replace it."),
})


# libpq's and the server's usual reasons for a refused login or a lost server, worded in the message's language
# (the line is translated: PostgreSQL's English is not put in it when its meaning is known).
_REASONS = message_table("server_reasons", {
    "password_refused": ("mot de passe refusé pour l'utilisateur {user}", "password refused for the user {user}"),
    "no_password": ("aucun mot de passe fourni", "no password given"),
    "no_role": ("le rôle {user} n'existe pas sur ce serveur", "the role {user} does not exist on this server"),
    "no_server": ("aucun serveur n'y répond", "no server answers there"),
    "timeout": ("le serveur n'a pas répondu à temps", "the server did not answer in time"),
    "restarting": ("le serveur redémarre ou s'arrête", "the server is restarting or shutting down"),
    "closed": ("le serveur a fermé la connexion", "the server closed the connection"),
    "unknown_host": ("nom d'hôte inconnu", "unknown host name"),
})


class ServerReason(TranslatedError):
    """A known reason of the server's, as a parameter of a StorageError: worded in that error's language."""

    MESSAGES = _REASONS


class StorageError(TranslatedError):
    """A register file problem: ``code`` is stable, ``message(lang)`` is for people."""

    MESSAGES = _MESSAGES


class RecipientInUseError(StorageError):
    """A recipient still used by activities cannot be deleted."""

    def __init__(self, name: str, activities: list[str]) -> None:
        super().__init__("recipient_in_use", name=name, activities=", ".join(activities))
        self.activities = activities


class ClientInUseError(StorageError):
    """A client still linked to processing carried out on its behalf cannot be deleted."""

    def __init__(self, name: str, activities: list[str]) -> None:
        super().__init__("client_in_use", name=name, activities=", ".join(activities))
        self.activities = activities


class StaleWriteError(StorageError):
    """A save or delete against a version someone else has since replaced: refused, nothing overwritten.

    ``current`` is what the register holds now (None when it was deleted), for the review of both sides.
    """

    def __init__(self, entity: str, entity_id: str, what: str, expected: int | None, found: int | None,
                 current: object | None) -> None:
        super().__init__("stale_write", what=what, expected=expected if expected is not None else "?",
                         found=found if found is not None else "-")
        self.entity, self.entity_id = entity, entity_id
        self.expected, self.found, self.current = expected, found, current



class AccessWithdrawnError(StorageError):
    """A save or delete of a row the role can no longer see (row-level security): not a deletion by someone else."""

    def __init__(self, entity: str, entity_id: str, what: str, role: str) -> None:
        super().__init__("access_withdrawn", what=what, role=role)
        self.entity, self.entity_id = entity, entity_id


CODES = tuple(_MESSAGES)
