// The brigade app (/:slug/brigada/): captures requests, proposals and visits door to door, keeps
// them in the phone (IndexedDB) and sends them in batches when there is a connection. Each record
// carries an id made on the phone: the server stores it once however many times it is sent, so a
// record leaves the phone only after the server said "creado" or "ya_recibido" for it.
// Plain ES2019 for cheap Android phones; no framework. Texts come from the page (#brigada-textos).
import { $, local, myRecords, root, saveRecord, dropRecord, slug, state, T, fmt, uuid } from "./brigada-base.js";
import {
  brigadeNamed, chosenKind, clearErrors, fillBrigades, fillColonias, fillServices, renderQuestions, serviceNamed, setLocation, showErrors, showKind, showPhoto, takePhoto, useLocation,
} from "./brigada-campos.js";
import { describe, loadDatos, renderStatus, sync as send } from "./brigada-envio.js";

const RETRY_MS = 60 * 1000;

// ——— Household ———
function household() {
  let h = local.get("vivienda", null);
  if (!h || !h.id) {
    h = { id: uuid(), n: 1 };
    local.set("vivienda", h);
  }
  return h;
}

function renderHousehold() {
  $("vivienda-actual").textContent = fmt(T.household, { n: household().n });
}

// ——— Capture ———
function readForm() {
  const form = $("captura");
  const kind = chosenKind();
  const brigade = $("campo-brigade").value;
  const colonia = $("campo-coloniaId");
  const attributes = {};
  const service = serviceNamed($("campo-serviceCode").value);
  for (const q of service ? service.questions : []) {
    if (q.datatype === "multivaluelist") {
      const values = Array.prototype.filter.call(form.querySelectorAll(`input[name="attr:${q.code}"]`), (i) => i.checked).map((i) => i.value);
      if (values.length) attributes[q.code] = values;
    } else {
      const v = form.elements[`attr:${q.code}`].value.trim();
      if (v) attributes[q.code] = v;
    }
  }
  const consent = $("campo-consent").checked;
  return {
    brigade,
    kind,
    coloniaId: colonia.value ? Number(colonia.value) : null,
    coloniaName: colonia.value ? colonia.options[colonia.selectedIndex].textContent : "",
    location: state.location,
    serviceCode: kind === "solicitud" ? $("campo-serviceCode").value : "",
    serviceName: kind === "solicitud" && service ? service.name : "",
    description: kind === "solicitud" ? $("campo-description").value.trim() : "",
    attributes: kind === "solicitud" ? attributes : {},
    title: kind === "propuesta" ? $("campo-title").value.trim() : "",
    body: kind === "propuesta" ? $("campo-body").value.trim() : "",
    proposalKind: $("campo-proposalKind").value,
    consent,
    contact: consent ? { name: $("campo-contact-name").value.trim(), phone: $("campo-contact-phone").value.trim(), email: $("campo-contact-email").value.trim() } : {},
    paperForm: $("campo-paperForm").value.trim(),
    notes: $("campo-notes").value.trim(),
    photo: kind === "visita" ? null : state.photo,
  };
}

