// The home-screen app, in the page (docs/offline.md): registers the service worker
// (static/js/sw.js, served as /sw.js), tells it who is signed in here, says so when the page is
// the copy of Today kept on this phone, and forgets the kept pages on logging out.
// Without service workers (or without this script) every page works as before, online.
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };
  var script = document.currentScript;
  var body = document.body;
  var user = body ? body.getAttribute("data-sw-user") || "" : "";

  // A copy of Today kept on this phone, shown because the network failed: say so at the top.
  var saved = body ? body.getAttribute("data-offline-copy") : null;
  if (saved !== null) {
    var note = document.createElement("div");
    note.className = "alert alert-warning offline-copy-note";
    note.setAttribute("role", "status");
    note.setAttribute("data-testid", "offline-copy-note");
    var date = saved ? new Date(saved) : null;
    if (date && !isNaN(date.getTime())) {
      // The day and time in the page's language ("Sun 19:30", "dom 19:30").
      var when = date.toLocaleString(document.documentElement.lang || [], { weekday: "short", hour: "2-digit", minute: "2-digit" });
      note.textContent = interpolate(gettext("No connection: this is Today as this phone last saw it on %(when)s."), { when: when }, true);
    } else {
      note.textContent = gettext("No connection: this is Today as this phone last saw it.");
    }
    var main = document.getElementById("main");
    if (main) main.insertBefore(note, main.firstChild);
  }

  if (!("serviceWorker" in navigator) || !script) return;
  var workerUrl = script.getAttribute("data-worker");
  if (!workerUrl) return;

  // Forget the pages kept for the signed-in user: the worker does too, when the logout passes it.
  function forgetPages() {
    if (!window.caches) return Promise.resolve();
    return window.caches.keys().then(function (names) {
      return Promise.all(
        names
          .filter(function (name) { return name.indexOf("backcare-user-") === 0 || name === "backcare-meta"; })
          .map(function (name) { return window.caches.delete(name); })
      );
    });
  }

  var logout = document.getElementById("logout-form");
  if (logout) {
    logout.addEventListener("submit", function (event) {
      if (logout.getAttribute("data-forgotten") === "true") return;
      event.preventDefault();
      var sent = false;
      function send() {
        if (sent) return;
        sent = true;
        logout.setAttribute("data-forgotten", "true");
        logout.submit();
      }
      // Never hold a logout up for long: the worker forgets the pages on the way out as well.
      window.setTimeout(send, 1500);
      forgetPages().then(send, send);
    });
  }

  // The very first page of a phone came from the network before any worker ran, so the worker
  // never saw it: on the first Today it asks for a copy (once; the worker checks the page is Today).
  var firstLoad = !navigator.serviceWorker.controller && saved === null;

  navigator.serviceWorker.register(workerUrl).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    // A signed-in page tells the worker whose pages it may keep (and that another user's go).
    if (user && registration.active) {
      registration.active.postMessage({ type: "user", user: user });
      if (firstLoad) registration.active.postMessage({ type: "keep-today" });
    }
  }).catch(function () {
    /* No worker (a private window, storage off): the site works online as before. */
  });
})();
