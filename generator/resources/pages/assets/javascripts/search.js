// Faceted search over the opportunities.
//
// The page's form is the single source of state: the address holds the same
// names and values (?q=...&type=co-op&type=internship...), so a result list
// can be shared and the back button restores it. Values are vocabulary ids,
// the same in every language.
//
// Words are searched with Pagefind (loaded only when there are words); the
// filters, their counts and the sort come from the facet table written next
// to the index (publish/facets.py): one code per listing and group, in the
// order of Pagefind's own page list, which this script reads from the index
// metadata. A checkbox's count is how many results there would be with it:
// within its group counts ignore the group's own selection, across groups
// they respect the others. Every piece of text from the data is inserted
// with textContent.
//
// A result is an opportunity, not a page: the pages of one opportunity that
// several institutions list (the table's rows, facets.js) are one result
// row, found when any of its pages matches the words and every filter, and
// counted once everywhere. The row names each institution with a link to its
// page and its own deadline, and says through which listing it matched
// when only some did; sorting by deadline uses its earliest one.

import {
  CHECKBOXES,
  GROUPS,
  DEADLINES,
  DEFAULTS,
  fragment,
  loadPublished,
  loadTable,
  readersDay,
  day,
  earliest,
  passes,
  useFilters,
  withinDeadline,
  words,
} from "./facets.js";

const root = document.querySelector("[data-wil-search]");
const form = document.getElementById("wil-search-form");
const input = document.getElementById("wil-search-q");
const status = document.getElementById("wil-search-status");
const list = document.getElementById("wil-search-results");
const more = document.getElementById("wil-search-more");
const chips = document.getElementById("wil-chips");
const empty = document.getElementById("wil-empty");
const emptyRemove = document.getElementById("wil-empty-remove");
const emptyWords = document.getElementById("wil-empty-words");
const dialog = document.getElementById("wil-filters");
const openButton = document.getElementById("wil-filters-open");
const closeButton = document.getElementById("wil-filters-close");
const showButton = document.getElementById("wil-filters-show");
const clearButton = document.getElementById("wil-search-clear");
const activeCount = document.getElementById("wil-active-filters");
const sortSelect = document.getElementById("wil-sort");

// The filter groups, from the page (render/filters.py): the form's and the facet table's.
useFilters(root);

const strings = JSON.parse(root.dataset.strings);
const labels = JSON.parse(root.dataset.groups);
const lang = document.documentElement.lang || "en";
const locale = root.dataset.locale || lang;
const { fill, plural } = words(strings, lang, locale);
const dates = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const EVERY_LISTING = root.dataset.everyListing;
const TODAY = readersDay(root.dataset.today, root.dataset.zone || "UTC");
const PAGE = 15;
const CLOSING_SOON = 14;
const NEW_DAYS = 14;
const wide = window.matchMedia("(min-width: 60em)");
const bundle = new URL(root.dataset.bundle, location.href);
const siteRoot = new URL(root.dataset.siteRoot, location.href).pathname;

let rows = null; // the facet table: one row per listed opportunity, in Pagefind's page order
let byPage = new Map();
let hash = "";
let published = null; // loaded only to sort by newest
// The order the reader chose ("" until they choose one): the select shows the
// default order too (closing soon, or best match once there are words), and
// a shown default is no choice, so typing words after it gives best match,
// as the header's search box does.
let chosenSort = "";
let pagefind = null;
let shown = 0;
let current = [];
let generation = 0;

// --- words ---------------------------------------------------------------------

function label(group, value) {
  return (labels[group] && labels[group][value]) || value;
}

// --- state: the form, the address ------------------------------------------------

function readForm() {
  const data = new FormData(form);
  const state = {
    q: String(data.get("q") || "").trim(),
    filters: {},
    audience: String(data.get("audience") || DEFAULTS.audience),
    deadline: String(data.get("deadline") || DEFAULTS.deadline),
    sort: chosenSort,
  };
  for (const group of CHECKBOXES) {
    const values = data.getAll(group).map(String).filter(Boolean);
    if (values.length) state.filters[group] = values;
  }
  return state;
}

function defaultSort(state) {
  return state.q ? "relevance" : "deadline";
}

