// Faceted search over the opportunities, with Pagefind's index.
//
// The page's form is the single source of state: the URL holds the same
// names and values as the form (?q=...&type=co-op&type=internship...), so a
// result list can be shared and the back button restores it. Filter values
// are vocabulary ids, the same in both languages; Pagefind picks the index of
// the page's language (<html lang>), with that language's stemming.
// Every piece of text from the index is inserted with textContent.

const root = document.querySelector("[data-wil-search]");
const form = document.getElementById("wil-search-form");
const input = document.getElementById("wil-search-q");
const status = document.getElementById("wil-search-status");
const list = document.getElementById("wil-search-results");
const more = document.getElementById("wil-search-more");
const clear = document.getElementById("wil-search-clear");
const filtersBox = document.getElementById("wil-filters");
const strings = JSON.parse(root.dataset.strings);

// Every opportunity page carries this word (the page gives it, from
// generator/render/pages.py): searching it, rather than `null`, makes a
// filter-only search fetch one index chunk instead of the whole index.
const EVERY_LISTING = root.dataset.everyListing;
const FACETS = ["type", "sector", "institution", "pay", "arrangement", "audience", "intl", "parttime", "equity", "deadline"];
const PAGE = 15;

let pagefind = null;
let current = [];
let shown = 0;
let generation = 0;

function readForm() {
  const data = new FormData(form);
  const state = { q: (data.get("q") || "").toString().trim(), filters: {} };
  for (const facet of FACETS) {
    const values = data.getAll(facet).map(String).filter(Boolean);
    if (values.length) state.filters[facet] = values;
  }
  return state;
}

function writeForm(params) {
  input.value = params.get("q") || "";
  for (const element of form.elements) {
    if (!FACETS.includes(element.name)) continue;
    const values = params.getAll(element.name);
    if (element.type === "checkbox") element.checked = values.includes(element.value);
    else if (element.tagName === "SELECT") element.value = values[0] || "";
  }
}

function toParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of FACETS) for (const value of state.filters[facet] || []) params.append(facet, value);
  return params;
}

function pagefindFilters(state) {
  const filters = {};
  for (const [facet, values] of Object.entries(state.filters)) filters[facet] = { any: values };
  return filters;
}

function format(template, count) {
  return template.replace("{count}", String(count));
}

function updateCounts(available) {
  for (const element of root.querySelectorAll("[data-count-for]")) {
    const [facet, value] = element.dataset.countFor.split(":");
    const count = available && available[facet] ? available[facet][value] || 0 : 0;
    element.textContent = `(${count})`;
  }
  const active = Object.values(readForm().filters).reduce((n, v) => n + v.length, 0);
  document.getElementById("wil-active-filters").textContent = active ? `(${active})` : "";
}

function row(data) {
  const item = document.createElement("li");
  item.className = "wil-row";
  const link = document.createElement("a");
  link.className = "wil-row__title";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const host = document.createElement("span");
  host.className = "wil-row__host";
  host.textContent = data.meta.host || "";
  const facts = document.createElement("span");
  facts.className = "wil-row__facts";
  facts.textContent = data.meta.facts || "";
  item.append(link, host, facts);
  return item;
}

// aria-busy stays "true" from the start of a search until its rows are in
// the list, so assistive technology (and the browser tests) never read a
// count next to a list that is still being filled.
async function showMore(run) {
  list.setAttribute("aria-busy", "true");
  const slice = current.slice(shown, shown + PAGE);
  const items = await Promise.all(slice.map((result) => result.data()));
  if (run !== generation) return;
  for (const data of items) list.append(row(data));
  shown += slice.length;
  more.hidden = shown >= current.length;
  list.setAttribute("aria-busy", "false");
}

async function search(push) {
  const state = readForm();
  const run = ++generation;
  list.setAttribute("aria-busy", "true");
  if (push !== null) {
    const params = toParams(state).toString();
    const url = `${location.pathname}${params ? "?" + params : ""}`;
    if (url !== `${location.pathname}${location.search}`) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }
  if (!pagefind) return;
  const options = { filters: pagefindFilters(state) };
  if (!state.q) options.sort = { deadline: "asc" };
  const result = await pagefind.search(state.q || EVERY_LISTING, options);
  if (run !== generation || !result) return;
  current = result.results;
  shown = 0;
  list.replaceChildren();
  updateCounts(result.filters);
  const n = current.length;
  status.textContent = n === 0 ? strings.results_none : n === 1 ? strings.results_one : format(strings.results_count, n);
  await showMore(run);
}

let typing = null;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => search(false), 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(true);
});
form.addEventListener("change", (event) => {
  if (event.target !== input) search(true);
});
clear.addEventListener("click", () => {
  for (const element of form.elements) {
    if (element.type === "checkbox") element.checked = false;
    else if (element.tagName === "SELECT") element.value = "";
  }
  search(true);
});
more.addEventListener("click", () => showMore(generation));
window.addEventListener("popstate", () => {
  writeForm(new URLSearchParams(location.search));
  search(null);
});

async function start() {
  const params = new URLSearchParams(location.search);
  writeForm(params);
  if (FACETS.some((facet) => params.has(facet)) || window.matchMedia("(min-width: 60em)").matches) {
    filtersBox.open = true;
  }
  status.textContent = strings.loading;
  pagefind = await import(new URL(root.dataset.bundle, location.href).href);
  // noWorker: the index is small enough to search on the main thread, and it
  // saves fetching Pagefind's worker script before the first results.
  await pagefind.options({ baseUrl: new URL(root.dataset.siteRoot, location.href).pathname, noWorker: true });
  await pagefind.init();
  await search(null);
}

start();
