"""The adequacy list in use: the packaged one, or a newer one the user installed in the per-user data directory."""

from __future__ import annotations

import json
from pathlib import Path

from ..domain import adequacy
from ..domain.adequacy import AdequacyList, AdequacyListError
from ..storage import paths
from .atomic import write_bytes_atomic
from .json_bounds import BoundsError, read_json_file

USER_FILE = "adequacy.json"


def user_list_path() -> Path:
    return paths.data_dir() / USER_FILE


def load_in_use() -> AdequacyList:
    """Install the user's list when there is a valid one newer than the packaged list; return the list in use.

    A damaged user file is ignored (the packaged list is used): judging with no list would be worse.
    """
    chosen = adequacy.packaged()
    path = user_list_path()
    if path.is_file():
        try:
            user = adequacy.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, AdequacyListError):
            user = None
        if user is not None and user.list_date >= chosen.list_date:
            chosen = user
    adequacy.use(chosen)
    return chosen


def install(source: Path) -> AdequacyList:
    """Validate ``source`` and store it as the user's list (atomically); AdequacyListError when it is not valid."""
    try:
        document = read_json_file(source)
    except json.JSONDecodeError as exc:
        raise AdequacyListError("$", f"not valid JSON (line {exc.lineno})") from None
    except BoundsError as exc:
        raise AdequacyListError(exc.path, exc.message("en")) from None
    new = adequacy.parse(document)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    target = user_list_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, text.encode("utf-8"))
    adequacy.use(new)
    return new
