// The hearing room's public screen: follows the live event stream and redraws the current turn
// and the next waiting numbers. Without JavaScript the page reloads itself every 20 seconds.
const screen = document.getElementById("pantalla");

if (screen && screen.dataset.events) {
  const current = document.getElementById("turno-actual");
  const list = document.getElementById("siguientes");
  const empty = document.getElementById("sin-espera");
  const status = document.getElementById("pantalla-estado");
  const live = document.getElementById("pantalla-aviso");
  const statuses = JSON.parse(screen.dataset.statuses || "{}");
  let shown = current ? current.textContent.trim() : "";

  const draw = (state) => {
    const number = state.currentTurn > 0 ? String(state.currentTurn) : state.status === "en_curso" ? screen.dataset.none || "" : "—";
    if (current && number !== shown) {
      current.textContent = number;
      shown = number;
      if (live && state.currentTurn > 0) {
        // Clearing first makes screen readers repeat an identical message.
        live.textContent = "";
        window.setTimeout(() => {
          live.textContent = (screen.dataset.announce || "{number}").replace("{number}", String(state.currentTurn));
        }, 50);
      }
    }
    if (list) {
      list.replaceChildren(
        ...state.next.map((n) => {
          const item = document.createElement("li");
          item.textContent = String(n);
          return item;
        }),
      );
    }
    if (empty) empty.hidden = state.next.length > 0;
    if (status && statuses[state.status]) status.textContent = statuses[state.status];
  };

  // If the stream cannot be kept (an old browser, a proxy that cuts it), reload as without JavaScript.
  const fallBack = () => window.setTimeout(() => window.location.reload(), 20000);

  if ("EventSource" in window) {
    const source = new EventSource(screen.dataset.events);
    source.addEventListener("turno", (event) => {
      try {
        draw(JSON.parse(event.data));
      } catch {
        /* a damaged message: wait for the next one */
      }
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) fallBack();
    });
  } else {
    fallBack();
  }
}
