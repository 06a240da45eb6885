// "Which WIL fits my business?" (the chooser) and the one door for employers
// ("Tell the region about your project", on the chooser and the employers' guide).
//
// The chooser's rules live in the data (schema/vocabularies.yaml, host_profiles):
// a format fits when the kind of organisation may host it (service learning
// serves community organisations), the employer can give at least its time, spend its cost,
// start within its lead time, supervise at its level, and, for remote-only
// employers, when it can be done remotely. Nothing is chosen in advance: with
// no answer nothing is recommended; with some answers, the formats that fit
// those. The answers are kept in the URL so a recommendation can be shared;
// unknown parameters and values that are not an answer are ignored.
//
// The door writes the employer's answers into a mailto: link to the region's
// contact, in the page's language (words from the catalogues, in the page's
// JSON). Text is inserted with textContent only; the link's subject and body
// are encoded with encodeURIComponent.

const QUESTIONS = ["kind", "time", "cost", "place", "lead", "size"];
const BEST = 3; // the formats shown first; the others fit too, behind "more formats"
const SUPERVISION_BY_SIZE = { 1: 2, 2: 3, 3: 3 };

function readJson(id) {
  const element = document.getElementById(id);
  if (!element) return null;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return null;
  }
}

// "{name}" placeholders filled in one pass (a value holding braces stays as is).
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

const chooser = readJson("wil-chooser-data");
const door = readJson("wil-door-data");
const chooserForm = document.getElementById("wil-chooser-form");

// --- the chooser ------------------------------------------------------------

function answers() {
  const out = {};
  if (!chooserForm) return out;
  for (const name of QUESTIONS) {
    const checked = chooserForm.querySelector(`input[type="radio"][name="${name}"]:checked`);
    if (checked) out[name] = checked.value;
  }
  return out;
}

function answerText(name) {
  const checked = chooserForm.querySelector(`input[type="radio"][name="${name}"]:checked`);
  const label = checked && checked.closest("label");
  return label ? label.textContent.trim() : "";
}

function fits(format, a) {
  return (
    (a.kind === undefined || format.hosts.includes(a.kind)) &&
    (a.time === undefined || format.time <= Number(a.time)) &&
    (a.cost === undefined || format.cost <= Number(a.cost)) &&
    (a.lead === undefined || format.lead <= Number(a.lead)) &&
    (a.size === undefined || format.supervision <= SUPERVISION_BY_SIZE[a.size]) &&
    (a.place !== "remote" || format.remote)
  );
}

function matching(a) {
  return Object.keys(a).length ? chooser.formats.filter((format) => fits(format, a)) : [];
}

function plural(forms, count) {
  const rule = new Intl.PluralRules(chooser.locale).select(count);
  return fill(rule === "one" ? forms.one : forms.other, { count });
}

