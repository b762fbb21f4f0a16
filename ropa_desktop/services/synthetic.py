"""Generated registers of any size, for benchmarks and tests (deterministic for a given seed)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from ..domain import vocabularies as v
from ..domain.model import (
    Activity,
    ActivityRecipient,
    Contact,
    DataCategory,
    DataSubject,
    Dpia,
    Duration,
    Organization,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Source,
    Transfer,
)

_TOPICS = ("Payroll", "Recruitment", "Customer accounts", "Newsletter", "Video surveillance", "Access badges",
           "Supplier invoices", "Training records", "Helpdesk tickets", "Web analytics", "Loyalty programme",
           "Whistleblowing", "Occupational health", "Expense claims", "Event registrations", "Fleet tracking")
_WORDS = ("management", "follow-up", "archiving", "statistics", "invoicing", "support", "planning", "audit",
          "données", "élèves", "société", "prévention", "sécurité", "qualité", "gestion", "café")
_RECIPIENTS = (("Amazon Web Services", "processor", "IE"), ("OVHcloud", "processor", "FR"),
               ("Google Analytics", "processor", "US"), ("Payroll bureau", "processor", "FR"),
               ("Chartered accountant", "partner", "FR"), ("HR department", "internal_service", "FR"),
               ("Tax authority", "authority", "FR"), ("Zendesk", "processor", "US"), ("Mailchimp", "processor", "US"),
               ("Stripe", "processor", "IE"), ("La Poste", "partner", "FR"), ("Offshore support", "processor", "IN"))


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


class _Random(random.Random):
    """The generator's random source, carrying the vocabulary and length factor of the generated texts."""

    def __init__(self, seed: int, words: Sequence[str], scale: float) -> None:
        super().__init__(seed)
        self.words, self.scale = tuple(words), scale


def _sentence(rng: random.Random, words: int) -> str:
    vocabulary, scale = (rng.words, rng.scale) if isinstance(rng, _Random) else (_WORDS, 1.0)
    return " ".join(rng.choice(vocabulary) for _ in range(max(1, round(words * scale)))).capitalize()


def synthetic_activity(rng: random.Random, index: int, org: Organization) -> Activity:
    """One plausible activity: a few purposes, categories, retention rules, recipients and measures."""
    topic = rng.choice(_TOPICS)
    bases = v.LEGAL_BASES.codes()[:-1]
    categories = rng.sample(v.DATA_CATEGORIES.codes()[:-1], rng.randint(1, 4))
    activity = Activity(
        id=_id(rng),
        reference=f"GEN-{index:05d}",
        name=f"{topic} {index}",
        description=_sentence(rng, 14),
        role=rng.choice(("controller", "controller", "controller", "joint_controller", "processor")),
        status=rng.choice(v.STATUSES.codes()),
        created=date(2019, 1, 1) + timedelta(days=rng.randint(0, 2000)),
        updated=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 900_000)),
        owner_department=rng.choice(("HR", "Sales", "IT", "Finance", "Marketing")),
        tools=rng.choice(("SAP", "Salesforce", "Excel", "in-house")),
        purposes=[Purpose(_sentence(rng, 6), i == 0, rng.choice(bases), _sentence(rng, 4) if i else "")
                  for i in range(rng.randint(1, 4))],
        data_subjects=[DataSubject(c, _sentence(rng, 3)) for c in rng.sample(v.DATA_SUBJECTS.codes(), 2)],
        data_categories=[DataCategory(c, _sentence(rng, 5)) for c in categories],
        retention=[RetentionRule(applies_to=_sentence(rng, 3), categories=[c],
                                 duration=Duration(rng.randint(1, 10), rng.choice(("months", "years"))),
                                 start="end of the contract", legal_reference="Code de commerce, art. L. 123-22",
                                 phase="active", final_fate="deletion") for c in categories],
        security_measures=[SecurityMeasure(t, _sentence(rng, 4))
                           for t in rng.sample(v.SECURITY_MEASURES.codes(), 3)],
        dpia=Dpia(required=rng.random() < 0.2, done=rng.random() < 0.1),
        notes=_sentence(rng, 8),
        sources=[Source("Synthetic", f"§{index}")],
    )
    for recipient in rng.sample(org.recipients, 2):
        activity.recipients.append(ActivityRecipient(recipient.id, _sentence(rng, 3)))
        if recipient.country in ("US", "IN"):
            activity.transfers.append(Transfer(recipient.name, recipient.country,
                                               rng.choice(("scc", "adequacy", "")), "https://example.org/dpa"))
    for sensitive in (c for c in activity.data_categories if c.sensitive):
        sensitive.special_condition = rng.choice(("explicit_consent", "employment_social_security", ""))
    return activity


def synthetic_register(activities: int, *, seed: int = 0, organizations: int = 1,
                       words: Sequence[str] | None = None, scale: float = 1.0) -> Register:
    """A register with ``activities`` activities spread over ``organizations`` organisations.

    ``words`` and ``scale``: another vocabulary and text length for the generated sentences (benchmarks on
    registers nobody tuned for).
    """
    rng = _Random(seed, words or _WORDS, scale)
    register = Register()
    for o in range(organizations):
        org = Organization(
            id=_id(rng), name=f"Synthetic Organisation {o + 1}", legal_form="SAS", registration_number="813 731 262",
            address="1 rue de Rivoli", postal_code="75001", city="Paris", country="FR", email="dpo@example.org",
            head=Contact(name="Louise Dupont", role="Présidente"),
            dpo=Contact(name="Martin Henri", email="dpo@example.org", phone="01 23 45 67 89"),
            recipients=[Recipient(id=_id(rng), name=n, type=t, country=c) for n, t, c in _RECIPIENTS],
        )
        share = activities // organizations + (1 if o < activities % organizations else 0)
        org.activities = [synthetic_activity(rng, i + 1, org) for i in range(share)]
        register.organizations.append(org)
    return register
