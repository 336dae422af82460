// Today's session: one exercise a screen, its phases (exercises/phases.py) run by a clock, hands
// free. Holds, minutes, rests and side switches count down and move on; reps are counted by the
// clock at the level's tempo (phase.tempo_seconds, the library's data), each rep held at the top
// when the dose says so, or tapped one by one ("I'll tap", kept on this device). A voice says the
// exercise's name and cue, "switch sides", "rest" and the last three of each count through the
// browser's speechSynthesis, in the page's language, with words the page gives (data.words): no
// sentence is written here. The screen is kept awake while the clock runs (Screen Wake Lock); the
// clock pauses when the page is hidden and offers Resume on return. At the end of each exercise
// "Felt fine" (one tap: the usual answers, journal/felt.py) or "Tell more" (the three questions)
// saves the tick (journal.views.today.tick, as static/js/today.js posts it) and the next begins.
// Without speechSynthesis or wakeLock it runs silently. Leaving midway keeps what was saved. The
// page works without this file: an ordered list, each exercise with a plain Done form.
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };

  var root = document.querySelector("[data-testid='session']");
  var source = document.getElementById("session-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var words = data.words || {};
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
  var repBox = q(player, "[data-rep-box]");
  var repButton = q(player, "[data-rep]");
  var tempoNote = q(player, "[data-tempo-note]");
  var tapBox = q(player, "[data-tap]");
  var pausedBox = q(player, "[data-paused]");
  var playButton = q(player, "[data-play]");
  var soundBox = q(player, "[data-sound]");
  var voiceBox = q(player, "[data-voice]");
  var feltNote = q(felt, "[data-felt-note]");
  var usualNote = q(felt, "[data-usual-note]");
  var feltMore = q(felt, "[data-felt-more]");
  var feltQuestions = q(felt, "[data-felt-questions]");
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
  var tapOn = load("tap") === "on"; // default: the clock counts the reps
  var voiceOn = load("voice") !== "off";
  var synth = window.speechSynthesis && window.SpeechSynthesisUtterance ? window.speechSynthesis : null;
  var lang = document.documentElement.lang || "";

  var index = -1; // the exercise on screen
  var phases = [];
  var at = 0; // its phase
  var left = 0; // seconds left of a timed phase
  var reps = 0; // reps done in a reps phase
  var holdLeft = 0; // seconds left of a rep's hold at the top
  var repClock = 0; // tempo: seconds into the current rep
  var started = false;
  var running = false;
  var away = false; // paused because the page was hidden: Resume is offered on return
  var announced = -1; // the exercise whose name and cue were last spoken
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
  // Spoken cues (off by the voice switch, remembered on this device). `fresh` drops what is queued.
  function speak(text, fresh) {
    if (!voiceOn || !synth || !text) return;
    try {
      if (fresh) synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(text);
      if (lang) utterance.lang = lang;
      utterance.rate = 0.9;
      synth.speak(utterance);
    } catch (e) {
      /* no voice here: the session runs silently */
    }
  }
  function hush() {
    try {
      if (synth) synth.cancel();
    } catch (e) {
      /* nothing to stop */
    }
  }
  function announce() {
    if (announced === index) return;
    announced = index;
    speak(data.exercises[index].name, true);
    speak(data.exercises[index].cue);
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
  // Hidden (another app, the screen off): the clock pauses. On return the wake lock is asked for
  // again (the browser dropped it) and a clear "Paused — Resume" waits for the person.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      if (running && timer) {
        pause();
        away = true;
        hush();
        render();
      }
    } else if (running || away) {
      lock();
    }
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
    pausedBox.hidden = !(away && !running);
    setText(playButton, !started ? gettext("Start") : running ? gettext("Pause") : gettext("Resume"));
    setText(label, phase.label);
    var after = phases[at + 1];
    setText(nextLine, interpolate(gettext("Next: %(step)s"), { step: after ? after.label : gettext("how did it feel") }, true));
    var selfPaced = phase.seconds === null;
    [].forEach.call(repsBoxes, function (box) {
      box.hidden = !selfPaced;
    });
    repBox.hidden = !(selfPaced && tapOn);
    tempoNote.hidden = !(selfPaced && !tapOn);
    if (selfPaced && !tapOn) {
      setText(tempoNote, (words.tempo || "").replace("%(seconds)s", repSeconds(phase)));
    }
    if (selfPaced) {
      setText(clock, reps + " / " + phase.reps);
      setText(
        repButton,
        holdLeft > 0
          ? interpolate(gettext("Hold… %(seconds)s"), { seconds: Math.ceil(holdLeft) }, true)
          : phase.rep_hold_seconds
            ? interpolate(gettext("At the top: hold %(seconds)s s"), { seconds: phase.rep_hold_seconds }, true)
            : gettext("Count one")
      );
    } else {
      setText(clock, time(left));
    }
  }

  function repSeconds(phase) {
    return (phase.tempo_seconds || 6) + (phase.rep_hold_seconds || 0);
  }
  function spokenFor(phase) {
    if (phase.kind === "rest") return words.rest;
    if (phase.kind === "switch") return words.switch;
    if (phase.kind === "ready") return "";
    return words.begin;
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
      speak(spokenFor(phase));
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
    if (reps > phases[at].reps - 3) speak(String(reps)); // the count's last three, at its tempo
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
      var now = Math.max(1, Math.ceil(left));
      // The last three seconds, said once each (a slow device that skips a second still says it).
      for (var n = Math.min(before - 1, 3); n >= now && left > 0; n--) speak(String(n));
      if (left <= 0) return forward();
      if (Math.ceil(left) < before && before <= 3) beep(440, 60);
    } else if (holdLeft > 0) {
      holdLeft -= dt;
      if (holdLeft <= 0) {
        holdLeft = 0;
        return addRep();
      }
    } else if (!tapOn) {
      repClock += dt;
      var per = repSeconds(phase);
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
    away = false;
    announce();
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
      hush();
      say(words.paused);
    } else {
      var first = !started;
      play();
      say(phases[at].label);
      if (!first) speak(words.resumed);
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
    say(interpolate(gettext("Exercise %(number)s of %(count)s: %(name)s"), { number: index + 1, count: steps.length, name: heading.textContent }, true));
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
    feltNote.textContent = early ? gettext("Stopped early: it is saved as less than the full dose.") : "";
    usualNote.textContent = data.exercises[index].usualNote || "";
    feltQuestions.hidden = true;
    feltMore.setAttribute("aria-expanded", "false");
    feltStatus.textContent = "";
    feltRetry.hidden = true;
    feltSkip.textContent = gettext("Save without answering");
    feltSkip.removeAttribute("data-go-on");
    player.hidden = true;
    steps[index].classList.add("is-asking");
    show(felt, steps[index]);
    cue(false);
    q(felt, "h3").focus();
    say(words.felt);
    speak(words.felt);
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
    feltStatus.textContent = gettext("Saving…");
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
              refused(reply.message || gettext("Not saved: please try again."));
            }
          });
      })
      .catch(function () {
        saving = false;
        refused(gettext("Not saved: no connection. Try again, or go on without saving."));
      });
  }
  function refused(message) {
    feltStatus.textContent = message;
    feltRetry.hidden = false;
    feltSkip.textContent = gettext("Go on without saving");
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
    speak(words.finished);
    steps.forEach(function (li) {
      li.hidden = true;
    });
    q(finished, "[data-finished-text]").textContent =
      saved === steps.length
        ? interpolate(ngettext("The exercise is saved. Well done!", "All %(saved)s exercises saved. Well done!", saved), { saved: saved }, true)
        : interpolate(ngettext("%(saved)s of %(count)s exercise saved. The rest are still on Today.", "%(saved)s of %(count)s exercises saved. The rest are still on Today.", steps.length), { saved: saved, count: steps.length }, true);
    finished.hidden = false;
    q(finished, "h2").focus();
    say(words.finished);
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
  // One tap: the usual answers (journal/felt.py; shown beside the button), the tick saved.
  q(felt, "[data-felt-fine]").addEventListener("click", function () {
    if (saving) return;
    answers = Object.assign({}, data.exercises[index].usual);
    save();
  });
  feltMore.addEventListener("click", function () {
    feltQuestions.hidden = !feltQuestions.hidden;
    feltMore.setAttribute("aria-expanded", feltQuestions.hidden ? "false" : "true");
    if (!feltQuestions.hidden) q(feltQuestions, "[data-answer]").focus();
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
  q(pausedBox, "[data-resume]").addEventListener("click", function () {
    play();
    say(phases[at].label);
    speak(words.resumed);
    render();
  });
  q(player, "[data-skip]").addEventListener("click", function () {
    hush();
    forward();
  });
  q(player, "[data-back]").addEventListener("click", function () {
    hush();
    back();
  });
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
  tapBox.checked = tapOn;
  tapBox.addEventListener("change", function () {
    tapOn = tapBox.checked;
    repClock = 0;
    keep("tap", tapOn ? "on" : "off");
    render();
  });
  if (synth) q(player, "[data-voice-box]").hidden = false;
  voiceBox.checked = voiceOn;
  voiceBox.addEventListener("change", function () {
    voiceOn = voiceBox.checked;
    if (!voiceOn) hush();
    keep("voice", voiceOn ? "on" : "off");
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
