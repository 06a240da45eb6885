"""Named people's contact details (issue 22, point 14): the validator asks for
role inboxes wherever a file names a contact, and the open data leaves a named
person's address and phone out unless the file records their agreement."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DAY, make_region

from generator.export.opendata import institutions_data
from generator.export.records import record
from generator.merge.listing import build_listings
from generator.privacy import looks_personal, open_contact
from generator.validate.region import validate_region


@pytest.mark.parametrize(
    ("email", "personal"),
    [
        ("jane.doe@ucalgary.example.ca", True),
        ("jane_doe@ucalgary.example.ca", True),
        ("jean-marc.roy@ucalgary.example.ca", False),  # three parts: not the first.last shape
        ("jean-roy@ucalgary.example.ca", True),
        ("william.tran@sait.example.ca", True),  # "wil" inside a name is not the WIL office
        ("wil.office@sait.example.ca", False),
        ("hr.team@bakery.example.ca", False),
        ("health.practicum@bowvalley.example.ca", False),
        ("digital.internships@sait.example.ca", False),
        ("coop@mru.example.ca", False),  # one word: an inbox
        ("jdoe@mru.example.ca", False),  # cannot be told from an inbox: not flagged
        ("Jane.Doe@MRU.example.ca", True),
        ("science.coop@ucalgary.example.ca", False),
        ("careers.stage@ucalgary.example.ca", False),
        ("jane.doe@careers.example.ca", True),  # only the part before @ is read: the domain is the institution's
        ("hr.jones@bakery.example.ca", False),  # a short word as a whole part
        ("tech.jobsboard@bakery.example.ca", False),  # a longer word anywhere in it
        ("jane.doe@x@y.example.ca", True),
    ],
)
def test_what_looks_like_a_named_person(email: str, personal: bool) -> None:
    assert looks_personal(email) is personal


def test_open_data_carries_a_named_contact_only_with_consent() -> None:
    assert open_contact("jane.doe@x.example.ca", "+1 403-555-0100", None) == (None, None)
    assert open_contact("jane.doe@x.example.ca", "+1 403-555-0100", False) == (None, None)
    assert open_contact("jane.doe@x.example.ca", "+1 403-555-0100", True) == (
        "jane.doe@x.example.ca",
        "+1 403-555-0100",
    )
    assert open_contact("coop@x.example.ca", "+1 403-555-0100", None) == ("coop@x.example.ca", "+1 403-555-0100")
    assert open_contact(None, "+1 403-555-0100", None) == (None, "+1 403-555-0100")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def _region_with_named_contacts(root: Path, consent: bool) -> Path:
    make_region(root)
    agreed = "\n    contact_consent: true" if consent else ""
    _edit(
        root / "opportunities/ambrose/ambrose-base-valid.yaml",
        "    contact_email: coop@ambrose.example.ca",
        "    contact_email: jane.doe@ambrose.example.ca\n    contact_phone: +1 403-555-0199" + agreed,
    )
    _edit(
        root / "institutions/ambrose.yaml",
        "  email: experiential@ambrose.example.ca",
        "  email: maria.lopez@ambrose.example.ca" + ("\n  consent: true" if consent else ""),
    )
    (root / "proposals").mkdir()
    proposal = (Path(__file__).parent.parent / "proposals" / "foothills-clinic-patient-survey.yaml").read_text("utf-8")
    proposal = proposal.replace("admin@foothills-clinic.example.ca", "sam.lee@foothills-clinic.example.ca")
    (root / "proposals" / "foothills-clinic-patient-survey.yaml").write_text(
        proposal + ("contact_consent: true\n" if consent else ""), "utf-8"
    )
    return root


def test_every_named_contact_is_flagged_in_both_languages(tmp_path: Path) -> None:
    region = validate_region(_region_with_named_contacts(tmp_path / "r", consent=False), today=DAY)
    found = {p.path: p for p in region.problems if p.code == "personal-email"}
    assert sorted(found) == [
        "institutions/ambrose.yaml",
        "opportunities/ambrose/ambrose-base-valid.yaml",
        "proposals/foothills-clinic-patient-survey.yaml",
    ]
    assert all(not p.is_error and p.is_warning for p in found.values())
    listing = found["opportunities/ambrose/ambrose-base-valid.yaml"]
    assert listing.text("en") == (
        "“Contact email” (`institutions[0].contact_email`): `jane.doe@ambrose.example.ca` looks like a named"
        " person's address.",
        "Use an office address (for example careers@..., coop@...): it survives staff changes and keeps personal"
        " data out of the open data. If this person agreed to be listed, add `contact_consent: true` beside it.",
    )
    message, hint = found["institutions/ambrose.yaml"].text("fr")
    assert message.endswith(
        "(`wil_contact.email`)\u00a0: `maria.lopez@ambrose.example.ca` ressemble à l'adresse d'une personne nommée."
    )
    assert hint.endswith("Si cette personne a accepté d'être publiée, ajoutez `consent: true` à côté.")
    assert "`contact_consent: true`" in found["proposals/foothills-clinic-patient-survey.yaml"].text("fr")[1]
    assert found["institutions/ambrose.yaml"].line == 16


def test_consent_silences_the_warning_and_publishes_the_contact(tmp_path: Path) -> None:
    for consent in (False, True):
        region = validate_region(_region_with_named_contacts(tmp_path / str(consent), consent=consent), today=DAY)
        assert not [p for p in region.problems if p.is_error]
        assert bool([p for p in region.problems if p.code == "personal-email"]) is not consent
        listings, _ = build_listings(region.opportunities, region.institutions)
        (listing,) = [x for x in listings if x.id == "ambrose-base-valid"]
        (offer,) = record(listing, "https://wil.example.ca/").institutions
        shown = ("jane.doe@ambrose.example.ca", "+1 403-555-0199") if consent else (None, None)
        assert (offer.contact_email, offer.contact_phone) == shown
        (ambrose,) = [i for i in institutions_data(region.institutions, listings, "/") if i["id"] == "ambrose"]
        shown = ("maria.lopez@ambrose.example.ca", "+1 403-555-0105") if consent else (None, None)
        assert (ambrose["wil_contact"]["email"], ambrose["wil_contact"]["phone"]) == shown
        assert ambrose["wil_contact"]["url"] == "https://ambrose.edu/experiential-learning"
