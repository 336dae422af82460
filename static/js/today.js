// Today: tick and undo without a page reload, and a hold timer. The page works without this file.
//
// A tap shows at once: the row turns done (or not done) before the server answers, marked as
// saving. The server's answer then replaces the row; a refusal (the server answered "not saved")
// puts the row back and says why; a lost connection keeps the row as tapped, marked "not saved
// yet", and tries again when the browser is back online, after a while, or on a tap.
// With the offline queue (offline-queue.js, docs/offline.md) a write that finds no connection is
// kept on this phone instead, shown as "Saved on this phone", and sent when the connection returns;
// the hooks are marked "Offline queue".
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };

  var plan = document.querySelector("[data-plan]");
  if (!plan) return;
  var queue = window.BackCareQueue || null; // Offline queue: absent, lost taps retry as before
  var KEPT = gettext("Saved on this phone. It will be sent when you're back online.");
  var NOT_SAVED = gettext("Not saved. Check your connection and try again.");
  // "Not saved: <the server's reason>" unless the reason already says it is not saved.
  function notSavedBecause(said) {
    return said.indexOf(gettext("Not saved")) === 0 ? said : interpolate(gettext("Not saved: %(reason)s"), { reason: said }, true);
  }
  // The streak's unit beside its number (templates/journal/today.html: data-streak-unit).
  function streakUnit(n) {
    return ngettext("day", "days", n);
  }
  var notSaved = document.querySelector("[data-not-saved]");
  var RETRY_SECONDS = [5, 15, 30, 60];
  // Per exercise: what the person last asked for (want), what the server last confirmed (saved),
  // whether a request is on its way, and the retry timer of a lost one.
  var states = {};

  function setText(selector, value) {
    var node = document.querySelector(selector);
    if (node) node.textContent = value;
  }

  function showError(message) {
    if (!notSaved) return;
    notSaved.textContent = message || NOT_SAVED;
    notSaved.hidden = false;
  }

  function rowOf(slug) {
    return plan.querySelector("[data-testid='plan-item'][data-exercise='" + slug + "']");
  }

  // "x of y done" counts only the rows due today (a walk after the week's target is met is not).
  function countDone() {
    var rows = plan.querySelectorAll("[data-testid='plan-item'][data-due='true']");
    var done = plan.querySelectorAll("[data-testid='plan-item'][data-due='true'][data-done='true']");
    setText("[data-done-count]", done.length);
    setText("[data-planned-count]", rows.length);
  }

  // The row's note under its button: "Saving…", or "Not saved yet" with a way to try again now.
  function statusOf(row) {
    var status = row.querySelector("[data-tick-status]");
    if (!status) {
      status = document.createElement("div");
      status.className = "tick-status";
      status.setAttribute("data-tick-status", "");
      status.setAttribute("role", "status");
      status.innerHTML = '<span class="tick-status-text"></span>';
      row.querySelector(".row-main").insertAdjacentElement("afterend", status);
    }
    return status;
  }

  function clearStatus(row) {
    var status = row.querySelector("[data-tick-status]");
    if (status) status.remove();
    row.removeAttribute("data-pending");
    row.removeAttribute("aria-busy");
  }

  // Show the row as done or not done, as the server would draw it, without asking the server.
  function show(row, done) {
    row.setAttribute("data-done", done ? "true" : "false");
    row.classList.toggle("is-done", done);
    var form = row.querySelector("[data-tick-form]");
    var button = form.querySelector("button");
    form.action = row.getAttribute(done ? "data-untick-url" : "data-tick-url");
    button.firstChild.nodeValue = done ? gettext("Undo") : gettext("Done");
    button.className = done ? "btn btn-outline-secondary" : "btn btn-primary tick-btn";
    button.setAttribute("data-testid", done ? "undo" : "tick");
    var mark = row.querySelector(".done-mark");
    if (done && !mark) {
      mark = document.createElement("span");
      mark.className = "done-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "✓";
      form.insertAdjacentElement("beforebegin", mark);
    } else if (!done && mark) {
      mark.remove();
    }
    // "How did it feel" belongs to a saved tick: hidden while the row is not shown as done.
    var detail = row.querySelector(".tick-detail");
    if (detail) detail.hidden = !done;
    countDone();
  }

  function markSaving(row) {
    row.setAttribute("data-pending", "saving");
    row.setAttribute("aria-busy", "true");
    var status = statusOf(row);
    var retry = status.querySelector("button");
    if (retry) retry.remove();
    status.querySelector(".tick-status-text").textContent = "Saving…";
  }

  function markUnsaved(row, slug) {
    row.setAttribute("data-pending", "failed");
    row.removeAttribute("aria-busy");
    var status = statusOf(row);
    status.querySelector(".tick-status-text").textContent =
      gettext("Not saved yet: no connection. We'll try again when you're back online.");
    if (!status.querySelector("button")) {
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "btn btn-link tick-retry";
      retry.setAttribute("data-tick-retry", slug);
      retry.textContent = gettext("Try again now");
      status.appendChild(retry);
    }
  }

  // Offline queue: the row's tap is kept on this phone, to be sent later.
  function markQueued(row) {
    row.setAttribute("data-pending", "queued");
    row.removeAttribute("aria-busy");
    var status = statusOf(row);
    var retry = status.querySelector("button");
    if (retry) retry.remove();
    status.querySelector(".tick-status-text").textContent = KEPT;
  }

  function fieldsOf(body) {
    var fields = [];
    body.forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "client_op") fields.push([name, value]);
    });
    return fields;
  }

  function keepWrite(row, write, body) {
    write.fields = fieldsOf(body);
    write.target = "t:" + queue.day + ":" + write.slug;
    write.base = row.getAttribute("data-base-times");
    queue.add(write);
    markQueued(row);
  }

  function replaceRow(row, html) {
    var holder = document.createElement("ul");
    holder.innerHTML = html;
    var fresh = holder.firstElementChild;
    if (!fresh) return row;
    var hadFocus = row.contains(document.activeElement);
    row.replaceWith(fresh);
    initTimers(fresh);
    if (hadFocus) {
      var next = fresh.querySelector("[data-tick-form] button, [data-count-form] button");
      if (next) next.focus();
    }
    return fresh;
  }

  function send(slug) {
    var state = states[slug];
    var row = rowOf(slug);
    if (!row) return;
    clearTimeout(state.timer);
    state.timer = null;
    state.busy = true;
    var target = state.want;
    markSaving(row);
    var form = row.querySelector("[data-tick-form]");
    var body = new FormData(form);
    var url = row.getAttribute(target ? "data-tick-url" : "data-untick-url");
    // Offline queue: each write has its own id (sent twice, it counts once); while older writes
    // wait on this phone, this one waits behind them.
    var opId = queue ? queue.newId() : "";
    if (opId) body.append("client_op", opId);
    var write = { id: opId, url: url, kind: target ? "tick" : "untick", slug: slug };
    if (queue && queue.waiting()) {
      kept(slug, target, row, write, body);
      return;
    }

    fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      credentials: "same-origin",
    }).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            state.busy = false;
            state.tries = 0;
            if (response.ok && data.ok) saved(slug, target, data);
            else refused(slug, target, data.message);
          });
      },
      function () {
        state.busy = false;
        if (queue) kept(slug, target, rowOf(slug), write, body);
        else lost(slug);
      }
    );
  }

  // Offline queue: the tap is kept on this phone; a later tap of the same row queues behind it.
  function kept(slug, target, row, write, body) {
    var state = states[slug];
    state.busy = false;
    state.saved = target;
    if (row) keepWrite(row, write, body);
    if (state.want !== target) send(slug);
    else delete states[slug];
  }

  function saved(slug, target, data) {
    var state = states[slug];
    state.saved = target;
    if (state.want !== target) {
      send(slug); // tapped again while this one was on its way
      return;
    }
    var row = rowOf(slug);
    if (row && data.bases) {
      // Offline queue: what a write queued later starts from.
      row.setAttribute("data-base-times", data.bases.t);
      row.setAttribute("data-base-feel", data.bases.f);
    }
    if (row && data.row) row = replaceRow(row, data.row);
    else if (row) clearStatus(row);
    delete states[slug];
    countDone();
    setText("[data-streak]", data.streak);
    setText("[data-streak-unit]", streakUnit(data.streak));
  }

  function refused(slug, target, message) {
    var state = states[slug];
    var row = rowOf(slug);
    // The server changed nothing: the row goes back to what it last confirmed.
    state.want = state.saved;
    if (row) {
      clearStatus(row);
      show(row, state.saved);
    }
    delete states[slug];
    showError(notSavedBecause(message || gettext("please try again.")));
  }

  function lost(slug) {
    var state = states[slug];
    var row = rowOf(slug);
    if (!row) return;
    markUnsaved(row, slug);
    var wait = RETRY_SECONDS[Math.min(state.tries, RETRY_SECONDS.length - 1)];
    state.tries += 1;
    state.timer = setTimeout(function () {
      if (!state.busy) send(slug);
    }, wait * 1000);
  }

  window.addEventListener("online", function () {
    Object.keys(states).forEach(function (slug) {
      if (!states[slug].busy) send(slug);
    });
  });

  plan.addEventListener("click", function (event) {
    var retry = event.target.closest("[data-tick-retry]");
    if (!retry) return;
    var slug = retry.getAttribute("data-tick-retry");
    if (states[slug] && !states[slug].busy) send(slug);
  });

  plan.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-tick-form]")) return;
    event.preventDefault();
    var row = form.closest("[data-testid='plan-item']");
    var slug = row.getAttribute("data-exercise");
    var done = row.getAttribute("data-done") === "true";
    var state = states[slug];
    if (!state) state = states[slug] = { saved: done, want: done, busy: false, tries: 0, timer: null };
    state.want = !done;
    if (notSaved) notSaved.hidden = true;
    show(row, state.want);
    if (state.busy) markSaving(row); // sent when the one on its way comes back
    else send(slug);
  });

  // A times-a-day row (sitting breaks): "Add one" and "Undo one" post as they are and the row comes
  // back from the server with its new count; nothing is shown before the server answers.
  plan.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-count-form]")) return;
    event.preventDefault();
    var row = form.closest("[data-testid='plan-item']");
    if (row.getAttribute("aria-busy") === "true") return;
    if (notSaved) notSaved.hidden = true;
    markSaving(row);
    var body = new FormData(form);
    // Offline queue: as for Done and Undo above.
    var opId = queue ? queue.newId() : "";
    if (opId) body.append("client_op", opId);
    var write = { id: opId, url: form.action, kind: body.has("add") ? "add" : "undo-one", slug: row.getAttribute("data-exercise") };
    if (queue && queue.waiting()) {
      keepWrite(row, write, body);
      return;
    }
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(
        function (response) {
          return response.json().then(function (data) {
            if (!response.ok || !data.ok) throw new Error(data.message || "");
            if (data.row) replaceRow(row, data.row);
            else clearStatus(row);
            countDone();
            setText("[data-streak]", data.streak);
            setText("[data-streak-unit]", streakUnit(data.streak));
          });
        },
        function () {
          if (!queue) throw new Error("");
          keepWrite(row, write, body);
        }
      )
      .catch(function (error) {
        clearStatus(row);
        showError(notSavedBecause((error && error.message) || NOT_SAVED));
      });
  });

  // Offline queue: a write kept on this phone was answered. The row becomes the server's (a conflict
  // says the other version was kept) once nothing more waits for it.
  if (queue) {
    queue.onAnswer(function (op, outcome, data) {
      if (!op.slug || op.day !== queue.day || states[op.slug] || queue.pendingFor(op.target)) return;
      var row = rowOf(op.slug);
      if (!row) return;
      if (data.row) row = replaceRow(row, data.row);
      else {
        clearStatus(row);
        if (outcome === "refused" && (op.kind === "tick" || op.kind === "untick")) show(row, op.kind === "untick");
      }
      if (outcome !== "saved") {
        statusOf(row).querySelector(".tick-status-text").textContent =
          outcome === "conflict" ? gettext("Changed elsewhere; we kept the other version.") : data.message || gettext("Not saved.");
      }
      countDone();
      if (data.streak !== undefined) {
        setText("[data-streak]", data.streak);
        setText("[data-streak-unit]", streakUnit(data.streak));
      }
    });
    // Writes still kept on this phone from before this page (offline, or logged out since).
    queue.ready.then(function () {
      queue.list().forEach(function (op) {
        var row = op.day === queue.day && op.slug ? rowOf(op.slug) : null;
        if (!row) return;
        if (op.kind === "tick" || op.kind === "untick") show(row, op.kind === "tick");
        markQueued(row);
      });
    });
  }

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
        '<button type="button" class="btn btn-outline-primary timer-start"></button>' +
        '<span class="timer-count" aria-live="off"></span>' +
        '<span class="timer-status" aria-live="polite"></span>';
      box.appendChild(panel);
      var startBtn = panel.querySelector(".timer-start");
      startBtn.textContent = gettext("Start timer");
      var countEl = panel.querySelector(".timer-count");
      var statusEl = panel.querySelector(".timer-status");
      var done = 0;
      var timer = null;
      var wakeLock = null;

      function release() {
        if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
      }
      function label() {
        var values = { set: Math.floor(done / sides) + 1, sets: sets };
        if (sides !== 2) return interpolate(gettext("Set %(set)s of %(sets)s"), values, true);
        return interpolate(
          done % 2 === 0 ? gettext("Set %(set)s of %(sets)s, left side") : gettext("Set %(set)s of %(sets)s, right side"),
          values,
          true
        );
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
        if (timer) { clearInterval(timer); timer = null; release(); startBtn.textContent = gettext("Start timer"); statusEl.textContent = gettext("Stopped."); return; }
        if (done >= total) done = 0;
        if (navigator.wakeLock) navigator.wakeLock.request("screen").then(function (l) { wakeLock = l; }).catch(function () {});
        startBtn.textContent = gettext("Stop");
        statusEl.textContent = interpolate(gettext("Get ready… %(set)s"), { set: label() }, true);
        run(3, function () {
          statusEl.textContent = interpolate(gettext("Hold. %(set)s"), { set: label() }, true);
          run(hold, function () {
            done += 1;
            beep();
            release();
            startBtn.textContent = done >= total ? gettext("Start again") : gettext("Next hold");
            statusEl.textContent = done >= total
              ? interpolate(ngettext("The hold is done.", "All %(total)s holds done.", total), { total: total }, true)
              : interpolate(gettext("Rest. Next: %(set)s"), { set: label() }, true);
          });
        });
      });
    });
  }
  initTimers(document);
})();
