// Light or dark, as the system is set (Bootstrap 5.3's colour modes, docs/offline.md). Loaded in
// <head> before the page is drawn; follows a change of the system setting while the page is open.
// Printing is always light.
(function () {
  "use strict";
  var root = document.documentElement;
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var printing = false;
  function apply() {
    var dark = !printing && query !== null && query.matches;
    root.setAttribute("data-bs-theme", dark ? "dark" : "light");
    try {
      document.dispatchEvent(new CustomEvent("backcare:theme", { detail: { dark: dark } }));
    } catch (e) {
      /* An old browser without CustomEvent: the page is drawn in the right mode anyway. */
    }
  }
  apply();
  if (query) {
    if (query.addEventListener) query.addEventListener("change", apply);
    else if (query.addListener) query.addListener(apply);
  }
  window.addEventListener("beforeprint", function () { printing = true; apply(); });
  window.addEventListener("afterprint", function () { printing = false; apply(); });
})();
