// The embed page: the listings an address's filters select (the same
// parameters as the search page: ?institution=sait&type=co-op&limit=5),
// closing soon first (or &sort=newest), for an <iframe> on another site.
// Everything runs inside the frame; the host page only holds the <iframe>.
// Every piece of text from the data is inserted with textContent.
//
// Readers see opportunities: an opportunity several institutions list is
// one row (facets.js), naming each with its page, its deadline and its way
// to apply. An institution's own embed (?institution=...) lists its own
// listings, one row each.

import {
  day,
  earliest,
  fragment,
  loadPublished,
  loadTable,
  readersDay,
  opportunities,
  passesAll,
  stateFromParams,
  useFilters,
  words,
} from "./facets.js";

const root = document.querySelector("[data-wil-embed]");
useFilters(root); // the filter groups an address may name (render/filters.py)
const status = document.getElementById("wil-embed-status");
const list = document.getElementById("wil-embed-list");
const all = document.getElementById("wil-embed-all");
const strings = JSON.parse(root.dataset.strings);
const lang = document.documentElement.lang || "en";
const locale = root.dataset.locale || lang;
const { fill, plural } = words(strings, lang, locale);
const dates = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const bundle = new URL(root.dataset.bundle, location.href);
const siteRoot = new URL(root.dataset.siteRoot, location.href).pathname;
const TODAY = readersDay(root.dataset.today, root.dataset.zone || "UTC");
const CLOSING_SOON = 14;
const NEW_DAYS = 14;
const MAX = 50;

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  if (text) element.textContent = text;
  return element;
}

function newTab(link) {
  link.target = "_blank";
  link.rel = "noopener";
  link.append(span("wil-visually-hidden", ` ${strings.new_tab}`));
  return link;
}

function deadlineInto(element, meta) {
  if (meta.deadline) {
    const time = document.createElement("time");
    time.dateTime = meta.deadline;
    time.textContent = dates.format(new Date(`${meta.deadline}T00:00:00Z`));
    element.append(`${strings.deadline}${strings.colon}`, time);
    const left = day(meta.deadline) - TODAY;
    if (left >= 0 && left <= CLOSING_SOON) {
      element.append(" ", span("wil-embed__soon", left === 0 ? strings.closes_today : plural("closes_in", left)));
    }
  } else {
    element.append(meta.rolling ? strings.rolling : strings.no_deadline);
  }
  return element;
}

function applyLinks(meta) {
  let links = [];
  try {
    links = JSON.parse(meta.apply || "[]");
  } catch {
    links = [];
  }
  return links.filter(([, href]) => /^(https:|mailto:)/.test(String(href)));
}

// One row: an opportunity from its pages' fragments (the lead first), titled
// by the first with a title in the page's language.
function row(pages) {
  const grouped = pages.length > 1;
  const metas = pages.map((data) => data.meta || {});
  const head = Math.max(0, metas.findIndex((m) => !m.lang));
  const data = pages[head];
  const meta = metas[head];
  const item = document.createElement("li");
  item.className = "wil-embed__row";
  const title = document.createElement("a");
  title.className = "wil-embed__title";
  title.href = new URL(data.url, location.href).href;
  title.textContent = meta.title || data.url;
  if (meta.lang) title.lang = meta.lang;
  item.append(newTab(title));
  const published = metas.map((m) => m.published).filter(Boolean).map(day);
  const first = published.length ? Math.min(...published) : null;
  if (first !== null && TODAY >= first && TODAY - first <= NEW_DAYS) {
    item.append(span("wil-embed__badge", strings.new));
  }
  if (metas.every((m) => m.employers)) item.append(span("wil-embed__badge wil-embed__badge--employers", strings.badge_employers));
  item.append(span("wil-embed__line", grouped ? meta.host || "" : [meta.host, meta.who].filter(Boolean).join(" · ")));
  item.append(span("wil-embed__line", meta.facts || ""));
  if (grouped) {
    item.append(span("wil-embed__line", strings.offered_through));
    const offers = document.createElement("ul");
    offers.className = "wil-embed__offers";
    pages.forEach((page, n) => {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(page.url, location.href).href;
      link.textContent = metas[n].who || page.url;
      entry.append(newTab(link), " · ");
      offers.append(deadlineInto(entry, metas[n]));
    });
    item.append(offers);
  } else {
    item.append(deadlineInto(span("wil-embed__line"), meta));
  }
  const safe = metas.flatMap(applyLinks);
  if (safe.length) {
    const apply = document.createElement("ul");
    apply.className = "wil-embed__apply";
    for (const [name, href] of safe) {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = href;
      link.textContent = fill(strings.apply_at, { institution: name });
      entry.append(href.startsWith("mailto:") ? link : newTab(link));
      apply.append(entry);
    }
    item.append(apply);
  }
  return item;
}

async function start() {
  const params = new URLSearchParams(location.search);
  const state = stateFromParams(params);
  const limit = Math.min(MAX, Math.max(1, Number.parseInt(params.get("limit") || "10", 10) || 10));
  const search = new URL(root.dataset.search, location.href);
  const kept = new URLSearchParams(params);
  kept.delete("limit");
  search.search = kept.toString();
  all.href = search.href;
  const table = await loadTable(bundle, lang, TODAY);
  // an institution's own embed: its own listings; else one row per opportunity
  const own = Boolean(state.filters.institution);
  const found = own
    ? table.rows.filter((page) => passesAll(page, state)).map((page) => ({ group: [page], first: page }))
    : opportunities(table.rows, state);
  for (const item of found) item.deadline = earliest(item.group);
  if (params.get("sort") === "newest") {
    const published = await loadPublished(bundle, table.hash);
    const when = (item) => Math.min(...item.group.map((page) => published[page.index] ?? Infinity));
    const key = (item) => (when(item) === Infinity ? -Infinity : when(item));
    found.sort((a, b) => key(b) - key(a) || a.first.index - b.first.index);
  } else {
    found.sort((a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || a.first.index - b.first.index);
  }
  status.textContent = found.length ? plural("results_found", found.length) : strings.embed_none;
  const items = await Promise.all(
    found.slice(0, limit).map((item) => Promise.all(item.group.map((page) => fragment(bundle, siteRoot, page.page)))),
  );
  list.replaceChildren(...items.map(row));
}

start().catch(() => {
  status.textContent = strings.failed;
});
