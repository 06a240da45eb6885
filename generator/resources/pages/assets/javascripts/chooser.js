// "Which WIL fits my business?": recommends formats from five answers.
//
// The rules live in the data (schema/vocabularies.yaml, host_profiles): a
// format fits when the employer can give at least its time, spend its cost,
// start within its lead time, supervise at its level, and, for remote-only
// employers, when it can be done remotely. The answers are kept in the URL
// so a recommendation can be shared. Text is inserted with textContent.

const data = JSON.parse(document.getElementById("wil-chooser-data").textContent);
const form = document.getElementById("wil-chooser-form");
const list = document.getElementById("wil-chooser-list");
const status = document.getElementById("wil-chooser-status");
const words = data.words;
const SUPERVISION_BY_SIZE = { 1: 2, 2: 3, 3: 3 };

function answers() {
  const get = (name) => (form.querySelector(`input[name="${name}"]:checked`) || {}).value;
  return {
    time: Number(get("time")),
    cost: Number(get("cost")),
    place: get("place"),
    lead: Number(get("lead")),
    size: Number(get("size")),
  };
}

function fits(format, a) {
  return (
    format.time <= a.time &&
    format.cost <= a.cost &&
    format.lead <= a.lead &&
    format.supervision <= SUPERVISION_BY_SIZE[a.size] &&
    (a.place !== "remote" || format.remote)
  );
}

function reasons(format, a) {
  const out = [
    words.why_time.replace("{value}", words[`time_${format.time}`].toLowerCase()),
    words.why_cost.replace("{value}", words[`cost_${format.cost}`].toLowerCase()),
    words.why_lead.replace("{value}", words[`lead_${format.lead}`].toLowerCase()),
  ];
  if (a.place === "remote" || format.remote) out.push(words.why_remote);
  if (a.size === 1) out.push(words.why_supervision);
  return out;
}

function card(format, a) {
  const item = document.createElement("li");
  item.dataset.format = format.id;
  const heading = document.createElement("h3");
  const link = document.createElement("a");
  link.href = format.page;
  link.textContent = format.label;
  heading.append(link, document.createTextNode(`: ${format.summary}`));
  const definition = document.createElement("p");
  definition.textContent = format.definition;
  const why = document.createElement("ul");
  why.className = "wil-why";
  for (const reason of reasons(format, a)) {
    const li = document.createElement("li");
    li.textContent = reason;
    why.append(li);
  }
  const links = document.createElement("p");
  const open = document.createElement("a");
  open.href = format.search;
  open.textContent = words.see_open.replace("{count}", String(format.open_for_employers));
  const page = document.createElement("a");
  page.href = format.page;
  page.textContent = words.learn_more;
  const contact = document.createElement("a");
  contact.href = data.contacts;
  contact.textContent = "✉";
  contact.setAttribute("aria-label", document.querySelector("#contacts").textContent);
  links.append(open, document.createTextNode(" · "), page, document.createTextNode(" · "), contact);
  item.append(heading, definition, why, links);
  return item;
}

function recommend(focus) {
  const a = answers();
  const matches = data.formats.filter((format) => fits(format, a));
  list.replaceChildren(...matches.map((format) => card(format, a)));
  status.textContent = matches.length ? words.formats_fit.replace("{count}", String(matches.length)) : words.no_recommendation;
  if (focus) document.getElementById("wil-chooser-results").focus();
}

function restore() {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) {
    const radio = form.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
    if (radio) radio.checked = true;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.pushState(null, "", `${location.pathname}?${new URLSearchParams(new FormData(form))}`);
  recommend(true);
});
form.addEventListener("change", () => {
  history.replaceState(null, "", `${location.pathname}?${new URLSearchParams(new FormData(form))}`);
  recommend(false);
});
window.addEventListener("popstate", () => {
  restore();
  recommend(false);
});

restore();
recommend(false);
