"""Whose contact details are republished, and where.

Canadian privacy law lets business contact information be used to reach a
person about their work, and regulators have faulted directories that
republish it in bulk. So a listing's page shows the contact its institution
gave (that is its purpose), but the open data, which anyone can copy
wholesale, carries a named person's address or phone only when the file
says the person agreed (`contact_consent: true`); a role inbox (coop@,
careers@) is always published. The validator asks for role inboxes with the
same test (`looks_personal`)."""

from __future__ import annotations

import re

_NAMED = re.compile(r"^[a-z]+[._-][a-z]+@", re.IGNORECASE)  # first.last@, first_last@, first-last@
# Words that make `health.practicum@` or `digital.internships@` an office's inbox.
_OFFICE_WORDS = (
    "career",
    "coop",
    "co-op",
    "wil",
    "intern",
    "office",
    "info",
    "employ",
    "placement",
    "practicum",
    "stage",
    "admin",
    "team",
    "hr",
    "jobs",
    "contact",
    "service",
)


def looks_personal(email: str) -> bool:
    """`jane.doe@…` is a person; `health.practicum@…` and `coop@…` are offices.
    Short words must be a whole part (`hr.team@`), so `william.tran@` is a person."""
    if not _NAMED.match(email):
        return False
    local = email.split("@", 1)[0].lower()
    parts = re.split(r"[._-]", local)
    return not any(word in parts if len(word) <= 3 else word in local for word in _OFFICE_WORDS)


def open_contact(email: str | None, phone: str | None, consent: bool | None) -> tuple[str | None, str | None]:
    """The address and phone the open data may carry: both, unless the address
    is a named person's who has not agreed (then neither: the phone is most
    likely their own line too)."""
    if email is not None and looks_personal(email) and consent is not True:
        return None, None
    return email, phone
