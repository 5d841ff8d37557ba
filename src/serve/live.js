// dossier serve: reloads the page when the site was rebuilt, and shows the errors of a failed
// build over it. Injected by `dossier serve` into the pages it serves; never part of a built site.
(() => {
  const token = document.currentScript?.dataset.token ?? "";
  const events = new EventSource(`/__dossier/events?since=${encodeURIComponent(token)}`);
  const overlay = () => document.getElementById("dossier-overlay");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("errors", (event) => {
    overlay()?.remove();
    document.body.insertAdjacentHTML("beforeend", event.data);
  });
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-dossier-dismiss]")) {
      overlay()?.remove();
    }
  });
})();