function writeForm(params) {
  input.value = params.get("q") || "";
  for (const element of form.elements) {
    if (element.type === "checkbox" && CHECKBOXES.includes(element.name)) {
      element.checked = params.getAll(element.name).includes(element.value);
    } else if (element.type === "radio" && element.name in DEFAULTS) {
      element.checked = element.value === (params.get(element.name) || DEFAULTS[element.name]);
    }
  }
  const sort = params.get("sort");
  chosenSort = sort && ["relevance", "deadline", "newest"].includes(sort) ? sort : "";
  sortSelect.value = chosenSort;
}

function toParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const group of CHECKBOXES) for (const value of state.filters[group] || []) params.append(group, value);
  if (state.audience !== DEFAULTS.audience) params.set("audience", state.audience);
  if (state.deadline) params.set("deadline", state.deadline);
  if (state.sort && state.sort !== defaultSort(state)) params.set("sort", state.sort);
  return params;
}

function hrefOf(state) {
  const params = toParams(state).toString();
  return `${location.pathname}${params ? "?" + params : ""}`;
}

// The language switches lead to the same search in the other language.
function followLanguageLinks() {
  for (const link of document.querySelectorAll(".wil-lang a, .md-select__link")) {
    const url = new URL(link.getAttribute("href"), location.href);
    url.search = location.search;
    link.href = url.href;
  }
}

// --- the facet table (facets.js) ---------------------------------------------------

async function loadRows() {
  const table = await loadTable(bundle, lang, TODAY);
  rows = table.rows;
  byPage = table.byPage;
  hash = table.hash;
}

async function loadDays() {
  if (!published) published = await loadPublished(bundle, hash);
}

// --- filtering and counting ----------------------------------------------------------

// Counts per group and value, the pages passing every group, and for each
// group how many results its removal would bring back (for the empty state).
// Both count opportunities: a row of several pages counts once for a value
// when any of its pages would pass with it.
function facet(candidates, state) {
  const counts = Object.fromEntries(GROUPS.map((group) => [group, {}]));
  const without = Object.fromEntries(GROUPS.map((group) => [group, 0]));
  const matching = new Set();
  const shared = new Map(); // a row of several pages -> what its pages counted, once each
  const add = (group, value) => {
    counts[group][value] = (counts[group][value] || 0) + 1;
  };
  const each = (row, group, put) => {
    if (group === "audience") {
      for (const value of row.values.audience) put(group, value);
      put(group, "all");
    } else if (group === "deadline") {
      for (const choice of DEADLINES) if (withinDeadline(row.deadline, choice)) put(group, choice);
    } else {
      for (const value of row.values[group]) put(group, value);
    }
  };
  for (const row of candidates) {
    const failing = GROUPS.filter((group) => !passes(row, group, state));
    if (failing.length > 1) continue;
    if (failing.length === 0) matching.add(row);
    const groups = failing.length ? failing : GROUPS;
    if (row.group.length === 1) {
      for (const group of groups) {
        without[group] += 1;
        each(row, group, add);
      }
      continue;
    }
    let seen = shared.get(row.lead);
    if (!seen) shared.set(row.lead, (seen = { values: new Set(), without: new Set() }));
    for (const group of groups) {
      seen.without.add(group);
      each(row, group, (g, value) => seen.values.add(`${g}\u0000${value}`));
    }
  }
  for (const seen of shared.values()) {
    for (const group of seen.without) without[group] += 1;
    for (const key of seen.values) add(...key.split("\u0000"));
  }
  return { counts, without, matching };
}

// --- showing --------------------------------------------------------------------------

function showCounts(counts) {
  for (const element of root.querySelectorAll("[data-count-for]")) {
    const [group, value] = element.dataset.countFor.split(":");
    const count = counts[group][value] || 0;
    element.textContent = `(${count.toLocaleString(locale)})`;
    element.closest(".wil-option").classList.toggle("wil-option--empty", count === 0);
  }
}

function chosenFilters(state) {
  const chosen = [];
  for (const group of CHECKBOXES) for (const value of state.filters[group] || []) chosen.push([group, value]);
  if (state.audience !== DEFAULTS.audience) chosen.push(["audience", state.audience]);
  if (state.deadline) chosen.push(["deadline", state.deadline]);
  return chosen;
}

