// The capture form's fields: choices from datos.json (brigades, route colonias, services and their
// questions), the kind of record, the location and the photo, and the errors beside each field.
import { $, fmt, root, state, T } from "./brigada-base.js";

const MAX_PHOTO_SIDE = 1280;

// ——— Choices from datos.json ———
export function brigadeNamed(s) {
  return state.datos ? state.datos.brigades.find((b) => b.slug === s) || null : null;
}

function option(value, label, selected) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  if (selected) o.selected = true;
  return o;
}

export function fillBrigades() {
  const select = $("campo-brigade");
  const current = select.value;
  select.textContent = "";
  for (const b of state.datos.brigades) select.append(option(b.slug, b.name, b.slug === current));
  fillColonias();
}

export function fillColonias(extra) {
  const select = $("campo-coloniaId");
  const current = select.value;
  const brigade = brigadeNamed($("campo-brigade").value);
  select.textContent = "";
  select.append(option("", T.chooseColonia, false));
  const seen = new Set();
  for (const stop of brigade ? brigade.route : []) {
    if (seen.has(stop.coloniaId)) continue;
    seen.add(stop.coloniaId);
    select.append(option(String(stop.coloniaId), stop.colonia, String(stop.coloniaId) === current));
  }
  if (extra && !seen.has(extra.id)) select.append(option(String(extra.id), extra.name, true));
}

export function fillServices() {
  const select = $("campo-serviceCode");
  const current = select.value;
  select.textContent = "";
  select.append(option("", T.chooseService, false));
  const groups = new Map();
  for (const s of state.datos.services) {
    if (!groups.has(s.group)) {
      const g = document.createElement("optgroup");
      g.label = s.group;
      groups.set(s.group, g);
      select.append(g);
    }
    groups.get(s.group).append(option(s.code, s.name, s.code === current));
  }
  renderQuestions({});
}

export const serviceNamed = (code) => (state.datos ? state.datos.services.find((s) => s.code === code) || null : null);

/** The service's extra questions (Open311 attributes), as fields named attr:<code>. */
export function renderQuestions(answers) {
  const box = $("atributos");
  box.textContent = "";
  const service = serviceNamed($("campo-serviceCode").value);
  if (!service) return;
  for (const q of service.questions) {
    const id = `campo-attr-${q.code}`;
    const wrap = document.createElement(q.datatype === "multivaluelist" ? "fieldset" : "div");
    wrap.className = q.datatype === "multivaluelist" ? "form-section" : "field";
    wrap.dataset.campo = `attributes.${q.code}`;
    const label = document.createElement(q.datatype === "multivaluelist" ? "legend" : "label");
    label.textContent = q.label + (q.required ? T.required : "");
    if (q.datatype !== "multivaluelist") label.htmlFor = id;
    wrap.append(label);
    if (q.hint) {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.id = `ayuda-attr-${q.code}`;
      hint.textContent = q.hint;
      wrap.append(hint);
    }
    const answer = answers[q.code];
    if (q.datatype === "multivaluelist") {
      wrap.id = id;
      wrap.tabIndex = -1;
      const chosen = Array.isArray(answer) ? answer : [];
      q.values.forEach((v, i) => {
        const row = document.createElement("div");
        row.className = "checkbox";
        row.innerHTML = `<input type="checkbox"><label></label>`;
        const input = row.firstChild;
        input.id = `${id}-${i}`;
        input.name = `attr:${q.code}`;
        input.value = v.key;
        input.checked = chosen.indexOf(v.key) >= 0;
        row.lastChild.htmlFor = input.id;
        row.lastChild.textContent = v.name;
        wrap.append(row);
      });
    } else {
      let input;
      if (q.datatype === "singlevaluelist") {
        input = document.createElement("select");
        input.append(option("", T.choose, false));
        for (const v of q.values) input.append(option(v.key, v.name, v.key === answer));
      } else if (q.datatype === "text") {
        input = document.createElement("textarea");
        input.rows = 3;
        input.value = answer || "";
      } else {
        input = document.createElement("input");
        input.type = q.datatype === "datetime" ? "date" : "text";
        if (q.datatype === "number") input.inputMode = "decimal";
        input.value = typeof answer === "string" ? answer : "";
      }
      input.id = id;
      input.name = `attr:${q.code}`;
      if (q.hint) input.setAttribute("aria-describedby", `ayuda-attr-${q.code}`);
      wrap.append(input);
    }
    box.append(wrap);
  }
}