/** The mistakes the phone can see by itself (the server checks everything again). */
function check(r) {
  const errors = [];
  const brigade = brigadeNamed(r.brigade);
  if (r.coloniaId === null && !r.location) errors.push({ field: "coloniaId", message: T.errColonia });
  if (r.kind === "solicitud") {
    const service = serviceNamed(r.serviceCode);
    if (!service) errors.push({ field: "serviceCode", message: T.errService });
    if (r.description.length < 5) errors.push({ field: "description", message: T.errDescription });
    if (service) {
      for (const q of service.questions) if (q.required && !r.attributes[q.code]) errors.push({ field: `attributes.${q.code}`, message: fmt(T.errQuestion, { label: q.label }) });
      if (service.locationRequired && !r.location) errors.push({ field: "location", message: fmt(T.errLocation, { name: service.name }) });
      if (service.photoRequired && !r.photo) errors.push({ field: "photo", message: fmt(T.errPhoto, { name: service.name }) });
    }
  }
  if (r.kind === "propuesta") {
    if (brigade && !brigade.proposals) errors.push({ field: "kind", message: fmt(T.errProposals, { name: brigade.name }) });
    else if (brigade && !brigade.proposals.open) errors.push({ field: "kind", message: fmt(T.errProposalsClosed, { process: brigade.proposals.process }) });
    if (r.title.length < 5) errors.push({ field: "title", message: T.errTitle });
    if (r.body.length < 15) errors.push({ field: "body", message: T.errBody });
  }
  if (r.consent && !r.contact.phone && !r.contact.email) errors.push({ field: "contact.phone", message: T.errContact });
  return errors;
}

function resetForm() {
  const keep = { brigade: $("campo-brigade").value, colonia: $("campo-coloniaId").value };
  $("captura").reset();
  $("campo-brigade").value = keep.brigade;
  fillColonias();
  $("campo-coloniaId").value = keep.colonia;
  state.editing = null;
  setLocation(null);
  showPhoto(null);
  $("contacto").hidden = true;
  $("cancelar-edicion").hidden = true;
  renderQuestions({});
  showKind();
  clearErrors();
}

async function capture(event) {
  event.preventDefault();
  const values = readForm();
  const errors = check(values);
  if (errors.length) {
    showErrors(errors);
    return;
  }
  const previous = state.editing;
  const h = household();
  const record = Object.assign(values, {
    clientId: previous ? previous.clientId : uuid(),
    householdId: previous ? previous.householdId : h.id,
    capturedAt: previous ? previous.capturedAt : new Date().toISOString(),
    slug,
    owner: state.datos.account.id,
    status: "pendiente",
    errors: [],
  });
  await saveRecord(record);
  resetForm();
  $("brigada-estado").textContent = T.saved;
  await renderLists();
  sync();
}

function edit(record) {
  state.editing = record;
  $("campo-brigade").value = record.brigade;
  fillColonias(record.coloniaId ? { id: record.coloniaId, name: record.coloniaName } : null);
  $("campo-coloniaId").value = record.coloniaId ? String(record.coloniaId) : "";
  const radio = $(`campo-kind-${record.kind}`);
  if (radio) radio.checked = true;
  showKind();
  $("campo-serviceCode").value = record.serviceCode || "";
  renderQuestions(record.attributes || {});
  $("campo-description").value = record.description || "";
  $("campo-proposalKind").value = record.proposalKind || "propuesta";
  $("campo-title").value = record.title || "";
  $("campo-body").value = record.body || "";
  setLocation(record.location);
  showPhoto(record.photo);
  $("campo-consent").checked = !!record.consent;
  $("contacto").hidden = !record.consent;
  $("campo-contact-name").value = (record.contact && record.contact.name) || "";
  $("campo-contact-phone").value = (record.contact && record.contact.phone) || "";
  $("campo-contact-email").value = (record.contact && record.contact.email) || "";
  $("campo-paperForm").value = record.paperForm || "";
  $("campo-notes").value = record.notes || "";
  $("cancelar-edicion").hidden = false;
  showErrors(record.errors || []);
  $("brigada-estado").textContent = T.editing;
  if (!(record.errors || []).length) $("captura-titulo").scrollIntoView();
}

// ——— Lists ———
const when = (iso) => new Date(iso).toLocaleString(document.documentElement.lang || "es-MX", { dateStyle: "medium", timeStyle: "short" });

