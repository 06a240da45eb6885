// "Closes in N days" and "New" on the built pages, redone from the reader's
// day when the page is older than that day (the nightly build stays the
// source of truth; this only keeps a page from lying when a build is
// missed): a passed deadline says so, a deadline that came within two weeks
// says how many days are left, a "New" badge past its two weeks goes. The
// reader's day is the calendar date in the region's time zone, never before
// the build's. Nothing is fetched.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const words = JSON.parse(script.dataset.words || "{}");
  const lang = document.documentElement.lang || "en";
  const rules = new Intl.PluralRules(lang);
  const CLOSING_SOON = 14;
  const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86400000;
  let local = null;
  try {
    const format = new Intl.DateTimeFormat("en-CA", {
      timeZone: script.dataset.zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    local = day(format.format(new Date()));
  } catch {
    return; // an unknown zone: the build's words stand
  }
  for (const element of document.querySelectorAll("[data-wil-built]")) {
    const built = day(element.dataset.wilBuilt);
    const today = Math.max(built, local);
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
})();
