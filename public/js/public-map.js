// Public requests map: enhances /:slug/solicitudes. Without JavaScript the list below the map
// still works; the GeoJSON behind the map carries rounded coordinates only.
// Leaflet (script, styles, tiles and the two GeoJSON files: well over 100 KB even compressed) loads
// when the map scrolls into view, so a person who comes to look up a folio on a slow connection
// gets the search form first.
const LEAFLET = "/static/vendor/leaflet/leaflet-src.esm.js";
let L = null;

const el = document.getElementById("mapa-solicitudes");

const STATUS_COLORS = {
  recibida: "#b45309",
  asignada: "#b45309",
  en_proceso: "#1d4ed8",
  atendida: "#15803d",
  cerrada: "#166534",
  rechazada: "#57534e",
  duplicada: "#57534e",
};

async function getJson(url) {
  const res = await fetch(url, { headers: { accept: "application/geo+json, application/json" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

function popup(feature) {
  const p = feature.properties;
  const box = document.createElement("div");
  const link = document.createElement("a");
  link.href = p.url;
  link.textContent = p.folio;
  const text = document.createElement("p");
  text.textContent = p.service;
  box.append(link, text);
  return box;
}

async function start() {
  if (!el) return;
  L = await import(LEAFLET);
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/static/vendor/leaflet/leaflet.css";
  document.head.appendChild(css);
  el.style.minHeight = "24rem";
  const fallback = el.innerHTML;
  el.innerHTML = "";
  const map = L.map(el, { scrollWheelZoom: false });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  }
  try {
    const colonias = await getJson(el.dataset.colonias).catch(() => null);
    let bounds = null;
    if (colonias && colonias.features && colonias.features.length) {
      const layer = L.geoJSON(colonias, { style: { color: "#6b7280", weight: 1, fillOpacity: 0.04 } }).addTo(map);
      bounds = layer.getBounds();
    }
    const requests = await getJson(el.dataset.geojson);
    const points = L.geoJSON(requests, {
      pointToLayer: (feature, latlng) =>
        L.circleMarker(latlng, { radius: 7, color: "#111827", weight: 1, fillColor: STATUS_COLORS[feature.properties.status] || "#374151", fillOpacity: 0.9 }),
      onEachFeature: (feature, layer) => layer.bindPopup(() => popup(feature)),
    }).addTo(map);
    if (requests.features.length) bounds = points.getBounds();
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { maxZoom: 16, padding: [12, 12] });
    else map.setView([23.6, -102.5], 5);
  } catch {
    map.remove();
    el.innerHTML = fallback;
  }
}

function startWhenVisible() {
  if (!el) return;
  if (!("IntersectionObserver" in window)) return void start().catch(() => {});
  const watcher = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      watcher.disconnect();
      start().catch(() => {});
    },
    { rootMargin: "200px" },
  );
  watcher.observe(el);
}

startWhenVisible();
