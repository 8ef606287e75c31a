// Progressive enhancement of the citizen form: a Leaflet map to drop a pin. The pin fills the
// lat/lon inputs, selects the colonia under it and warns about similar open requests nearby.
// Without this script the form works with the colonia list (and typed coordinates).
// Leaflet (its script, styles and tiles: several hundred kilobytes) loads only when the person
// opens the map, so on a slow mobile connection the form is ready to fill seconds earlier.
const LEAFLET = "/static/vendor/leaflet/leaflet-src.esm.js";

const TEXT = {
  "es-MX": {
    open: "Marcar el lugar en un mapa",
    loading: "Cargando el mapa…",
    center: "Marcar el centro del mapa",
    outside: "Ese punto está fuera del municipio. Marque un punto dentro de sus límites.",
    colonia: (name) => `Colonia: ${name}.`,
    noColonia: "No encontramos la colonia de ese punto; elíjala de la lista.",
    similar: (n) => (n === 1 ? "Hay 1 reporte parecido cerca: se lo mostraremos antes de enviar." : `Hay ${n} reportes parecidos cerca: se los mostraremos antes de enviar.`),
    failed: "No se pudo consultar el mapa; puede elegir la colonia de la lista.",
  },
  en: {
    open: "Pin the place on a map",
    loading: "Loading the map…",
    center: "Pin the centre of the map",
    outside: "That point is outside the municipality. Pick a point within its limits.",
    colonia: (name) => `Colonia: ${name}.`,
    noColonia: "We could not find the colonia of that point; choose it from the list.",
    similar: (n) => `There ${n === 1 ? "is 1 similar request" : `are ${n} similar requests`} nearby: we will show ${n === 1 ? "it" : "them"} before sending.`,
    failed: "The map could not be queried; you can choose the colonia from the list.",
  },
};

const el = document.getElementById("mapa-reporte");
if (el) offerMap(el);

function offerMap(el) {
  const text = TEXT[document.documentElement.lang] ?? TEXT["es-MX"];
  const status = document.getElementById("mapa-estado");
  const open = document.createElement("button");
  open.type = "button";
  open.className = "button button-secondary";
  open.textContent = text.open;
  el.insertAdjacentElement("beforebegin", open);
  open.addEventListener("click", async () => {
    open.disabled = true;
    if (status) status.textContent = text.loading;
    try {
      const L = await import(LEAFLET);
      open.remove();
      start(el, L);
      if (status && status.textContent === text.loading) status.textContent = "";
    } catch {
      open.disabled = false;
      if (status) status.textContent = text.failed;
    }
  });
}

function start(el, L) {
  const text = TEXT[document.documentElement.lang] ?? TEXT["es-MX"];
  const form = el.closest("form");
  const latInput = form.querySelector('input[name="lat"]');
  const lonInput = form.querySelector('input[name="lon"]');
  const colonia = form.querySelector('select[name="colonia"]');
  const description = form.querySelector('textarea[name="description"]');
  const status = document.getElementById("mapa-estado");
  const say = (message) => {
    if (status) status.textContent = message;
  };

  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/static/vendor/leaflet/leaflet.css";
  document.head.appendChild(css);
  el.hidden = false;

  L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";
  const map = L.map(el, { scrollWheelZoom: false }).setView([19.4326, -99.1332], 13);
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>' }).addTo(map);

  let marker = null;
  const typed = () => {
    const lat = Number(latInput.value);
    const lon = Number(lonInput.value);
    return latInput.value && lonInput.value && Number.isFinite(lat) && Number.isFinite(lon) ? L.latLng(lat, lon) : null;
  };

  fetch(el.dataset.geojson)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((collection) => {
      const layer = L.geoJSON(collection, {
        style: { color: "#4b5563", weight: 1, fillOpacity: 0.04 },
        onEachFeature: (feature, l) => l.bindTooltip(feature.properties.name, { sticky: true }),
      }).addTo(map);
      if (!marker && layer.getLayers().length) map.fitBounds(layer.getBounds());
    })
    .catch(() => {});

  function place(latlng, { pan = false } = {}) {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
      marker.on("dragend", () => update(marker.getLatLng()));
    } else {
      marker.setLatLng(latlng);
    }
    if (pan) map.setView(latlng, Math.max(map.getZoom(), 16));
    update(latlng);
  }

  let sequence = 0;
  async function update(latlng) {
    const mine = ++sequence;
    latInput.value = latlng.lat.toFixed(6);
    lonInput.value = latlng.lng.toFixed(6);
    const where = `lat=${encodeURIComponent(latInput.value)}&lon=${encodeURIComponent(lonInput.value)}`;
    try {
      const found = await (await fetch(`${el.dataset.lookup}?${where}`, { headers: { accept: "application/json" } })).json();
      if (mine !== sequence) return;
      if (found.insideMunicipality === false) return say(text.outside);
      if (!found.colonia) {
        say(text.noColonia);
      } else if (colonia) {
        let option = [...colonia.options].find((o) => o.value === found.colonia.slug);
        if (!option) {
          option = new Option(found.colonia.name, found.colonia.slug);
          colonia.add(option, 1);
        }
        colonia.value = found.colonia.slug;
        say(text.colonia(found.colonia.name));
      }
      const words = description ? `&text=${encodeURIComponent(description.value.slice(0, 500))}` : "";
      const similar = await fetch(`${el.dataset.similar}?service=${encodeURIComponent(el.dataset.service)}&${where}${words}`, { headers: { accept: "application/json" } });
      if (mine !== sequence || !similar.ok) return;
      const { similar: list } = await similar.json();
      if (list.length) say(`${status.textContent} ${text.similar(list.length)}`);
    } catch {
      if (mine === sequence) say(text.failed);
    }
  }

  map.on("click", (e) => place(e.latlng));

  const center = document.createElement("button");
  center.type = "button";
  center.className = "button button-secondary";
  center.textContent = text.center;
  center.addEventListener("click", () => place(map.getCenter()));
  el.insertAdjacentElement("afterend", center);

  for (const input of [latInput, lonInput]) {
    input.addEventListener("change", () => {
      const ll = typed();
      if (ll) place(ll, { pan: true });
    });
  }
  const start = typed();
  if (start) place(start, { pan: true });
}