export function chosenKind() {
  const checked = document.querySelector('#captura input[name="kind"]:checked');
  return checked ? checked.value : "solicitud";
}

export function showKind() {
  const kind = chosenKind();
  for (const part of document.querySelectorAll("#captura [data-solo]")) part.hidden = part.dataset.solo.split(" ").indexOf(kind) < 0;
}

// ——— Location and photo ———
export function setLocation(loc) {
  state.location = loc;
  $("ubicacion-estado").textContent = loc ? fmt(T.located, { m: Math.round(loc.accuracy || 0) }) : root.dataset.noLocation;
}

export function useLocation() {
  if (!navigator.geolocation) {
    $("ubicacion-estado").textContent = T.noGeolocation;
    return;
  }
  $("ubicacion-estado").textContent = T.locating;
  navigator.geolocation.getCurrentPosition(
    (p) => setLocation({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
    () => {
      state.location = null;
      $("ubicacion-estado").textContent = T.locationFailed;
    },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 },
  );
}

/** The photo made at most 1280 px on its longer side and JPEG, as base64 (it is sent so). */
function downscale(file) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
      const canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
      canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      resolve(canvas.toDataURL("image/jpeg", 0.8).split(",")[1]);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error("imagen"));
    };
    img.src = url;
  });
}

/** The photo kept for the record (base64 JPEG) or none, and what the page says about it. */
export function showPhoto(photo) {
  state.photo = photo || null;
  $("foto-estado").textContent = state.photo ? fmt(T.photoReady, { kb: Math.round((state.photo.length * 3) / 4 / 1024) }) : "";
  $("quitar-foto").hidden = !state.photo;
}

export async function takePhoto() {
  const file = $("campo-photo").files[0];
  showPhoto(null);
  if (!file) return;
  try {
    showPhoto(await downscale(file));
  } catch (e) {
    $("foto-estado").textContent = T.photoFailed;
  }
}

// ——— Errors beside the fields ———
const FIELD_IDS = {
  brigade: "campo-brigade", coloniaId: "campo-coloniaId", kind: "campo-kind", serviceCode: "campo-serviceCode", description: "campo-description",
  proposalKind: "campo-proposalKind", title: "campo-title", body: "campo-body", location: "campo-location", photo: "campo-photo", consent: "campo-consent",
  "contact.name": "campo-contact-name", "contact.phone": "campo-contact-phone", "contact.email": "campo-contact-email", paperForm: "campo-paperForm", notes: "campo-notes",
};
const fieldId = (field) => (field.indexOf("attributes.") === 0 ? `campo-attr-${field.slice(11)}` : FIELD_IDS[field] || null);

export function clearErrors() {
  for (const el of document.querySelectorAll("#captura .error-message")) el.remove();
  for (const el of document.querySelectorAll("#captura .field-error")) el.classList.remove("field-error");
  for (const el of document.querySelectorAll("#captura [aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = $("captura-errores");
  summary.hidden = true;
  summary.querySelector("ul").textContent = "";
}

export function showErrors(errors) {
  clearErrors();
  if (!errors.length) return;
  const list = $("captura-errores").querySelector("ul");
  errors.forEach((e, i) => {
    const id = fieldId(e.field);
    const target = id ? $(id) : null;
    const li = document.createElement("li");
    if (target) {
      const a = document.createElement("a");
      a.href = `#${id}`;
      a.textContent = e.message;
      li.append(a);
      const box = target.closest("[data-campo]") || target.parentElement;
      box.classList.add("field-error");
      const p = document.createElement("p");
      p.className = "error-message";
      p.id = `error-brigada-${i}`;
      p.textContent = e.message;
      const label = box.querySelector("label, legend");
      if (label && label.parentElement === box) label.after(p);
      else box.prepend(p);
      if (target.matches("input, select, textarea")) {
        target.setAttribute("aria-invalid", "true");
        target.setAttribute("aria-describedby", [target.getAttribute("aria-describedby"), p.id].filter(Boolean).join(" "));
      }
    } else {
      li.textContent = e.message;
    }
    list.append(li);
  });
  const summary = $("captura-errores");
  summary.hidden = false;
  summary.focus();
}
