// Type to filter a long time-zone select (settings): the options that do not match are hidden,
// and a region without a match is hidden with them. Without JavaScript the select works as it is.
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };
  document.querySelectorAll("select[data-zone-filter]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control mb-2";
    input.placeholder = gettext("Type a city to filter, e.g. Lisbon");
    input.setAttribute("aria-label", gettext("Filter the time zones"));
    input.setAttribute("data-testid", "zone-filter");
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase().replace(/_/g, " ");
      select.querySelectorAll("optgroup").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("option").forEach(function (option) {
          var text = (option.value + " " + option.textContent).toLowerCase().replace(/_/g, " ");
          var match = !words || text.indexOf(words) !== -1 || option.selected;
          option.hidden = !match;
          if (match) shown += 1;
        });
        group.hidden = shown === 0;
      });
    });
  });
})();
