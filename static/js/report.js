// The report's Print / Save as PDF button: hidden without JavaScript (the browser's own Print
// works then), shown and wired here.
(function () {
  "use strict";
  const button = document.querySelector("[data-testid=print-report]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
