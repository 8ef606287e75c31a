// Progressive enhancement of the offices and procedures pages. Without this script every page
// works: the offices list is a table, an office has its address, staff type coordinates, and the
// nearest-office form takes a colonia or typed coordinates.
//  - #mapa-oficinas: every office on a map (data-geojson), each linking to its page.
//  - #mapa-oficina: one office's place (data-lat, data-lon, data-name).
//  - #mapa-ubicacion-oficina: staff drop a pin that fills the form's lat/lon fields.
//  - #usar-mi-ubicacion: the browser's location fills the nearest-office form and sends it.
import * as L from "/static/vendor/leaflet/leaflet-src.esm.js";

const TEXT = {
  "es-MX": {
    center: "Marcar el centro del mapa",
    pinned: (lat, lon) => `Ubicación marcada: ${lat}, ${lon}.`,
    locating: "Buscando su ubicación…",
    denied: "No pudimos obtener su ubicación. Elija su colonia o escriba sus coordenadas.",
    unsupported: "Su navegador no permite usar la ubicación. Elija su colonia o escriba sus coordenadas.",
  },
  en: {
    center: "Pin the centre of the map",
    pinned: (lat, lon) => `Location pinned: ${lat}, ${lon}.`,
    locating: "Finding your location…",
    denied: "We could not get your location. Choose your colonia or type your coordinates.",
    unsupported: "Your browser cannot share its location. Choose your colonia or type your coordinates.",
  },
};
const text = TEXT[document.documentElement.lang] ?? TEXT["es-MX"];
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";

function baseMap(el, options = {}) {
  const map = L.map(el, { scrollWheelZoom: false, ...options });
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
  return map;
}

function popupLink(name, url) {
  const link = document.createElement("a");
  link.href = url;
  link.textContent = name;
  return link;
}

async function allOffices(el) {
  const fallback = el.innerHTML;
  try {
    const res = await fetch(el.dataset.geojson, { headers: { accept: "application/geo+json, application/json" } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const collection = await res.json();
    el.innerHTML = "";
    const map = baseMap(el);
    const layer = L.geoJSON(collection, {
      pointToLayer: (_feature, latlng) => L.circleMarker(latlng, { radius: 8, color: "#111827", weight: 1, fillColor: "#1d4ed8", fillOpacity: 0.9 }),
      onEachFeature: (feature, l) => l.bindPopup(() => popupLink(feature.properties.name, feature.properties.url)),
    }).addTo(map);
    if (collection.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [16, 16] });
    else map.setView([23.6, -102.5], 5);
  } catch {
    el.innerHTML = fallback;
  }
}

function oneOffice(el) {
  const lat = Number(el.dataset.lat);
  const lon = Number(el.dataset.lon);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
  el.innerHTML = "";
  el.style.height = "16rem";
  const map = baseMap(el).setView([lat, lon], 17);
  L.marker([lat, lon], { title: el.dataset.name, alt: el.dataset.name }).addTo(map).bindPopup(el.dataset.name);
}

function pinPicker(el) {
  const form = el.closest("form");
  const latInput = form.querySelector('input[name="lat"]');
  const lonInput = form.querySelector('input[name="lon"]');
  if (!latInput || !lonInput) return;
  el.hidden = false;
  const status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("aria-live", "polite");
  const map = baseMap(el).setView([19.4326, -99.1332], 13);
  if (el.dataset.colonias) {
    fetch(el.dataset.colonias)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((collection) => {
        const layer = L.geoJSON(collection, { style: { color: "#4b5563", weight: 1, fillOpacity: 0.04 } }).addTo(map);
        if (!marker && layer.getLayers().length) map.fitBounds(layer.getBounds());
      })
      .catch(() => {});
  }
  let marker = null;
  const place = (latlng, pan) => {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
      marker.on("dragend", () => fill(marker.getLatLng()));
    } else marker.setLatLng(latlng);
    if (pan) map.setView(latlng, Math.max(map.getZoom(), 16));
    fill(latlng);
  };
  const fill = (latlng) => {
    latInput.value = latlng.lat.toFixed(6);
    lonInput.value = latlng.lng.toFixed(6);
    status.textContent = text.pinned(latInput.value, lonInput.value);
  };
  const typed = () => {
    const lat = Number(latInput.value);
    const lon = Number(lonInput.value);
    return latInput.value && lonInput.value && Number.isFinite(lat) && Number.isFinite(lon) ? L.latLng(lat, lon) : null;
  };
  map.on("click", (e) => place(e.latlng, false));
  const center = document.createElement("button");
  center.type = "button";
  center.className = "button button-secondary";
  center.textContent = text.center;
  center.addEventListener("click", () => place(map.getCenter(), false));
  el.insertAdjacentElement("afterend", status);
  el.insertAdjacentElement("afterend", center);
  for (const input of [latInput, lonInput]) {
    input.addEventListener("change", () => {
      const ll = typed();
      if (ll) place(ll, true);
    });
  }
  const start = typed();
  if (start) place(start, true);
}

function useMyLocation(button) {
  const form = button.closest("form");
  const status = document.getElementById("ubicacion-estado");
  const say = (message) => {
    if (status) status.textContent = message;
  };
  button.hidden = false;
  button.addEventListener("click", () => {
    if (!navigator.geolocation) return say(text.unsupported);
    say(text.locating);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector('input[name="lat"]').value = position.coords.latitude.toFixed(6);
        form.querySelector('input[name="lon"]').value = position.coords.longitude.toFixed(6);
        const colonia = form.querySelector('select[name="colonia"]');
        if (colonia) colonia.value = "";
        form.submit();
      },
      () => say(text.denied),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  });
}

const list = document.getElementById("mapa-oficinas");
if (list) allOffices(list);
const one = document.getElementById("mapa-oficina");
if (one) oneOffice(one);
for (const el of document.querySelectorAll("#mapa-ubicacion-oficina")) pinPicker(el);
const locate = document.getElementById("usar-mi-ubicacion");
if (locate) useMyLocation(locate);
