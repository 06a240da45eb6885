// The reader's day, and "Closes in N days" and "New" on the built pages redone
// from it when the page is older than that day (the nightly build stays the
// source of truth; this only keeps a page from lying when a build is missed):
// a passed deadline says so, a deadline that came within two weeks says how
// many days are left, a "New" badge past its two weeks goes. Nothing is
// fetched. The search and the embed count from the same day (facets.js).

// Days since 1970 of an ISO date, as the facet table counts them.
export function day(iso) {
  return Date.parse(`${iso}T00:00:00Z`) / 86400000;
}

// The reader's today, in days since 1970: the calendar date in the region's
// time zone, never before the build's (an unknown zone: the build's date).
export function readersDay(buildIso, zone) {
  let local = buildIso;
  try {
    local = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    // an unknown zone: the build's date stands
  }
  return Math.max(day(buildIso), day(local));
}

const CLOSING_SOON = 14;

function redo(script) {
  const words = JSON.parse(script.dataset.words || "{}");
  const lang = document.documentElement.lang || "en";
  const rules = new Intl.PluralRules(lang);
  for (const element of document.querySelectorAll("[data-wil-built]")) {
    const built = day(element.dataset.wilBuilt);
    const today = readersDay(element.dataset.wilBuilt, script.dataset.zone);
    if (today === built) continue; // the page is current
    if (element.dataset.wilNewUntil && today > day(element.dataset.wilNewUntil)) element.hidden = true;
    if (!element.dataset.wilDeadline) continue;
    const left = day(element.dataset.wilDeadline) - today;
    element.hidden = left > CLOSING_SOON;
    if (left < 0) {
      element.textContent = words.passed;
      element.classList.add("wil-passed");
    } else if (left === 0) {
      element.textContent = words.today;
    } else if (left <= CLOSING_SOON) {
      const form = words[rules.select(left)] || words.other;
      element.textContent = form.replace("{count}", left.toLocaleString(lang));
    }
  }
}

// The page's own script tag carries the words and the zone (main.html); a
// page without it (the embed) only uses the functions above.
const script = document.querySelector("script[data-wil-dates]");
if (script) redo(script);
