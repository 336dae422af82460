// Site-wide progressive enhancement. Every page works without this file.
(function () {
  "use strict";
  var browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    /* An old browser: the server falls back to its default zone. */
  }
  // The phone's header menu (a <details>): a tap outside it or Escape closes it, as menus do.
  var menu = document.querySelector("details.nav-menu");
  if (menu) {
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
  // Sign-up and settings: fill an empty time-zone field from the browser.
  document.querySelectorAll("input[data-browser-timezone]").forEach(function (input) {
    if (!input.value) input.value = browserZone;
  });
  // Sign-up: preselect the country the browser's zone guesses (the page's #timezone-countries,
  // from backcare/urgent_care.py), unless one is chosen already. Without it the select stays as it is.
  var guesses = document.getElementById("timezone-countries");
  if (!guesses || !browserZone) return;
  var countries = JSON.parse(guesses.textContent);
  var country = Object.prototype.hasOwnProperty.call(countries, browserZone) ? countries[browserZone] : "";
  if (!country) return;
  document.querySelectorAll("select[data-country-guess]").forEach(function (select) {
    if (!select.value) select.value = country;
  });
})();
