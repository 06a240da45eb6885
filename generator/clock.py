"""The one answer to "what day is it?" for every command.

What is listed, what has expired and what is closing soon all depend on
today's date, so it is resolved in one place: `--today` when given (tests,
reproducible builds), else the calendar date in the region's time zone, so
a nightly rebuild just after midnight in Calgary (07:00 UTC) hides what
closed yesterday there, whatever the server's clock says.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

REGION_TIMEZONE = "America/Edmonton"


def resolve_today(explicit: dt.date | None = None) -> dt.date:
    if explicit is not None:
        return explicit
    return dt.datetime.now(ZoneInfo(REGION_TIMEZONE)).date()
