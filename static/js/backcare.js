// Site-wide progressive enhancement. Every page works without this file.
(function () {
  "use strict";
  // Sign-up and settings: fill an empty time-zone field from the browser.
  document.querySelectorAll("input[data-browser-timezone]").forEach(function (input) {
    if (input.value) return;
    try {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      /* An old browser: the server falls back to its default zone. */
    }
  });
})();
