// The brigade app's basics, shared by its modules: the page's element and texts, the state of
// this page, and the phone's storage — records in IndexedDB, small settings in localStorage.
export const root = document.getElementById("brigada-app");
export const T = JSON.parse((document.getElementById("brigada-textos") || { textContent: "{}" }).textContent);

export const fmt = (text, values) => String(text || "").replace(/\{(\w+)\}/g, (_, k) => (values && k in values ? String(values[k]) : ""));
export const $ = (id) => document.getElementById(id);

// ——— Storage: records in IndexedDB, small settings in localStorage ———
const DB_NAME = "cabildo-brigada";
const STORE = "registros";
let dbPromise = null;

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "clientId" });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }
  return dbPromise;
}

async function withStore(mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const allRecords = () => withStore("readonly", (s) => s.getAll());
export const saveRecord = (record) => withStore("readwrite", (s) => s.put(record));
export const dropRecord = (clientId) => withStore("readwrite", (s) => s.delete(clientId));

export const slug = root ? root.dataset.slug : "";
export const local = {
  get(name, fallback) {
    try {
      const v = localStorage.getItem(`brigada:${slug}:${name}`);
      return v === null ? fallback : JSON.parse(v);
    } catch (e) {
      return fallback;
    }
  },
  set(name, value) {
    try {
      localStorage.setItem(`brigada:${slug}:${name}`, JSON.stringify(value));
    } catch (e) {
      /* a full storage only loses the convenience copy */
    }
  },
};

export function uuid() {
  if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.prototype.map.call(b, (x) => (x + 0x100).toString(16).slice(1)).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ——— State ———
export const state = {
  datos: null,
  csrf: root ? root.dataset.csrf : "",
  syncing: false,
  offline: !navigator.onLine,
  sessionExpired: false,
  serverError: false,
  lastSent: 0,
  editing: null,
  location: null,
  photo: null,
};

/** This account's records on the phone, and those other accounts left on it. */
export async function myRecords() {
  const account = state.datos ? state.datos.account.id : null;
  // In the order they were captured (IndexedDB gives them by id): sent, and listed, in that order.
  const all = (await allRecords()).filter((r) => r.slug === slug).sort((a, b) => (a.capturedAt < b.capturedAt ? -1 : a.capturedAt > b.capturedAt ? 1 : 0));
  return { mine: all.filter((r) => r.owner === account), others: all.filter((r) => r.owner !== account) };
}
