// The safety check: "None of these" and a sign in the same list exclude each other. The server
// checks the same rule, so the page works without this file.
(function () {
  "use strict";
  document.querySelectorAll("[data-testid=safety-form] fieldset[data-group]").forEach(function (group) {
    var boxes = group.querySelectorAll("input[type=checkbox]");
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked) return;
        boxes.forEach(function (other) {
          if (other !== box && (box.hasAttribute("data-none") || other.hasAttribute("data-none"))) {
            other.checked = false;
          }
        });
      });
    });
  });
})();
