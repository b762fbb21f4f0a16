"""Field paths such as ``purposes[1].legal_basis`` (0-based): parse, format, resolve and describe in words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .fields import FieldSpec, find_spec

_SEGMENT = re.compile(r"^([A-Za-z_]\w*)(?:\[(\d+)\])?$")


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of a path: a field name, and an index when the field is a list."""

    name: str
    index: int | None = None

    def __str__(self) -> str:
        return self.name if self.index is None else f"{self.name}[{self.index}]"


def parse(path: str) -> tuple[Segment, ...]:
    """``"purposes[1].legal_basis"`` -> (purposes[1], legal_basis); ValueError for anything else."""
    segments = []
    for part in path.split("."):
        match = _SEGMENT.match(part)
        if match is None:
            raise ValueError(f"not a field path: {path!r}")
        name, index = match.groups()
        segments.append(Segment(name, int(index) if index is not None else None))
    return tuple(segments)


def try_parse(path: str) -> tuple[Segment, ...] | None:
    try:
        return parse(path)
    except ValueError:
        return None


def format_path(segments: tuple[Segment, ...] | list[Segment]) -> str:
    return ".".join(str(s) for s in segments)


def join(*parts: str | int) -> str:
    """``join("purposes", 1, "legal_basis")`` -> ``"purposes[1].legal_basis"``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def child_scope(scope: str, key: str) -> str | None:
    """The scope describing a list's items or a nested object's fields; None for a scalar or unknown field."""
    spec = find_spec(scope, key)
    return spec.item or None if spec is not None else None


def specs_along(path: str, scope: str) -> list[FieldSpec] | None:
    """The field spec of every segment of ``path`` starting at ``scope``; None when a segment is unknown."""
    segments = try_parse(path)
    if segments is None:
        return None
    specs = []
    for segment in segments:
        spec = find_spec(scope, segment.name)
        if spec is None:
            return None
        specs.append(spec)
        scope = spec.item or scope
    return specs


def spec_at(path: str, scope: str = "activity") -> FieldSpec | None:
    """The spec of the field a path leads to (``dpia.done`` -> the ``done`` field of scope ``dpia``)."""
    specs = specs_along(path, scope)
    return specs[-1] if specs else None


def resolve(obj: Any, path: str) -> Any:
    """The value at ``path`` in a domain object; LookupError (KeyError/IndexError) when it is not there."""
    target = obj
    for segment in parse(path):
        try:
            target = getattr(target, segment.name)
        except AttributeError:
            raise KeyError(path) from None
        if segment.index is not None:
            target = target[segment.index]
    return target


def assign(obj: Any, path: str, value: Any) -> None:
    """Set the value at ``path`` in a domain object (the parents must exist)."""
    *parents, last = parse(path)
    target = resolve(obj, format_path(parents)) if parents else obj
    if last.index is None:
        setattr(target, last.name, value)
    else:
        getattr(target, last.name)[last.index] = value


def describe(path: str, scope: str, lang: str) -> str:
    """A path in words: "purposes[1].legal_basis" -> "Purposes of the processing 2 – Legal basis".

    An unknown path is returned as it is.
    """
    segments = try_parse(path)
    specs = specs_along(path, scope) if segments else None
    if segments is None or specs is None:
        return path
    return " – ".join(
        spec.label(lang) if seg.index is None else f"{spec.label(lang)} {seg.index + 1}"
        for seg, spec in zip(segments, specs, strict=True)
    )