function cleared(state, group, value) {
  const next = { ...state, filters: { ...state.filters } };
  if (group in DEFAULTS) next[group] = DEFAULTS[group];
  else {
    next.filters[group] = (next.filters[group] || []).filter((v) => value !== undefined && v !== value);
    if (!next.filters[group].length) delete next.filters[group];
  }
  return next;
}

// A folded group opens when one of its filters is chosen (from the address,
// or a chip's filter removed elsewhere leaves it as it is), and says how many are.
function showGroups(chosen) {
  for (const details of root.querySelectorAll("details[data-groups]")) {
    const groups = details.dataset.groups.split(" ");
    const picked = chosen.filter(([group]) => groups.includes(group)).length;
    details.querySelector(".wil-facet-group__picked").textContent = picked ? ` (${picked.toLocaleString(locale)})` : "";
    if (picked) details.open = true;
  }
}

function showChips(state) {
  const chosen = chosenFilters(state);
  showGroups(chosen);
  chips.replaceChildren();
  chips.hidden = chosen.length === 0;
  activeCount.textContent = chosen.length ? ` (${chosen.length})` : "";
  for (const [group, value] of chosen) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "wil-chip";
    button.setAttribute("aria-label", fill(strings.remove_filter, { label: label(group, value) }));
    button.textContent = label(group, value);
    const cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = " ×";
    button.append(cross);
    button.addEventListener("click", () => {
      writeForm(new URLSearchParams(toParams(cleared(readForm(), group, value))));
      search(true);
    });
    item.append(button);
    chips.append(item);
  }
  if (chosen.length > 1) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "wil-chip wil-chip--all";
    button.textContent = strings.clear_filters;
    button.addEventListener("click", clearAll);
    item.append(button);
    chips.append(item);
  }
}

function showEmpty(state, without, words) {
  empty.hidden = false;
  const chosen = chosenFilters(state);
  const plain = { q: state.q, filters: {}, audience: DEFAULTS.audience, deadline: "", sort: "" };
  const unfiltered = new Set(words.filter((row) => passes(row, "audience", plain)).map((row) => row.lead)).size;
  // The one filter whose removal brings back the most; else all of them.
  const best = GROUPS.filter((group) => chosen.some(([g]) => g === group)).sort((a, b) => without[b] - without[a])[0];
  const link = emptyRemove.querySelector("a");
  emptyRemove.hidden = true;
  if (best && without[best] > 0) {
    const names = chosen.filter(([g]) => g === best).map(([g, v]) => label(g, v)).join(", ");
    link.textContent = fill(strings.empty_remove, { filter: names, count: without[best].toLocaleString(locale) });
    link.href = hrefOf(cleared(state, best));
    emptyRemove.hidden = false;
  } else if (chosen.length && unfiltered > 0 && !state.q) {
    link.textContent = fill(strings.empty_clear, { count: unfiltered.toLocaleString(locale) });
    link.href = hrefOf(plain);
    emptyRemove.hidden = false;
  }
  emptyWords.hidden = !state.q || !chosen.length || unfiltered === 0;
  if (!emptyWords.hidden) {
    const words = emptyWords.querySelector("a");
    words.textContent = fill(strings.empty_words, { q: state.q, count: unfiltered.toLocaleString(locale) });
    words.href = hrefOf(plain);
  }
}

function decode(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[name]);
}

function excerpt(text) {
  const span = document.createElement("span");
  span.className = "wil-row__excerpt";
  let marked = false;
  for (const part of text.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) {
      const node = marked ? document.createElement("mark") : document.createTextNode(decode(part));
      if (marked) node.textContent = decode(part);
      span.append(node);
    }
  }
  return span;
}


function line(className, text) {
  const span = document.createElement("span");
  span.className = className;
  if (text) span.textContent = text;
  return span;
}

// "Deadline: 15 Jan 2027 Closes in 4 days", "Rolling" or "No deadline", into an element.
function deadlineInto(element, meta) {
  if (meta.deadline) {
    const time = document.createElement("time");
    time.className = "wil-date";
    time.dateTime = meta.deadline;
    time.textContent = dates.format(new Date(`${meta.deadline}T00:00:00Z`));
    element.append(`${strings.deadline}${strings.colon}`, time);
    const left = day(meta.deadline) - TODAY;
    if (left >= 0 && left <= CLOSING_SOON) {
      const soon = document.createElement("strong");
      soon.className = "wil-soon";
      soon.textContent = left === 0 ? strings.closes_today : plural("closes_in", left);
      element.append(" ", soon);
    }
  } else {
    element.append(meta.rolling ? strings.rolling : strings.no_deadline);
  }
  return element;
}

