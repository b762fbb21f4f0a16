"""Retention as people type it ("3 ans", "10 ans à compter de la fin du contrat", "jusqu'à la fin du contrat")."""

from __future__ import annotations

import re

from ..domain.model import Duration, RetentionRule
from . import lineformat as lf

_DURATION = re.compile(r"^\s*(\d{1,6})\s*([^\W\d_]+)\.?\s*(.*)$")
_FROM = re.compile(
    r"^(?:à compter (?:de la |du |de l'|de l’|des |de |d'|d’)|from (?:the )?|after (?:the )?|"
    r"après (?:la |le |l'|l’|les )?|a compter (?:de la |du |de l'|des |de |d')|starting (?:from )?(?:the )?)",
    re.IGNORECASE,
)


def rule_from_words(line: str) -> RetentionRule:
    """One typed line: a duration (with its starting point) when it starts with one, else a criterion."""
    match = _DURATION.match(line)
    unit = lf.unit_code(match.group(2)) if match else ""
    if match and unit:
        rest = match.group(3).strip().lstrip(",;").strip()
        return RetentionRule(duration=Duration(int(match.group(1)), unit), start=_FROM.sub("", rest).strip())
    return RetentionRule(criterion=line.strip())


def is_duration_or_criterion(line: str) -> bool:
    """A line our writer would never write bare (a writer's bare line is only what the rule applies to)."""
    match = _DURATION.match(line)
    if match and lf.unit_code(match.group(2)):
        return True
    folded = lf.fold(line)
    return folded.startswith(_CRITERIA)


# How a typed criterion starts (a bare line of our own writer is "what the rule applies to" instead).
_CRITERIA = (
    "jusqu", "pendant", "durant", "tant que", "a compter", "apres", "a la fin", "des la fin", "le temps",
    "la duree", "duree", "until", "for the duration", "during", "as long as", "while", "for as long",
    "end of", "conserve", "kept",
)


def rules_from_text(text: str, code: str, problems: lf.Problems, where: str, *, bare: str = "criterion"
                    ) -> list[RetentionRule]:
    """Every line of a retention cell: our line format (" | " segments), else the words of a person.

    ``bare="applies_to"`` (our Register sheet): a bare line that is neither a duration nor a criterion is what
    the rule applies to, as our writer writes it; ``code`` (a CNIL category row) is the rule's category.
    """
    rules = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        if " | " in line or (bare == "applies_to" and not is_duration_or_criterion(line)):
            rule = lf.parse_item("retention", line, problems, where)
        else:
            rule = rule_from_words(line)
        if code and not rule.categories:
            rule.categories = [code]
        rules.append(rule)
    return rules