async function renderLists() {
  const { mine } = await myRecords();
  const list = $("pendientes");
  list.textContent = "";
  for (const r of mine) {
    const li = document.createElement("li");
    li.className = r.status === "error" ? "brigada-error" : "brigada-pendiente";
    li.dataset.clientId = r.clientId;
    const title = document.createElement("strong");
    title.textContent = describe(r);
    const info = document.createElement("p");
    info.textContent = [r.coloniaName, fmt(T.captured, { when: when(r.capturedAt) }), r.status === "error" ? T.statusError : T.statusPending].filter(Boolean).join(" · ");
    li.append(title, info);
    if (r.errors && r.errors.length) {
      const ul = document.createElement("ul");
      for (const e of r.errors) {
        const item = document.createElement("li");
        item.textContent = e.message;
        ul.append(item);
      }
      li.append(ul);
    }
    const fix = document.createElement("button");
    fix.type = "button";
    fix.className = "button button-secondary";
    fix.textContent = T.fix;
    fix.setAttribute("aria-label", `${T.fix}: ${describe(r)}`);
    fix.addEventListener("click", () => edit(r));
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button button-danger";
    discard.textContent = T.discard;
    discard.setAttribute("aria-label", `${T.discard}: ${describe(r)}`);
    discard.addEventListener("click", async () => {
      if (!window.confirm(T.confirmDiscard)) return;
      await dropRecord(r.clientId);
      await renderLists();
    });
    const actions = document.createElement("p");
    actions.className = "brigada-acciones";
    actions.append(fix, " ", discard);
    li.append(actions);
    list.append(li);
  }
  $("pendientes-vacio").hidden = mine.length > 0;
  const sent = local.get("enviados", []);
  const done = $("enviados");
  done.textContent = "";
  for (const s of sent) {
    const li = document.createElement("li");
    li.textContent = [s.what, s.folio ? fmt(T.folio, { folio: s.folio }) : "", when(s.at)].filter(Boolean).join(" · ");
    done.append(li);
  }
  $("enviados-vacio").hidden = sent.length > 0;
  await renderStatus();
}

/** Sends what waits, then shows the lists as they are now. */
async function sync() {
  await send();
  await renderLists();
}

// ——— Start ———
async function start() {
  root.hidden = false;
  root.dataset.noLocation = $("ubicacion-estado").textContent;
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope }).catch(() => undefined);
  state.datos = await loadDatos();
  if (state.datos && state.datos.csrfToken) state.csrf = state.datos.csrfToken;
  const hasBrigades = !!(state.datos && state.datos.brigades.length);
  $("sin-brigadas").hidden = !state.datos || hasBrigades;
  $("captura-seccion").hidden = !hasBrigades;
  if (hasBrigades) {
    fillBrigades();
    fillServices();
  }
  renderHousehold();
  showKind();
  $("captura").addEventListener("submit", capture);
  $("campo-brigade").addEventListener("change", () => fillColonias());
  $("campo-serviceCode").addEventListener("change", () => renderQuestions({}));
  for (const radio of document.querySelectorAll('#captura input[name="kind"]')) radio.addEventListener("change", showKind);
  $("usar-ubicacion").addEventListener("click", useLocation);
  $("campo-photo").addEventListener("change", takePhoto);
  $("quitar-foto").addEventListener("click", () => {
    $("campo-photo").value = "";
    showPhoto(null);
  });
  $("campo-consent").addEventListener("change", () => {
    $("contacto").hidden = !$("campo-consent").checked;
  });
  $("nueva-vivienda").addEventListener("click", () => {
    local.set("vivienda", { id: uuid(), n: household().n + 1 });
    renderHousehold();
    $("brigada-estado").textContent = $("vivienda-actual").textContent;
  });
  $("cancelar-edicion").addEventListener("click", resetForm);
  $("sincronizar").addEventListener("click", () => sync());
  window.addEventListener("online", () => {
    state.offline = false;
    sync();
  });
  window.addEventListener("offline", () => {
    state.offline = true;
    renderStatus();
  });
  window.setInterval(() => {
    if (navigator.onLine) sync();
  }, RETRY_MS);
  await renderLists();
  sync();
}

if (root) start();
