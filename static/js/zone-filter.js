// Type to filter a long time-zone select (settings): the options that do not match are hidden,
// and a region without a match is hidden with them. Without JavaScript the select works as it is.
(function () {
  "use strict";
  document.querySelectorAll("select[data-zone-filter]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control mb-2";
    input.placeholder = "Type a city to filter, e.g. Lisbon";
    input.setAttribute("aria-label", "Filter the time zones");
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
