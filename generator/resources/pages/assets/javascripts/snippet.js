// The "for institutions" page: writes the one line of HTML that puts a
// filtered list of opportunities on another website (the same markup as
// render/pages.py embed_snippet), and shows it in the preview frame.

const form = document.getElementById("wil-snippet");
const code = document.getElementById("wil-snippet-code");
const copy = document.getElementById("wil-snippet-copy");
const copied = document.getElementById("wil-snippet-copied");
const preview = document.getElementById("wil-snippet-preview");
const siteUrl = form.dataset.siteUrl;
const titles = JSON.parse(form.dataset.titles);
const previews = JSON.parse(form.dataset.previews); // the embed page of each language, from this page
const prefixes = JSON.parse(form.dataset.prefixes); // each language's folder from the site's root
const HEIGHT = 560;
const DEFAULT_LIMIT = "10";

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function update() {
  const data = new FormData(form);
  const lang = String(data.get("lang") || document.documentElement.lang);
  const params = new URLSearchParams();
  for (const name of ["institution", "type"]) {
    const value = String(data.get(name) || "");
    if (value) params.set(name, value);
  }
  const limit = String(Math.min(50, Math.max(1, Number.parseInt(String(data.get("limit")), 10) || 10)));
  if (limit !== DEFAULT_LIMIT) params.set("limit", limit);
  const query = params.toString() ? `?${params}` : "";
  const src = `${siteUrl}${prefixes[lang]}embed/${query}`;
  const title = titles[lang][String(data.get("institution") || "")] || titles[lang][""];
  code.value = `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" height="${HEIGHT}" style="border:0;width:100%" loading="lazy"></iframe>`;
  const local = new URL(previews[lang], location.href);
  local.search = query;
  if (preview.src !== local.href) preview.src = local.href;
  preview.title = title;
  copied.textContent = "";
}

form.addEventListener("input", update);
form.addEventListener("change", update);
if (navigator.clipboard) {
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    await navigator.clipboard.writeText(code.value);
    copied.textContent = copied.dataset.done;
  });
}
code.addEventListener("focus", () => code.select());
update();
