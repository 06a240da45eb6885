"""What search engines read about an opportunity (schema.org JSON-LD).

Paid and unpaid positions with a host (internships, co-op, apprenticeships,
micro-internships, work experience) are `JobPosting`s: Google for Jobs and
aggregators list them. Hackathons and competitions with dates are `Event`s.
Anything else is described as the `WebPage` it is. The JSON is written so
that it can never end its <script> element: `<`, `>` and `&` are escaped as
JSON unicode escapes, which JSON parsers read back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from generator import vocab
from generator.layout import absolute
from generator.merge.listing import Listing
from generator.render import facts, urls
from generator.render.site import SiteData

JOB_TYPES = ("internship", "co-op", "apprenticeship", "micro-internship", "work-experience")
EVENT_TYPES = ("hackathon", "competition")
UNIT = {"hour": "HOUR", "week": "WEEK", "month": "MONTH"}  # schema.org unitText; a term or a total has none
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any) -> str:
    """JSON safe inside <script>: nothing in it reads as `</script>` or `<!--`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.translate(_ESCAPES)


def _text(value: Any, lang: str) -> str:
    return str(getattr(value, lang, None) or next(v for v in (value.en, value.fr) if v))


def _address(listing: Listing) -> dict[str, Any] | None:
    place = listing.record.location
    if place is None:
        return None
    return {
        "@type": "PostalAddress",
        "addressLocality": place.city,
        "addressRegion": place.province,
        "addressCountry": "CA",
    }


def _organization(listing: Listing) -> dict[str, Any]:
    host = listing.record.host
    found: dict[str, Any] = {"@type": "Organization", "name": host.name}
    if host.website:
        found["sameAs"] = host.website
    return found


def _salary(listing: Listing) -> dict[str, Any] | None:
    pay = listing.record.compensation
    amounts = [a for a in (pay.amount_min, pay.amount_max) if a is not None]
    if pay.type != "paid" or not amounts or pay.period not in UNIT:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": UNIT[pay.period]}
    if len(set(amounts)) == 1:
        value["value"] = amounts[0]
    else:
        value["minValue"], value["maxValue"] = min(amounts), max(amounts)
    return {"@type": "MonetaryAmount", "currency": "CAD", "value": value}


def structured_data(site: SiteData, listing: Listing, lang: str) -> dict[str, Any]:
    r = listing.record
    url = absolute(site.site_url, lang, urls.page_url(urls.opportunity(listing.id)))
    title = facts.title(r, lang)
    description = _text(r.description, lang)
    posted = (listing.published or listing.last_verified).isoformat()
    common = {"@context": "https://schema.org", "url": url, "name": title, "description": description}
    if r.wil_type in JOB_TYPES:
        job: dict[str, Any] = {
            **common,
            "@type": "JobPosting",
            "title": title,
            "identifier": {"@type": "PropertyValue", "name": site.site_url, "value": listing.id},
            "datePosted": posted,
            "employmentType": "INTERN",
            "hiringOrganization": _organization(listing),
            "directApply": False,
            "industry": ", ".join(vocab.lookup("sectors")[s].label(lang) for s in r.sectors),
        }
        if r.skills:
            job["skills"] = ", ".join(getattr(r.skills, lang, None) or next(x for x in (r.skills.en, r.skills.fr) if x))
        if listing.deadline:
            job["validThrough"] = listing.deadline.isoformat()
        if r.work_arrangement == "remote":
            job["jobLocationType"] = "TELECOMMUTE"
            job["applicantLocationRequirements"] = {"@type": "Country", "name": "Canada"}
        address = _address(listing)
        if address is not None:
            job["jobLocation"] = {"@type": "Place", "address": address}
        salary = _salary(listing)
        if salary is not None:
            job["baseSalary"] = salary
        return job
    if r.wil_type in EVENT_TYPES and r.start_date:
        online = r.work_arrangement == "remote"
        mode = {"remote": "Online", "hybrid": "Mixed"}.get(r.work_arrangement, "Offline")
        event: dict[str, Any] = {
            **common,
            "@type": "Event",
            "startDate": r.start_date,
            "endDate": r.end_date or r.start_date,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
            "organizer": _organization(listing),
        }
        address = _address(listing)
        event["location"] = (
            {"@type": "VirtualLocation", "url": url}
            if online or address is None
            else {"@type": "Place", "name": r.location.city if r.location else title, "address": address}
        )
        return event
    return {**common, "@type": "WebPage", "datePublished": posted, "dateModified": listing.last_verified.isoformat()}
