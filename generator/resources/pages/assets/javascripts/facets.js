// The facet table (publish/facets.py) and what every page that lists
// opportunities from it needs: the search page and the embed page.
//
// The table holds every listed opportunity's filter values, one code per
// group, in the order of Pagefind's own page list, which is read here from
// the index metadata; a listing's words to show (title, host, facts) are in
// its Pagefind fragment, fetched only for the rows on screen.
//
// Readers see opportunities: the pages of one opportunity that several
// institutions list are one row (the table's `together`: their positions,
// the lead first). Each page knows its row's pages (`group`, the lead first)
// and its lead; a row matches when any of its pages passes every filter.

import { day, readersDay } from "./dates.js";

export { day, readersDay }; // for the search and embed scripts

// The filter groups come from the page (data-filters: render/filters.py, the
// one list the form and the facet table are made from); `useFilters` sets them
// before anything reads an address or a table.
export let CHECKBOXES = [];
export let GROUPS = ["audience", "deadline"];
export function useFilters(root) {
  CHECKBOXES = JSON.parse(root.dataset.filters || "[]");
  GROUPS = [...CHECKBOXES, "audience", "deadline"];
}
export const DEFAULTS = { audience: "students", deadline: "" };
export const DEADLINES = ["", "14", "30", "90", "rolling"];

// The page's words (from the catalogue, in data-strings): `fill` puts values in a
// message, `plural` picks a plural message's form with the language's rules.
export function words(strings, lang, locale) {
  const rules = new Intl.PluralRules(lang);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
  const plural = (key, count, values = {}) => {
    const forms = strings[key];
    return fill(forms[rules.select(count)] || forms.other, { ...values, count: count.toLocaleString(locale) });
  };
  return { fill, plural };
}

export async function gunzip(response) {
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Just enough CBOR to read Pagefind's page list: [version, [[page, words], ...], ...].
function pageList(bytes) {
  const text = new TextDecoder();
  let at = 12; // "pagefind_dcd"
  function head() {
    const first = bytes[at++];
    const info = first & 31;
    let length = info;
    if (info === 24) length = bytes[at++];
    else if (info === 25) length = (bytes[at++] << 8) | bytes[at++];
    else if (info === 26) length = ((bytes[at++] << 24) >>> 0) + ((bytes[at++] << 16) | (bytes[at++] << 8) | bytes[at++]);
    return [first >> 5, length];
  }
  function item() {
    const [major, length] = head();
    if (major === 0 || major === 1) return length;
    if (major === 2 || major === 3) {
      const value = bytes.subarray(at, at + length);
      at += length;
      return major === 3 ? text.decode(value) : value;
    }
    if (major === 4) return Array.from({ length }, item);
    throw new Error("unexpected data in the search index");
  }
  head(); // the top-level array
  item(); // the version
  return item().map((page) => page[0]);
}

function decodeCodes(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const codes = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "~") {
      codes.push(alphabet.indexOf(text[i + 1]) * 64 + alphabet.indexOf(text[i + 2]));
      i += 2;
    } else {
      codes.push(alphabet.indexOf(text[i]));
    }
  }
  return codes;
}

