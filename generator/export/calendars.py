"""Deadlines as calendars (iCalendar), in each language: all of them, one
calendar per WIL type, sector and institution to subscribe to, and one file
per listing behind its "Add the deadline to my calendar" link.

A deadline is an all-day event on its date with a reminder three days
before; a hackathon or a competition with dates is also an event on those
dates. UIDs are built from the listing's id, and the time stamps from the
data, so a calendar app updates an event instead of adding it twice, and
the same data writes the same files.

Each listing's events are written line by line (`event_lines`) with
icalendar's own value types and line folding: building them as icalendar
components took most of the exports' time (two thirds of a language's, at
20,000 listings). `events` builds the same events as components; a test
checks that both give the same bytes, so the library stays the reference.
"""

from __future__ import annotations

import datetime as dt
import functools

from icalendar import Alarm, Calendar, Event, vDDDTypes, vText
from icalendar.parser import Contentline

from generator.export.feeds import lists, updated
from generator.i18n import t
from generator.layout import LANGUAGES, absolute, prefix
from generator.merge.listing import Listing
from generator.render import facts, urls
from generator.render.site import SiteData
from generator.tree import Folder

EVENT_TYPES = ("hackathon", "competition")  # formats whose own dates are an event to attend
REMINDER = dt.timedelta(days=-3)


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _calendar(site: SiteData, lang: str, name: str | None) -> Calendar:
    """A calendar's header: a name and a refresh rate for one to subscribe to,
    neither for one listing's file (it is imported once)."""
    cal = Calendar()
    cal.add("prodid", f"-//{t('ui.site_name', lang)}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name is not None:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT12H")
    return cal


# The right-hand side of every event's UID: the directory's name, not the site's
# host, so a calendar subscribed to keeps its events when the site moves.
UID_DOMAIN = "wil-directory"


def events(site: SiteData, lang: str, listing: Listing) -> list[Event]:
    """A listing's deadline, and its own dates when it is an event."""
    host = UID_DOMAIN
    url = absolute(site.site_url, lang, urls.page_url(urls.opportunity(listing.id)))
    r = listing.record
    title = facts.title(r, lang)
    about = facts.summary(listing, lang) + "\n" + url
    found = []
    if listing.deadline:
        deadline = Event()
        deadline.add("uid", f"deadline-{listing.id}@{host}")
        deadline.add("dtstamp", _stamp(updated(listing)))
        deadline.add("last-modified", _stamp(updated(listing)))
        deadline.add("dtstart", listing.deadline)
        deadline.add("dtend", listing.deadline + dt.timedelta(days=1))
        deadline.add("summary", t("calendar.deadline", lang, title=title))
        deadline.add("description", about)
        deadline.add("url", url)
        deadline.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("trigger", REMINDER)
        reminder.add("description", t("calendar.reminder", lang, title=title))
        deadline.add_component(reminder)
        found.append(deadline)
    if r.wil_type in EVENT_TYPES and r.start_date:
        start = dt.date.fromisoformat(r.start_date)
        end = dt.date.fromisoformat(r.end_date) if r.end_date else start
        event = Event()
        event.add("uid", f"event-{listing.id}@{host}")
        event.add("dtstamp", _stamp(updated(listing)))
        event.add("last-modified", _stamp(updated(listing)))
        event.add("dtstart", start)
        event.add("dtend", max(start, end) + dt.timedelta(days=1))
        event.add("summary", title)
        event.add("description", about)
        event.add("url", url)
        event.add("location", facts.place(r, lang))
        found.append(event)
    return found


_END = b"END:VCALENDAR\r\n"


def _text(value: str) -> str:
    return vText(value).to_ical().decode("utf-8")


def _value(value: dt.date | dt.datetime | dt.timedelta) -> str:
    return vDDDTypes(value).to_ical().decode("ascii")


def _line(name: str, value: str) -> bytes:
    line = f"{name}:{value}"
    if len(line.encode("utf-8")) < 75:  # a short line needs no folding
        return line.encode("utf-8") + b"\r\n"
    return bytes(Contentline(line).to_ical()) + b"\r\n"


