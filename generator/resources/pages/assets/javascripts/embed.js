// The embed page: the listings an address's filters select (the same
// parameters as the search page: ?institution=sait&type=co-op&limit=5),
// closing soon first (or &sort=newest), for an <iframe> on another site.
// Everything runs inside the frame; the host page only holds the <iframe>.
// Every piece of text from the data is inserted with textContent.

import {
  GROUPS,
  byDeadline,
  day,
  fragment,
  loadPublished,
  loadTable,
  passes,
  stateFromParams,
  words,
} from "./facets.js";

const root = document.querySelector("[data-wil-embed]");
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
const TODAY = day(root.dataset.today);
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

function row(data) {
  const meta = data.meta || {};
  const item = document.createElement("li");
  item.className = "wil-embed__row";
  const title = document.createElement("a");
  title.className = "wil-embed__title";
  title.href = new URL(data.url, location.href).href;
  title.textContent = meta.title || data.url;
  if (meta.lang) title.lang = meta.lang;
  item.append(newTab(title));
  if (meta.published && TODAY >= day(meta.published) && TODAY - day(meta.published) <= NEW_DAYS) {
    item.append(span("wil-embed__badge", strings.new));
  }
  if (meta.employers) item.append(span("wil-embed__badge wil-embed__badge--employers", strings.badge_employers));
  item.append(span("wil-embed__line", [meta.host, meta.who].filter(Boolean).join(" · ")));
  item.append(span("wil-embed__line", meta.facts || ""));
  const deadline = span("wil-embed__line");
  if (meta.deadline) {
    const time = document.createElement("time");
    time.dateTime = meta.deadline;
    time.textContent = dates.format(new Date(`${meta.deadline}T00:00:00Z`));
    deadline.append(`${strings.deadline}${strings.colon}`, time);
    const left = day(meta.deadline) - TODAY;
    if (left >= 0 && left <= CLOSING_SOON) {
      deadline.append(" ", span("wil-embed__soon", left === 0 ? strings.closes_today : plural("closes_in", left)));
    }
  } else {
    deadline.textContent = meta.rolling ? strings.rolling : strings.no_deadline;
  }
  item.append(deadline);
  let links = [];
  try {
    links = JSON.parse(meta.apply || "[]");
  } catch {
    links = [];
  }
  const safe = links.filter(([, href]) => /^(https:|mailto:)/.test(String(href)));
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
  const table = await loadTable(bundle, lang);
  let found = table.rows.filter((item) => GROUPS.every((group) => passes(item, group, state)));
  if (params.get("sort") === "newest") {
    const published = await loadPublished(bundle, table.hash);
    const when = (item) => published[item.index] ?? -Infinity;
    found.sort((a, b) => when(b) - when(a) || a.index - b.index);
  } else {
    found.sort(byDeadline);
  }
  status.textContent = found.length ? plural("results_found", found.length) : strings.embed_none;
  const items = await Promise.all(found.slice(0, limit).map((item) => fragment(bundle, siteRoot, item.page)));
  list.replaceChildren(...items.map(row));
}

start().catch(() => {
  status.textContent = strings.failed;
});