// The table of one language: { rows, byPage, hash }; a row is one page:
// { page, index, values: {group: [ids]}, deadline: days from `now` or null,
//   group: the pages of its opportunity (itself alone, or the lead first), lead: group[0] }.
// `now` (the reader's day, `readersDay`) may be later than the build's: the
// deadlines count from it, and pages whose deadline has passed since are left
// out (an opportunity goes when all its pages have), counts included.
export async function loadTable(bundle, lang, now = null) {
  const entry = await (await fetch(new URL("pagefind-entry.json", bundle))).json();
  const language = entry.languages[lang] || Object.values(entry.languages)[0];
  const [meta, table] = await Promise.all([
    fetch(new URL(`pagefind.${language.hash}.pf_meta`, bundle)).then(gunzip),
    fetch(new URL(`wil-facets.${language.hash}.json`, bundle)).then((response) => response.json()),
  ]);
  // The table's rows are the first pages of Pagefind's list; a region with
  // nothing open has a bundle of its other pages and a table of no rows.
  const pages = pageList(meta).slice(0, table.rows);
  const columns = {};
  for (const [group, column] of Object.entries(table.groups)) {
    columns[group] = decodeCodes(column.codes).map((code) => column.combos[code]);
  }
  const shift = now === null ? 0 : Math.max(0, now - day(table.today));
  const all = pages.map((page, index) => {
    const values = {};
    for (const group of Object.keys(columns)) values[group] = columns[group][index];
    const deadline = table.deadline[index] === null ? null : table.deadline[index] - shift;
    return { page, index, values, deadline, group: null, lead: null };
  });
  const open = (row) => row.deadline === null || row.deadline >= 0;
  for (const positions of table.together || []) {
    const group = positions.map((n) => all[n]).filter((row) => row && open(row));
    for (const row of group) row.group = group;
  }
  const rows = all.filter(open);
  for (const row of rows) {
    if (!row.group) row.group = [row];
    row.lead = row.group[0];
  }
  return { rows, byPage: new Map(rows.map((row) => [row.page, row])), hash: language.hash };
}

// Days from the build date to each listing's first publication, in row order.
export async function loadPublished(bundle, hash) {
  return (await fetch(new URL(`wil-published.${hash}.json`, bundle))).json();
}

// A listing's words as Pagefind stores them (url, meta: title, host, facts...).
export async function fragment(bundle, siteRoot, page) {
  const bytes = await fetch(new URL(`fragment/${page}.pf_fragment`, bundle)).then(gunzip);
  const data = JSON.parse(new TextDecoder().decode(bytes.subarray(12)));
  data.url = siteRoot.replace(/\/$/, "") + data.url;
  return data;
}

export function withinDeadline(days, choice) {
  if (!choice) return true;
  if (choice === "rolling") return days === null;
  return days !== null && days >= 0 && days <= Number(choice);
}

// Does a row pass one group of a state { filters: {group: [ids]}, audience, deadline }?
export function passes(row, group, state) {
  if (group === "audience") return state.audience === "all" || row.values.audience.includes(state.audience);
  if (group === "deadline") return withinDeadline(row.deadline, state.deadline);
  const chosen = state.filters[group];
  return !chosen || chosen.some((value) => row.values[group].includes(value));
}

// Filters from an address's parameters, as the search page writes them.
export function stateFromParams(params) {
  const filters = {};
  for (const group of CHECKBOXES) {
    const values = params.getAll(group).filter(Boolean);
    if (values.length) filters[group] = values;
  }
  const deadline = params.get("deadline") || DEFAULTS.deadline;
  const audience = params.get("audience") || DEFAULTS.audience;
  return {
    filters,
    audience: ["students", "employers", "all"].includes(audience) ? audience : DEFAULTS.audience,
    deadline: DEADLINES.includes(deadline) ? deadline : DEFAULTS.deadline,
  };
}

// A row's earliest open deadline (days from the build date), null when none has one.
export function earliest(group) {
  let first = null;
  for (const row of group) if (row.deadline !== null && (first === null || row.deadline < first)) first = row.deadline;
  return first;
}

// Does a page pass every group of a state?
export function passesAll(row, state) {
  return GROUPS.every((group) => passes(row, group, state));
}

// Pages as opportunities: the rows (lead pages) any of whose pages is in
// `pages` and passes every filter, in the order of their first such page,
// each as { lead, group, matched: the pages that passed, first: that page }.
export function opportunities(pages, state, test = passesAll) {
  const found = new Map();
  for (const row of pages) {
    if (!test(row, state)) continue;
    const seen = found.get(row.lead);
    if (seen) seen.matched.push(row);
    else found.set(row.lead, { lead: row.lead, group: row.group, matched: [row], first: row });
  }
  return [...found.values()];
}
