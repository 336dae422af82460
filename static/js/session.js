// Today's session: one exercise a screen, its phases (exercises/phases.py) run by a clock. Holds,
// minutes, rests and side switches count down and move on; reps are tapped, or counted by the
// tempo, each rep held at the top when the dose says so. At the end of each exercise "how did it
// feel" (three taps) saves the tick (journal.views.today.tick, as static/js/today.js posts it) and
// the next begins. Leaving midway keeps what was saved. The page works without this file: an
// ordered list, each exercise with a plain Done form.
(function () {
  "use strict";

  var root = document.querySelector("[data-testid='session']");
  var source = document.getElementById("session-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var scale = data.timeScale > 0 ? data.timeScale : 1; // > 1 only in the browser tests
  var steps = [].slice.call(root.querySelectorAll("[data-testid='session-exercise']"));
  var player = root.querySelector("[data-player]");
  var felt = root.querySelector("[data-felt]");
  var finished = root.querySelector("[data-finished]");
  var live = root.querySelector("[data-live]");
  function q(scope, selector) {
    return scope.querySelector(selector);
  }
  var clock = q(player, "[data-clock]");
  var label = q(player, "[data-label]");
  var nextLine = q(player, "[data-next]");
  var repsBoxes = player.querySelectorAll("[data-reps]");
  var repButton = q(player, "[data-rep]");
  var tempoBox = q(player, "[data-tempo]");
  var playButton = q(player, "[data-play]");
  var soundBox = q(player, "[data-sound]");
  var feltNote = q(felt, "[data-felt-note]");
  var feltStatus = q(felt, "[data-felt-status]");
  var feltRetry = q(felt, "[data-felt-retry]");
  var feltSkip = q(felt, "[data-felt-skip]");

  function load(key) {
    try {
      return localStorage.getItem("backcare.session." + key);
    } catch (e) {
      return null;
    }
  }
  function keep(key, value) {
    try {
      localStorage.setItem("backcare.session." + key, value);
    } catch (e) {
      /* private mode: not remembered */
    }
  }
  var soundOn = load("sound") !== "off";
  var tempoOn = load("tempo") === "on";

  var index = -1; // the exercise on screen
  var phases = [];
  var at = 0; // its phase
  var left = 0; // seconds left of a timed phase
  var reps = 0; // reps done in a reps phase
  var holdLeft = 0; // seconds left of a rep's hold at the top
  var repClock = 0; // tempo: seconds into the current rep
  var started = false;
  var running = false;
  var timer = null;
  var last = 0;
  var partial = false;
  var answers = {};
  var saved = 0;
  var saving = false;
  var wakeLock = null;
  var audio = null;

  // A short beep and buzz at each change (off by the switch, remembered on this device).
  function beep(freq, ms) {
    if (!soundOn) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.15;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + ms / 1000);
    } catch (e) {
      /* no sound here */
    }
  }
  function cue(work) {
    beep(work ? 880 : 587, 250);
    if (soundOn && navigator.vibrate) navigator.vibrate(work ? [150, 80, 150] : 150);
  }
  function say(text) {
    live.textContent = text;
  }

  function lock() {
    if (wakeLock || !navigator.wakeLock) return;
    navigator.wakeLock.request("screen").then(
      function (sentinel) {
        wakeLock = sentinel;
        sentinel.addEventListener("release", function () {
          wakeLock = null;
        });
      },
      function () {}
    );
  }
  function unlock() {
    if (wakeLock) wakeLock.release().catch(function () {});
    wakeLock = null;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running) lock();
  });

  function time(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function render() {
    var phase = phases[at];
    player.setAttribute("data-kind", phase.kind);
    player.classList.toggle("is-paused", started && !running);
    setText(playButton, !started ? "Start" : running ? "Pause" : "Resume");
    setText(label, phase.label);
    var after = phases[at + 1];
    setText(nextLine, "Next: " + (after ? after.label : "how did it feel"));
    var selfPaced = phase.seconds === null;
    [].forEach.call(repsBoxes, function (box) {
      box.hidden = !selfPaced;
    });
    if (selfPaced) {
      setText(clock, reps + " / " + phase.reps);
      setText(
        repButton,
        holdLeft > 0
          ? "Hold… " + Math.ceil(holdLeft)
          : phase.rep_hold_seconds
            ? "At the top: hold " + phase.rep_hold_seconds + " s"
            : "Count one"
      );
    } else {
      setText(clock, time(left));
    }
  }

  function enter(i, quiet) {
    at = i;
    var phase = phases[at];
    left = phase.seconds === null ? 0 : phase.seconds;
    reps = 0;
    holdLeft = 0;
    repClock = 0;
    [].forEach.call(steps[index].querySelectorAll("[data-phases] li"), function (li, n) {
      if (n === at) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    render();
    if (!quiet) {
      cue(phase.kind === "reps" || phase.kind === "hold" || phase.kind === "timed");
      say(phase.label);
    }
  }

  function forward() {
    if (at + 1 < phases.length) enter(at + 1);
    else end(false);
  }
  function back() {
    enter(Math.max(0, at - 1));
  }

  function addRep() {
    reps += 1;
    beep(660, 90);
    if (reps >= phases[at].reps) forward();
    else render();
  }

  function step() {
    var now = performance.now();
    var dt = ((now - last) / 1000) * scale;
    last = now;
    var phase = phases[at];
    if (phase.seconds !== null) {
      var before = Math.ceil(left);
      left -= dt;
      if (left <= 0) return forward();
      if (Math.ceil(left) < before && before <= 3) beep(440, 60);
    } else if (holdLeft > 0) {
      holdLeft -= dt;
      if (holdLeft <= 0) {
        holdLeft = 0;
        return addRep();
      }
    } else if (tempoOn) {
      repClock += dt;
      var per = data.tempo + (phase.rep_hold_seconds || 0);
      if (repClock >= per) {
        repClock -= per;
        return addRep();
      }
    }
    render();
  }

  function play() {
    if (running) return;
    started = running = true;
    last = performance.now();
    timer = setInterval(step, Math.max(16, Math.min(200, 200 / scale)));
    lock();
    render();
  }
  function pause() {
    running = false;
    clearInterval(timer);
    timer = null;
    unlock();
  }
  function toggle() {
    if (running) {
      pause();
      say("Paused");
    } else {
      play();
      say("Going: " + phases[at].label);
    }
    render();
  }

  function show(node, scope) {
    q(scope, "[data-slot]").appendChild(node);
    node.hidden = false;
  }

  function begin(i) {
    index = i;
    player.hidden = true;
    felt.hidden = true;
    if (index >= steps.length) return finish();
    steps.forEach(function (li, n) {
      li.hidden = n !== index;
      li.classList.remove("is-asking");
    });
    phases = data.exercises[index].phases;
    show(player, steps[index]);
    var heading = q(steps[index], ".step-name");
    heading.focus();
    say("Exercise " + (index + 1) + " of " + steps.length + ": " + heading.textContent);
    enter(0, true);
    window.scrollTo(0, 0);
  }

  // The end of an exercise: stop the clock, ask how it felt.
  function end(early) {
    clearInterval(timer);
    timer = null;
    partial = early;
    answers = {};
    [].forEach.call(felt.querySelectorAll("[data-answer]"), function (b) {
      b.setAttribute("aria-pressed", "false");
    });
    feltNote.textContent = early ? "Stopped early: it is saved as less than the full dose." : "";
    feltStatus.textContent = "";
    feltRetry.hidden = true;
    feltSkip.textContent = "Save without answering";
    feltSkip.removeAttribute("data-go-on");
    player.hidden = true;
    steps[index].classList.add("is-asking");
    show(felt, steps[index]);
    cue(false);
    q(felt, "h3").focus();
    say("How did it feel?");
  }

  function save() {
    if (saving) return; // one tick on its way at a time
    saving = true;
    var form = q(steps[index], "[data-done-form]");
    var body = new FormData(form);
    Object.keys(answers).forEach(function (key) {
      body.append(key, answers[key]);
    });
    if (partial) body.append("partial", "on");
    feltStatus.textContent = "Saving…";
    feltRetry.hidden = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (reply) {
            saving = false;
            if (response.ok && reply.ok) {
              saved += 1;
              steps[index].setAttribute("data-saved", "true");
              next();
            } else {
              refused(reply.message || "Not saved: please try again.");
            }
          });
      })
      .catch(function () {
        saving = false;
        refused("Not saved: no connection. Try again, or go on without saving.");
      });
  }
  function refused(message) {
    feltStatus.textContent = message;
    feltRetry.hidden = false;
    feltSkip.textContent = "Go on without saving";
    feltSkip.setAttribute("data-go-on", "");
  }
  function next() {
    var wasRunning = running;
    running = false;
    begin(index + 1);
    if (wasRunning && index < steps.length) play();
  }

  function finish() {
    pause();
    steps.forEach(function (li) {
      li.hidden = true;
    });
    q(finished, "[data-finished-text]").textContent =
      saved === steps.length
        ? "All " + saved + " exercise" + (saved === 1 ? "" : "s") + " saved. Well done!"
        : saved + " of " + steps.length + " exercises saved. The rest are still on Today.";
    finished.hidden = false;
    q(finished, "h2").focus();
    say("Session done.");
  }

  felt.addEventListener("click", function (event) {
    var button = event.target.closest("[data-answer]");
    if (!button || saving) return;
    var name = button.getAttribute("data-answer");
    [].forEach.call(felt.querySelectorAll("[data-answer='" + name + "']"), function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    answers[name] = button.value;
    if (answers.pain_during !== undefined && answers.effort && answers.spread) save();
  });
  feltRetry.addEventListener("click", save);
  feltSkip.addEventListener("click", function () {
    if (feltSkip.hasAttribute("data-go-on")) {
      feltSkip.removeAttribute("data-go-on");
      next();
    } else {
      save();
    }
  });

  playButton.addEventListener("click", toggle);
  q(player, "[data-skip]").addEventListener("click", forward);
  q(player, "[data-back]").addEventListener("click", back);
  q(player, "[data-early]").addEventListener("click", function () {
    end(true);
  });
  q(player, "[data-skip-exercise]").addEventListener("click", function () {
    clearInterval(timer);
    next();
  });
  repButton.addEventListener("click", function () {
    if (holdLeft > 0) return;
    if (!running) play();
    if (phases[at].rep_hold_seconds) {
      holdLeft = phases[at].rep_hold_seconds;
      beep(880, 90);
      render();
    } else {
      addRep();
    }
  });
  tempoBox.checked = tempoOn;
  tempoBox.addEventListener("change", function () {
    tempoOn = tempoBox.checked;
    repClock = 0;
    keep("tempo", tempoOn ? "on" : "off");
  });
  soundBox.checked = soundOn;
  soundBox.addEventListener("change", function () {
    soundOn = soundBox.checked;
    keep("sound", soundOn ? "on" : "off");
  });

  // Keys: space pauses, arrows step back or on (a focused control keeps its own keys).
  document.addEventListener("keydown", function (event) {
    if (player.hidden || event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target.tagName;
    if (event.key === " " && !/^(BUTTON|A|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(tag)) {
      event.preventDefault();
      toggle();
    } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && !/^(INPUT|SELECT|TEXTAREA)$/.test(tag)) {
      event.preventDefault();
      if (event.key === "ArrowRight") forward();
      else back();
    }
  });

  root.classList.add("is-guided");
  begin(0);
})();