// One result: an opportunity, from its pages' fragments (`pages`, in its row's
// order, the lead first). Its title is the first with a title in the page's
// language (as the lists show it); a row of several pages names each
// institution, with a link to its page and its deadline.
function row(item, pages, words) {
  const grouped = pages.length > 1;
  const head = pages[Math.max(0, pages.findIndex((data) => !(data.meta || {}).lang))];
  const meta = head.meta || {};
  const metas = pages.map((data) => data.meta || {});
  const element = document.createElement("li");
  element.className = grouped ? "wil-row wil-row--group" : "wil-row";
  const link = document.createElement("a");
  link.className = "wil-row__title";
  link.href = head.url;
  link.textContent = meta.title || head.url;
  if (meta.lang) link.lang = meta.lang; // a title shown in the other language says so
  element.append(link);
  const published = metas.map((m) => m.published).filter(Boolean).map(day);
  const first = published.length ? Math.min(...published) : null;
  if (first !== null && TODAY - first <= NEW_DAYS && TODAY >= first) element.append(" ", line("wil-badge", strings.new));
  if (metas.every((m) => m.employers)) element.append(" ", line("wil-badge wil-badge--employers", strings.badge_employers));
  element.append(line("wil-row__who", grouped ? meta.host || "" : [meta.host, meta.who].filter(Boolean).join(" · ")));
  element.append(line("wil-row__facts", meta.facts || ""));
  if (grouped) {
    element.append(line("wil-row__through", strings.offered_through));
    const offers = document.createElement("ul");
    offers.className = "wil-row__offers";
    pages.forEach((data, n) => {
      const entry = document.createElement("li");
      const page = document.createElement("a");
      page.href = data.url;
      page.textContent = metas[n].who || data.url;
      entry.append(page, " · ");
      offers.append(deadlineInto(entry, metas[n]));
    });
    element.append(offers);
    if (item.matched.length < item.group.length) {
      const names = item.group.flatMap((page, n) => (item.matched.includes(page) ? [metas[n].who] : []));
      const count = names.length;
      element.append(line("wil-row__matched", plural("row_matched", count, { institutions: names.join(" · ") })));
    }
  } else {
    element.append(deadlineInto(line("wil-row__deadline"), meta));
  }
  if (metas.every((m) => m.stale)) element.append(line("wil-row__stale", strings.stale_note));
  const best = pages[item.group.indexOf(item.first.row)];
  if (words && best && best.excerpt) element.append(excerpt(best.excerpt));
  return element;
}

// aria-busy stays "true" from the start of a search until its rows are in
// the list, so assistive technology (and the browser tests) never read a
// count next to a list that is still being filled.
async function showMore(run, words) {
  list.setAttribute("aria-busy", "true");
  const slice = current.slice(shown, shown + PAGE);
  const load = (item, page) =>
    page === item.first.row && item.first.result ? item.first.result.data() : fragment(bundle, siteRoot, page.page);
  const items = await Promise.all(slice.map((item) => Promise.all(item.group.map((page) => load(item, page)))));
  if (run !== generation) return;
  slice.forEach((item, n) => list.append(row(item, items[n], words)));
  shown += slice.length;
  more.hidden = shown >= current.length;
  list.setAttribute("aria-busy", "false");
}

async function wordsSearch(q) {
  if (!pagefind) {
    pagefind = await import(bundle.href);
    // noWorker: the index is small enough to search on the main thread, and it
    // saves fetching Pagefind's worker script before the first results.
    await pagefind.options({ baseUrl: siteRoot, noWorker: true });
    await pagefind.init();
  }
  return (await pagefind.search(q)).results;
}

