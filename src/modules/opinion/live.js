// Live results: while a conversation is open, its results page listens to /eventos and offers a
// reload when a new analysis is stored (no automatic reload: a reader keeps their place).
(function () {
  var status = document.getElementById("estado-analisis");
  if (!status || !window.EventSource) return;
  var url = status.getAttribute("data-eventos");
  if (!url) return;
  var source = new EventSource(url);
  source.addEventListener("analisis", function () {
    status.textContent = status.getAttribute("data-nuevo") + " ";
    var link = document.createElement("a");
    link.href = window.location.pathname + window.location.search;
    link.textContent = status.getAttribute("data-recargar");
    status.appendChild(link);
  });
})();
