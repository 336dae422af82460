// Today: tick and undo without a page reload, and a hold timer. The page works without this file.
(function () {
  "use strict";

  var plan = document.querySelector("[data-plan]");
  if (!plan) return;
  var notSaved = document.querySelector("[data-not-saved]");

  function setText(selector, value) {
    var node = document.querySelector(selector);
    if (node) node.textContent = value;
  }

  function showError(message) {
    if (!notSaved) return;
    notSaved.textContent = message || "Not saved. Check your connection and try again.";
    notSaved.hidden = false;
  }

  plan.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-tick-form]")) return;
    event.preventDefault();
    var row = form.closest("[data-testid='plan-item']");
    var button = form.querySelector("button");
    row.classList.add("is-saving");
    row.setAttribute("aria-busy", "true");
    button.disabled = true;
    if (notSaved) notSaved.hidden = true;

    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok || !data.ok) throw new Error(data.message || "Not saved.");
          return data;
        });
      })
      .then(function (data) {
        var holder = document.createElement("ul");
        holder.innerHTML = data.row;
        var fresh = holder.firstElementChild;
        if (fresh) {
          row.replaceWith(fresh);
          initTimers(fresh);
          var next = fresh.querySelector("[data-tick-form] button");
          if (next) next.focus();
        }
        setText("[data-done-count]", data.done_count);
        setText("[data-planned-count]", data.planned_count);
        setText("[data-streak]", data.streak);
        setText("[data-streak-unit]", data.streak === 1 ? "day" : "days");
      })
      .catch(function (error) {
        row.removeAttribute("aria-busy");
        row.classList.remove("is-saving");
        button.disabled = false;
        var said = error && error.message ? error.message : "please try again.";
        showError(/^Not saved/.test(said) ? said : "Not saved: " + said);
      });
  });

  // Hold timer: a short get-ready countdown, then the hold; a beep and a buzz at the end.
  var audio = null;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.35);
    } catch (e) { /* no sound available */ }
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
  }

  function initTimers(scope) {
    scope.querySelectorAll(".hold-timer[data-hold]").forEach(function (box) {
      if (box.querySelector(".timer-panel")) return;
      var hold = parseInt(box.getAttribute("data-hold"), 10);
      var sets = parseInt(box.getAttribute("data-sets"), 10) || 1;
      var sides = parseInt(box.getAttribute("data-sides"), 10) || 1;
      var total = sets * sides;
      var panel = document.createElement("div");
      panel.className = "timer-panel";
      panel.innerHTML =
        '<button type="button" class="btn btn-outline-primary timer-start">Start timer</button>' +
        '<span class="timer-count" aria-live="off"></span>' +
        '<span class="timer-status" aria-live="polite"></span>';
      box.appendChild(panel);
      var startBtn = panel.querySelector(".timer-start");
      var countEl = panel.querySelector(".timer-count");
      var statusEl = panel.querySelector(".timer-status");
      var done = 0;
      var timer = null;
      var wakeLock = null;

      function release() {
        if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
      }
      function label() {
        var set = Math.floor(done / sides) + 1;
        var side = sides === 2 ? (done % 2 === 0 ? ", left side" : ", right side") : "";
        return "Set " + set + " of " + sets + side;
      }
      function run(seconds, onEnd) {
        countEl.textContent = seconds;
        timer = setInterval(function () {
          seconds -= 1;
          countEl.textContent = seconds;
          if (seconds <= 0) { clearInterval(timer); timer = null; onEnd(); }
        }, 1000);
      }
      startBtn.addEventListener("click", function () {
        if (timer) { clearInterval(timer); timer = null; release(); startBtn.textContent = "Start timer"; statusEl.textContent = "Stopped."; return; }
        if (done >= total) done = 0;
        if (navigator.wakeLock) navigator.wakeLock.request("screen").then(function (l) { wakeLock = l; }).catch(function () {});
        startBtn.textContent = "Stop";
        statusEl.textContent = "Get ready… " + label();
        run(3, function () {
          statusEl.textContent = "Hold. " + label();
          run(hold, function () {
            done += 1;
            beep();
            release();
            startBtn.textContent = done >= total ? "Start again" : "Next hold";
            statusEl.textContent = done >= total ? "All " + total + " holds done." : "Rest. Next: " + label();
          });
        });
      });
    });
  }
  initTimers(document);
})();