function reasons(format, a) {
  const words = chooser.words;
  const out = [
    fill(words.why_time, { value: format.time_text }),
    fill(words.why_cost, { value: format.cost_text }),
    fill(words.why_lead, { value: words[`lead_${format.lead}`].toLowerCase() }),
  ];
  if (a.place === "remote" || format.remote) out.push(words.why_remote);
  if (a.size === "1") out.push(words.why_supervision);
  return out;
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function card(format, a) {
  const words = chooser.words;
  const item = element("li");
  item.dataset.format = format.id;
  const heading = element("h3");
  heading.append(element("a", format.label, { href: format.page }), document.createTextNode(`${words.colon}${format.summary}`));
  const why = element("ul", undefined, { class: "wil-why" });
  for (const reason of reasons(format, a)) why.append(element("li", reason));
  const links = element("p");
  const open = element("a", fill(words.label_value, { label: words.open_opportunities, value: format.open }), {
    href: format.page,
  });
  open.dataset.openCount = String(format.open);
  links.append(open, document.createTextNode(" · "), element("a", words.learn_more, { href: format.guide }));
  const offices = element("div", undefined, { class: "wil-offices" });
  offices.append(element("h4", words.run_by));
  if (format.offices.length) {
    const list = element("ul");
    for (const office of format.offices) {
      const li = element("li");
      li.dataset.institution = office.id;
      li.append(
        element("a", office.name, { href: office.page }),
        document.createTextNode(" · "),
        element("a", office.office, { href: `mailto:${office.email}` }),
      );
      list.append(li);
    }
    offices.append(list);
  } else {
    const none = element("p");
    none.append(element("a", words.run_by_none, { href: "#tell-the-region" }));
    offices.append(none);
  }
  item.append(heading, element("p", format.definition), why, links, offices);
  return item;
}

function recommend(focus) {
  const words = chooser.words;
  const a = answers();
  const answered = Object.keys(a).length;
  const matches = matching(a);
  const list = document.getElementById("wil-chooser-list");
  const status = document.getElementById("wil-chooser-status");
  // The lightest formats that fit come first (the data's order, lightest
  // commitment first), each with why; the others behind a disclosure.
  list.replaceChildren(...matches.slice(0, BEST).map((format) => card(format, a)));
  const more = document.getElementById("wil-chooser-more");
  const rest = matches.slice(BEST);
  document.getElementById("wil-chooser-more-list").replaceChildren(...rest.map((format) => card(format, a)));
  document.getElementById("wil-chooser-more-summary").textContent = rest.length ? plural(words.more_formats_n, rest.length) : "";
  more.hidden = !rest.length;
  if (!answered) status.textContent = words.chooser_answer_first;
  else if (!matches.length) status.textContent = words.no_recommendation;
  else if (answered < QUESTIONS.length) status.textContent = plural(words.formats_fit_partial_n, matches.length);
  else status.textContent = plural(words.formats_fit_n, matches.length);
  updateDoor();
  if (focus) document.getElementById("wil-chooser-results").focus();
}

function restore() {
  const params = new URLSearchParams(location.search);
  for (const name of QUESTIONS) {
    const value = params.get(name);
    for (const radio of chooserForm.querySelectorAll(`input[type="radio"][name="${name}"]`)) {
      radio.checked = radio.value === value;
    }
  }
}

function answersUrl() {
  const query = new URLSearchParams(answers()).toString();
  return query ? `${location.pathname}?${query}` : location.pathname;
}

if (chooser && chooserForm) {
  chooserForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = answersUrl();
    if (url !== location.pathname + location.search) history.pushState(null, "", url);
    recommend(true);
  });
  chooserForm.addEventListener("change", () => {
    history.replaceState(null, "", answersUrl());
    recommend(false);
  });
  window.addEventListener("popstate", () => {
    restore();
    recommend(false);
  });
  restore();
  recommend(false);
}

// --- the one door -----------------------------------------------------------

function selectedText(select) {
  const option = select.selectedOptions[0];
  return option && select.value ? option.textContent.trim() : "";
}

function updateDoor() {
  const form = document.getElementById("wil-door-form");
  const send = document.getElementById("wil-door-send");
  if (!door || !form || !send) return;
  const words = door.words;
  const field = (name) => form.elements[name].value.trim();
  const sector = selectedText(form.elements.sector);
  const unit = form.elements.unit.selectedOptions[0].textContent.trim();
  // Only what was filled in: an empty field says nothing rather than "not yet
  // specified (hours per week)".
  const given = [
    ["org", field("org")],
    ["person", field("person")],
    ["phone", field("phone")],
    ["what", field("what")],
    ["when", field("when")],
  ]
    .filter(([, value]) => value)
    .map(([name, value]) => fill(words[name], { value }));
  if (field("amount")) given.push(fill(words.time, { amount: field("amount"), unit }));
  if (sector) given.push(fill(words.sector, { value: sector }));
  const lines = [words.hello, "", words.intro, "", ...given];
  if (chooser && chooserForm) {
    const a = answers();
    if (Object.keys(a).length) {
      lines.push("", words.answers);
      for (const name of QUESTIONS) {
        if (a[name] !== undefined) {
          lines.push(`- ${fill(words.label_value, { label: words[`q_${name}`], value: answerText(name) })}`);
        }
      }
      const matches = matching(a);
      if (matches.length) lines.push(fill(words.fits, { value: matches.map((format) => format.label).join(", ") }));
    }
  }
  lines.push("", words.ask, "", fill(words.from, { value: location.href }));
  const subject = [sector ? fill(words.subject_sector, { sector }) : words.subject, field("org")].filter(Boolean).join(" – ");
  const address = encodeURIComponent(door.email).replace("%40", "@");
  send.href = `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(lines.join("\r\n"))}`;
}

if (door) {
  const form = document.getElementById("wil-door-form");
  if (form) {
    form.addEventListener("input", updateDoor);
    form.addEventListener("change", updateDoor);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      updateDoor();
    });
    updateDoor();
  }
}