def event_lines(site: SiteData, lang: str, listing: Listing) -> bytes:
    """The events of `events`, as iCalendar text, written line by line in the
    order icalendar writes them (its canonical order, then by name)."""
    host = UID_DOMAIN
    url = absolute(site.site_url, lang, urls.page_url(urls.opportunity(listing.id)))
    r = listing.record
    title = facts.title(r, lang)
    about = _text(facts.summary(listing, lang) + "\n" + url)
    stamp = _value(_stamp(updated(listing)))
    out = []
    if listing.deadline:
        out += [
            b"BEGIN:VEVENT\r\n",
            _line("SUMMARY", _text(t("calendar.deadline", lang, title=title))),
            _line("DTSTART;VALUE=DATE", _value(listing.deadline)),
            _line("DTEND;VALUE=DATE", _value(listing.deadline + dt.timedelta(days=1))),
            _line("DTSTAMP", stamp),
            _line("UID", _text(f"deadline-{listing.id}@{host}")),
            _line("DESCRIPTION", about),
            _line("LAST-MODIFIED", stamp),
            _line("TRANSP", "TRANSPARENT"),
            _line("URL", url),
            b"BEGIN:VALARM\r\n",
            _line("ACTION", "DISPLAY"),
            _line("DESCRIPTION", _text(t("calendar.reminder", lang, title=title))),
            _line("TRIGGER", _value(REMINDER)),
            b"END:VALARM\r\n",
            b"END:VEVENT\r\n",
        ]
    if r.wil_type in EVENT_TYPES and r.start_date:
        start = dt.date.fromisoformat(r.start_date)
        end = dt.date.fromisoformat(r.end_date) if r.end_date else start
        out += [
            b"BEGIN:VEVENT\r\n",
            _line("SUMMARY", _text(title)),
            _line("DTSTART;VALUE=DATE", _value(start)),
            _line("DTEND;VALUE=DATE", _value(max(start, end) + dt.timedelta(days=1))),
            _line("DTSTAMP", stamp),
            _line("UID", _text(f"event-{listing.id}@{host}")),
            _line("DESCRIPTION", about),
            _line("LAST-MODIFIED", stamp),
            _line("LOCATION", _text(facts.place(r, lang))),
            _line("URL", url),
            b"END:VEVENT\r\n",
        ]
    return b"".join(out)


def _event_bytes(site: SiteData, lang: str, listing: Listing) -> bytes:
    """A listing's events as iCalendar text, from the build cache when its files did not change."""
    key = site.page_key(f"calendar-{lang}", listing) if site.cache is not None else ""
    found = site.cache.get("export", key) if site.cache is not None else None
    if isinstance(found, bytes):
        return found
    text = event_lines(site, lang, listing)
    if site.cache is not None:
        site.cache.put("export", key, text)
    return text


def _head(site: SiteData, lang: str, name: str | None) -> bytes:
    head = bytes(_calendar(site, lang, name).to_ical())
    return head[: -len(_END)]


@functools.cache
def _file_head(lang: str, site_url: str) -> bytes:
    return _head(SiteData(today=dt.date.min, institutions={}, listings=[], site_url=site_url), lang, None)


def listing_file(site: SiteData, lang: str, listing: Listing, cache: dict[str, bytes] | None = None) -> bytes:
    """One listing's own calendar file (behind "Add the deadline to my calendar"),
    beside its page."""
    events = cache[listing.id] if cache is not None and listing.id in cache else _event_bytes(site, lang, listing)
    return _file_head(lang, site.site_url) + events + _END


def calendar_bytes(
    site: SiteData, lang: str, name: str | None, listings: list[Listing], cache: dict[str, bytes]
) -> bytes:
    """A calendar of these listings' events. Each listing's events are written
    once per language (`cache`) and shared by every calendar it appears in."""
    parts = [_head(site, lang, name)]
    for listing in sorted(listings, key=lambda x: x.id):
        if listing.id not in cache:
            cache[listing.id] = _event_bytes(site, lang, listing)
        parts.append(cache[listing.id])
    parts.append(_END)
    return b"".join(parts)


def write_calendars(out: Folder, site: SiteData, languages: tuple[str, ...] = LANGUAGES) -> int:
    """Every list's calendar and each listing's own file, in these languages.
    They are exports, not pages: written while MkDocs builds the pages."""
    written = 0
    for lang in languages:
        cache: dict[str, bytes] = {}
        for facet, id_, title, items in lists(site, lang):
            name = t("calendar.name", lang, site=t("ui.site_name", lang), list=title)
            listings = [x for row in items for x in row.matched]  # every deadline of every institution
            out.put(prefix(lang) + urls.calendar(facet, id_), calendar_bytes(site, lang, name, listings, cache))
            written += 1
        for listing in site.listings:
            if listing.deadline is not None:
                out.put(prefix(lang) + urls.event(listing.id), listing_file(site, lang, listing, cache))
                written += 1
    return written
