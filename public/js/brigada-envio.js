// Sending the phone's records: the status line, datos.json (fresh brigades, services and token),
// and the synchronisation in batches of at most 5 records or about 4 MB. A record leaves the phone
// only when the server answered "creado" or "ya_recibido" for it.
import { $, dropRecord, fmt, local, myRecords, root, saveRecord, state, T } from "./brigada-base.js";

const MAX_BATCH = 5;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** A record in a few words: "Solicitud: Luminaria apagada". */
export function describe(r) {
  const what = r.kind === "solicitud" ? r.serviceName || r.serviceCode : r.kind === "propuesta" ? r.title : T.visit;
  return `${T.kinds[r.kind] || r.kind}: ${what}`;
}

// ——— Status line ———
export async function renderStatus() {
  const { mine, others } = await myRecords();
  const pending = mine.filter((r) => r.status !== "error").length;
  const failed = mine.length - pending;
  const parts = [];
  if (state.syncing) parts.push(T.syncing);
  else if (state.sessionExpired) parts.push(T.sessionExpired);
  else if (state.offline || !navigator.onLine) parts.push(T.offline);
  else if (state.serverError) parts.push(T.serverError);
  else if (state.lastSent) parts.push(fmt(T.synced, { n: state.lastSent }));
  if (!state.datos) parts.push(T.noData);
  parts.push(pending === 0 ? (failed ? "" : T.allSent) : pending === 1 ? T.pendingOne : fmt(T.pendingMany, { n: pending }));
  if (failed) parts.push(failed === 1 ? T.needFixOne : fmt(T.needFix, { n: failed }));
  if (others.length) parts.push(fmt(T.otherAccount, { n: others.length }));
  $("brigada-estado").textContent = parts.filter(Boolean).join(" ");
  let link = $("brigada-sesion");
  if (state.sessionExpired && !link) {
    link = document.createElement("p");
    link.id = "brigada-sesion";
    link.innerHTML = `<a class="button button-primary"></a>`;
    link.firstChild.href = root.dataset.login;
    link.firstChild.textContent = T.login;
    $("brigada-estado").after(link);
  } else if (!state.sessionExpired && link) {
    link.remove();
  }
}

// ——— Synchronisation ———
/** What the server receives: the record without the phone's own bookkeeping. */
function wire(r) {
  return {
    clientId: r.clientId, brigade: r.brigade, kind: r.kind, householdId: r.householdId, capturedAt: r.capturedAt,
    coloniaId: r.coloniaId, location: r.location, serviceCode: r.serviceCode, description: r.description, attributes: r.attributes,
    title: r.title, body: r.body, proposalKind: r.proposalKind, consent: r.consent, contact: r.consent ? r.contact : undefined,
    paperForm: r.paperForm, notes: r.notes, photo: r.photo || undefined,
  };
}

function batches(records) {
  const out = [];
  let current = [];
  let bytes = 0;
  for (const r of records) {
    const size = 2048 + (r.photo ? r.photo.length : 0);
    if (current.length && (current.length >= MAX_BATCH || bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

export async function loadDatos() {
  try {
    const res = await fetch(root.dataset.datos, { credentials: "same-origin", headers: { accept: "application/json" }, cache: "no-store" });
    // The service worker answers from its copy without a connection: the phone's flag says which.
    state.offline = !navigator.onLine;
    if (res.status === 401) state.sessionExpired = true;
    if (res.ok) {
      const datos = await res.json();
      local.set("datos", datos);
      return datos;
    }
  } catch (e) {
    state.offline = true;
  }
  return local.get("datos", null);
}

function post(records) {
  return fetch(root.dataset.sincronizar, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": state.csrf },
    body: JSON.stringify({ records: records.map(wire) }),
  });
}

async function refreshToken() {
  const datos = await loadDatos();
  if (datos && datos.csrfToken) state.csrf = datos.csrfToken;
}

function remember(record, result) {
  const sent = local.get("enviados", []);
  sent.unshift({ what: describe(record), folio: result.folio || result.proposalFolio || "", at: new Date().toISOString() });
  local.set("enviados", sent.slice(0, 30));
}

/** Sends one batch; false when sending must stop (no connection, session over). */
async function send(batch) {
  let res;
  try {
    res = await post(batch);
    if (res.status === 403) {
      // A token older than the cookie (a page from the phone's cache): fetch a fresh one once.
      await refreshToken();
      res = await post(batch);
    }
  } catch (e) {
    state.offline = true;
    return false;
  }
  state.offline = false;
  if (res.status === 401) {
    state.sessionExpired = true;
    return false;
  }
  if (res.status === 413 || res.status >= 500) {
    if (batch.length > 1) {
      // One at a time: a record the server cannot take must not hold back the others.
      for (const r of batch) if (!(await send([r]))) return false;
      return true;
    }
    if (res.status === 413) await saveRecord(Object.assign(batch[0], { status: "error", errors: [{ field: "photo", message: T.tooLarge }] }));
    else state.serverError = true;
    return true;
  }
  if (!res.ok) {
    let detail = T.serverError;
    try {
      detail = (await res.json()).detail || detail;
    } catch (e) {
      /* keep the general message */
    }
    for (const r of batch) await saveRecord(Object.assign(r, { status: "error", errors: [{ field: "general", message: detail }] }));
    return true;
  }
  const body = await res.json();
  for (let i = 0; i < batch.length; i++) {
    const record = batch[i];
    const result = body.results[i];
    if (!result) continue;
    if (result.status === "creado" || result.status === "ya_recibido") {
      await dropRecord(record.clientId);
      remember(record, result);
      state.lastSent += 1;
    } else {
      await saveRecord(Object.assign(record, { status: "error", errors: result.errors || [] }));
    }
  }
  return true;
}

export async function sync() {
  // navigator.onLine false means surely offline (true may still be a dead connection: then the send fails).
  if (state.syncing || !state.datos || !navigator.onLine) return renderStatus();
  const { mine } = await myRecords();
  const waiting = mine.filter((r) => r.status !== "error");
  if (!waiting.length) return renderStatus();
  state.syncing = true;
  state.serverError = false;
  state.lastSent = 0;
  await renderStatus();
  try {
    await refreshToken();
    if (!state.sessionExpired) {
      for (const batch of batches(waiting)) if (!(await send(batch))) break;
    }
  } finally {
    state.syncing = false;
    await renderStatus();
  }
}