async function search(push) {
  const state = readForm();
  const run = ++generation;
  list.setAttribute("aria-busy", "true");
  if (push !== null) {
    const url = hrefOf(state);
    if (url !== `${location.pathname}${location.search}`) history[push ? "pushState" : "replaceState"](null, "", url);
  }
  followLanguageLinks();
  sortSelect.querySelector("option[value=relevance]").disabled = !state.q;
  const sort = state.sort && (state.sort !== "relevance" || state.q) ? state.sort : defaultSort(state);
  sortSelect.value = sort;
  if (!rows) return;
  let hits;
  if (state.q) {
    const results = await wordsSearch(state.q);
    if (run !== generation) return;
    hits = results.map((result, order) => ({ result, row: byPage.get(result.id), order })).filter((hit) => hit.row);
  } else {
    hits = rows.map((row, order) => ({ row, order }));
  }
  const { counts, without, matching } = facet(
    hits.map((hit) => hit.row),
    state,
  );
  // One result per opportunity, where its first matching page is (the best match, with words).
  const found = [];
  const byLead = new Map();
  for (const hit of hits) {
    if (!matching.has(hit.row)) continue;
    const known = byLead.get(hit.row.lead);
    if (known) {
      known.matched.push(hit.row);
      continue;
    }
    const item = { group: hit.row.group, matched: [hit.row], first: hit, order: hit.order };
    item.deadline = earliest(item.group);
    byLead.set(hit.row.lead, item);
    found.push(item);
  }
  if (sort === "deadline") {
    found.sort((a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || a.order - b.order);
  } else if (sort === "newest") {
    await loadDays();
    if (run !== generation) return;
    // an opportunity was first published when the first of its pages was
    const when = (item) => Math.min(...item.group.map((page) => published[page.index] ?? Infinity));
    const key = (item) => (when(item) === Infinity ? -Infinity : when(item));
    found.sort((a, b) => key(b) - key(a) || a.order - b.order);
  }
  current = found;
  shown = 0;
  list.replaceChildren();
  showCounts(counts);
  showChips(state);
  const n = found.length;
  status.textContent = n === 0 ? strings.results_none : plural("results_found", n);
  showButton.textContent = plural("show_results_n", n);
  empty.hidden = true;
  if (n === 0) showEmpty(state, without, hits.map((hit) => hit.row));
  await showMore(run, Boolean(state.q));
}

// --- the filters' panel: a column on a wide screen, a dialog on a phone ------------------

function place() {
  if (wide.matches) {
    if (dialog.open && dialog.matches(":modal")) dialog.close();
    if (!dialog.open) {
      // show() moves focus into the dialog; as a column beside the results it must not take it from the reader.
      const before = document.activeElement;
      dialog.show();
      if (before && before !== document.body) before.focus({ preventScroll: true });
      else if (dialog.contains(document.activeElement)) document.activeElement.blur();
    }
  } else if (dialog.open && !dialog.matches(":modal")) {
    dialog.close();
  }
}

function clearAll() {
  const state = readForm();
  writeForm(new URLSearchParams(toParams({ q: state.q, filters: {}, audience: DEFAULTS.audience, deadline: "", sort: state.sort })));
  search(true);
}

openButton.addEventListener("click", () => dialog.showModal());
for (const button of [closeButton, showButton]) {
  button.addEventListener("click", () => {
    if (dialog.matches(":modal")) dialog.close();
  });
}
wide.addEventListener("change", place);

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => search(false), 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(true);
});
// A filter ticked low in the column beside the results: the page may have scrolled to reach it,
// so the results' top (count, first rows) is brought back under the header once they are shown.
function keepResultsInView() {
  const header = document.querySelector(".md-header");
  const below = header ? header.getBoundingClientRect().bottom : 0;
  const top = status.closest(".wil-results").getBoundingClientRect().top;
  if (top < below) window.scrollBy({ top: top - below - 8 });
}

form.addEventListener("change", async (event) => {
  if (event.target === sortSelect) chosenSort = sortSelect.value;
  if (event.target === input) return;
  await search(true);
  if (wide.matches && dialog.contains(event.target)) keepResultsInView();
});
clearButton.addEventListener("click", clearAll);
more.addEventListener("click", () => showMore(generation, Boolean(readForm().q)));
window.addEventListener("popstate", () => {
  writeForm(new URLSearchParams(location.search));
  search(null);
});

async function start() {
  writeForm(new URLSearchParams(location.search));
  place();
  status.textContent = strings.loading;
  await loadRows();
  await search(null);
}

start();
