// Live staff queue: listens to the server's event stream and refreshes the rows it names.
// Without JavaScript the queue still works (reload to see changes); this only enhances it.
const table = document.getElementById("cola");

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

if (table && "EventSource" in window && table.dataset.events) {
  const tbody = table.tBodies[0];
  const live = document.getElementById("cola-anuncios");
  const statuses = JSON.parse(table.dataset.statuses || "{}");
  const firstPage = table.dataset.page === "1";
  const rowBase = table.dataset.row;
  const filters = table.dataset.filters || "";

  const announce = (text) => {
    if (!live) return;
    // Clearing first makes screen readers repeat an identical message.
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = text;
    }, 50);
  };

  const refresh = async (message) => {
    const response = await fetch(`${rowBase}${encodeURIComponent(message.folio)}?${filters}`, {
      credentials: "same-origin",
      headers: { accept: "text/html" },
    });
    const existing = document.getElementById(`fila-${message.folio}`);
    if (response.status === 204) {
      // It no longer matches the filters (closed, moved to another department…).
      if (existing) existing.remove();
    } else if (response.ok) {
      const template = document.createElement("template");
      template.innerHTML = (await response.text()).trim();
      const row = template.content.querySelector("tr");
      if (!row) return;
      if (existing) {
        const box = existing.querySelector('input[type="checkbox"]');
        const newBox = row.querySelector('input[type="checkbox"]');
        if (box && newBox) newBox.checked = box.checked;
        existing.replaceWith(row);
      } else if (firstPage) {
        tbody.prepend(row);
        document.getElementById("cola-vacia")?.remove();
      } else {
        return;
      }
      row.classList.add("row-updated");
    } else {
      return;
    }
    const text =
      message.kind === "created"
        ? fill(table.dataset.announceCreated || "{folio}", { folio: message.folio })
        : fill(table.dataset.announceChanged || "{folio}: {status}", { folio: message.folio, status: statuses[message.status] || message.status });
    announce(text);
  };

  const source = new EventSource(table.dataset.events);
  let queue = Promise.resolve();
  source.addEventListener("solicitud", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!message || typeof message.folio !== "string") return;
    // One refresh at a time, in the order the changes happened.
    queue = queue.then(() => refresh(message)).catch(() => {});
  });
}
