// Today's offline queue: writes made without a connection are kept on this phone (IndexedDB) and
// sent, in order, when it comes back. No dependencies; docs/offline.md says how it fits together.
//
// Each write carries a client operation id (a UUID made here), which the server records once, so
// sending it twice never counts twice, and the base state it changed (journal/client_ops.py), so a
// day changed elsewhere since keeps the server's version (409) and the person is told. Before
// sending, the queue asks the server who is logged in and for a fresh CSRF token
// (/today/offline-token/): logged out (the session expired while offline), the writes wait and a
// line asks to log in again; a different person logged in on this phone is asked whether to
// discard them. today.js hooks its taps in through window.BackCareQueue; the check-in and "how did
// it feel" forms are taken here, only while offline or while older writes still wait (online, they
// post as they always did).
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };

  var box = document.querySelector("[data-offline-queue]");
  if (!box) return;
  var text = box.querySelector("[data-offline-queue-text]");
  var login = box.querySelector("[data-offline-login]");
  var notesList = box.querySelector("[data-offline-notes]");
  var pageUser = box.getAttribute("data-user");
  var pageDay = box.getAttribute("data-day");
  var tokenUrl = box.getAttribute("data-token-url");

  var DB_NAME = "backcare-offline";
  var STORE = "writes";
  var NOTES_KEY = "backcare-offline-notes";
  var SAID_KEY = "backcare-offline-said"; // the server's words for a check-in sent, shown after the reload
  var RETRY_MS = 20000;
  var CHANGED = gettext("Changed elsewhere; we kept the other version.");

  var ops = []; // the queue, oldest first (a copy of the database's, or the only one without it)
  var listeners = [];
  var db = null;
  var flushing = null;
  var expired = false;
  var askedForeign = false;
  var reloadAfter = false;
  var addedWhileFlushing = false;
  var serverSaid = []; // [{level, text}] from the check-ins sent this round (JSON: never a cookie message)
  var seq = 0;

  // ---- Storage: IndexedDB when the browser has it, else this page's memory only. ----
  function openDb() {
    return new Promise(function (resolve) {
      if (!window.indexedDB) return resolve(null);
      var request;
      try {
        request = window.indexedDB.open(DB_NAME, 1);
      } catch (e) {
        return resolve(null);
      }
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { resolve(null); };
      request.onblocked = function () { resolve(null); };
    });
  }

  function tx(mode, work) {
    return new Promise(function (resolve) {
      if (!db) return resolve([]);
      try {
        var t = db.transaction(STORE, mode);
        var result = work(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && result.result); };
        t.onerror = t.onabort = function () { resolve([]); };
      } catch (e) {
        resolve([]);
      }
    });
  }

  function save(op) { return tx("readwrite", function (store) { store.put(op); }); }
  function forget(id) { return tx("readwrite", function (store) { store.delete(id); }); }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // ---- What the person sees: one line, and notes on what happened to sent writes. ----
  function mine() {
    return ops.filter(function (op) { return op.user === pageUser; });
  }

  // Each sentence with a count is one plural entry of the catalogue, never built from pieces.
  function counted(text, n) {
    return interpolate(text, { count: n }, true);
  }

  // Notes said on this page; kept for the next one only when the page reloads itself.
  var said = [];

  function keptNotes() {
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(NOTES_KEY) || "[]");
      window.sessionStorage.removeItem(NOTES_KEY);
      return kept;
    } catch (e) {
      return [];
    }
  }

  function keepNotes() {
    try {
      window.sessionStorage.setItem(NOTES_KEY, JSON.stringify(said.slice(-5)));
    } catch (e) { /* private mode: not shown again */ }
  }

  // The server's words for a check-in sent from here ("Pain 4 saved…", the leg advice) come in its
  // JSON answer, never as a message waiting in a cookie for whichever page is next (that could be
  // a log-in page shown to someone else). They are shown on the reloaded day, for the same user only.
  function keepSaid() {
    if (!serverSaid.length) return;
    try {
      window.sessionStorage.setItem(SAID_KEY, JSON.stringify({ user: pageUser, messages: serverSaid.slice(-5) }));
    } catch (e) { /* private mode: not shown again */ }
    serverSaid = [];
  }

  function showSaid() {
    var kept = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(SAID_KEY) || "null");
      window.sessionStorage.removeItem(SAID_KEY);
    } catch (e) {
      return;
    }
    if (!kept || kept.user !== pageUser || !kept.messages || !kept.messages.length) return;
    var main = document.getElementById("main");
    if (!main) return;
    var list = document.createElement("div");
    list.className = "messages";
    list.setAttribute("role", "status");
    kept.messages.forEach(function (message) {
      var item = document.createElement("div");
      var level = message.level === "error" ? "danger" : message.level || "info";
      item.className = "alert alert-" + level.replace(/[^a-z]/g, "");
      item.textContent = message.text;
      list.appendChild(item);
    });
    main.insertBefore(list, main.firstChild);
  }

  function note(message) {
    said.push(message);
    var item = document.createElement("li");
    item.textContent = message;
    notesList.appendChild(item);
    render();
  }

  function render() {
    var waiting = mine().length;
    var foreign = ops.length - waiting;
    var line = "";
    if (waiting && expired) {
      line = counted(ngettext("Log in again to send %(count)s change saved on this phone.", "Log in again to send %(count)s changes saved on this phone.", waiting), waiting);
    } else if (waiting) {
      line = counted(ngettext("%(count)s change saved on this phone, to be sent when you're back online.", "%(count)s changes saved on this phone, to be sent when you're back online.", waiting), waiting);
    } else if (foreign) {
      line = counted(ngettext("%(count)s change saved on this phone by another account is kept, not sent.", "%(count)s changes saved on this phone by another account are kept, not sent.", foreign), foreign);
    }
    text.textContent = line;
    text.hidden = !line;
    login.hidden = !(waiting && expired);
    box.setAttribute("data-waiting", String(waiting));
    box.hidden = !line && !notesList.children.length;
  }

  function tell(op, outcome, data) {
    listeners.forEach(function (fn) {
      try {
        fn(op, outcome, data || {});
      } catch (e) { /* one listener's fault stops no other */ }
    });
  }

  // ---- The queue. ----
  // A write on something another queued write already changes (the same exercise's tick, the same
  // day's check-in) starts from what that one leaves: its base comes from that one's answer.
  function add(write) {
    var op = {
      id: write.id || newId(),
      seq: Date.now() * 1000 + (seq++ % 1000),
      user: pageUser,
      day: write.day || pageDay,
      url: write.url,
      fields: write.fields || [],
      kind: write.kind,
      target: write.target,
      slug: write.slug || "",
      base: write.base || "",
      after: "",
    };
    var before = ops.filter(function (o) { return o.target === op.target && o.user === op.user; });
    if (before.length) {
      op.after = before[before.length - 1].id;
      op.base = "";
    }
    ops.push(op);
    if (flushing) addedWhileFlushing = true;
    render();
    return save(op).then(function () {
      if (navigator.onLine) flush();
      return op;
    });
  }

  function drop(op) {
    ops = ops.filter(function (o) { return o.id !== op.id; });
    return forget(op.id);
  }

  // A write that started from one refused or in conflict goes with it: what it changed is gone.
  function dropAfter(op, outcome, data) {
    ops.filter(function (o) { return o.after === op.id; }).forEach(function (o) {
      drop(o);
      tell(o, outcome, data);
      dropAfter(o, outcome, data);
    });
  }

  function rebaseAfter(op, bases) {
    ops.filter(function (o) { return o.after === op.id; }).forEach(function (o) {
      o.base = (bases && bases[o.target.charAt(0)]) || "";
      o.after = "";
      save(o);
    });
  }

  function body(op, csrf) {
    var form = new FormData();
    op.fields.forEach(function (pair) { form.append(pair[0], pair[1]); });
    form.append("csrfmiddlewaretoken", csrf);
    form.append("client_op", op.id);
    if (op.base) form.append("base", op.base);
    return form;
  }

  // Send this user's writes one by one, oldest first; stop at the first that finds no server.
  function sendFrom(csrf, user) {
    var op = ops.filter(function (o) { return o.user === user; })[0];
    if (!op) return Promise.resolve();
    return fetch(op.url, {
      method: "POST",
      body: body(op, csrf),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Requested-With": "fetch", Accept: "application/json", "X-CSRFToken": csrf, "X-Client-Op": op.id },
    }).then(
      function (response) {
        if (response.type === "opaqueredirect" || response.status === 0) {
          expired = true; // sent to the log-in page: the writes wait for this user to come back
          return null;
        }
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (response.status === 403 && !json) {
          expired = true; // the token went with the session
          return null;
        }
        if (response.status >= 500) return null; // tried again later
        return response
          .json()
          .catch(function () { return {}; })
          .then(function (data) {
            return answered(op, response.status, data).then(function () { return sendFrom(csrf, user); });
          });
      },
      function () { return null; } // no connection after all
    );
  }

  function answered(op, status, data) {
    var outcome = status >= 200 && status < 300 ? "saved" : status === 409 ? "conflict" : "refused";
    return drop(op).then(function () {
      if (outcome === "saved") rebaseAfter(op, data.bases);
      else dropAfter(op, outcome, data);
      if (op.kind === "checkin" && outcome !== "refused") {
        if (op.day === pageDay) {
          reloadAfter = true;
          serverSaid = serverSaid.concat(data.messages || []);
        } else {
          (data.messages || []).forEach(function (message) { note(message.text); });
        }
      }
      if (outcome === "conflict") note(CHANGED);
      if (outcome === "refused") note(data.message || gettext("One change could not be saved and was dropped."));
      tell(op, outcome, data);
      render();
    });
  }

  function discardForeign(user) {
    var foreign = ops.filter(function (o) { return o.user !== user; });
    if (!foreign.length || askedForeign) return Promise.resolve();
    askedForeign = true;
    var yes = window.confirm(
      counted(
        ngettext(
          "This phone keeps %(count)s change made by another account while offline. It cannot be sent from your account. Discard it?",
          "This phone keeps %(count)s changes made by another account while offline. They cannot be sent from your account. Discard them?",
          foreign.length
        ),
        foreign.length
      )
    );
    if (!yes) return Promise.resolve();
    return Promise.all(foreign.map(drop)).then(function () {
      note(counted(ngettext("%(count)s change made by another account discarded.", "%(count)s changes made by another account discarded.", foreign.length), foreign.length));
    });
  }

  function run() {
    if (!ops.length) return Promise.resolve();
    return fetch(tokenUrl, {
      credentials: "same-origin",
      redirect: "manual",
      cache: "no-store",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" },
    }).then(
      function (response) {
        if (response.type === "opaqueredirect" || response.status === 0 || response.status === 401 || response.status === 403) {
          expired = true;
          return;
        }
        if (!response.ok) return;
        return response.json().then(function (who) {
          expired = false;
          var user = String(who.user);
          return discardForeign(user).then(function () { return sendFrom(who.csrf, user); });
        });
      },
      function () { /* still offline */ }
    );
  }

  function flush() {
    if (flushing) {
      // Asked again while a round runs (the connection came back while an offline round was still
      // failing, say): one more round once it ends, rather than waiting for the next retry.
      addedWhileFlushing = true;
      return flushing;
    }
    flushing = run()
      .catch(function () { /* tried again on the next chance */ })
      .then(function () {
        flushing = null;
        render();
        if (addedWhileFlushing && !expired && navigator.onLine) {
          addedWhileFlushing = false;
          return flush(); // a write kept while this round was ending
        }
        if (reloadAfter && !mine().length) {
          reloadAfter = false;
          keepNotes();
          keepSaid();
          window.location.reload(); // the day as the server has it, with the check-in's words
        }
      });
    return flushing;
  }

  // ---- The check-in and "how did it feel" forms: kept here while offline. ----
  function fieldsOf(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "client_op" && typeof value === "string") fields.push([name, value]);
    });
    return fields;
  }

  function queuedNote(form) {
    var line = form.querySelector("[data-queued-note]");
    if (!line) {
      line = document.createElement("p");
      line.className = "queued-note";
      line.setAttribute("data-queued-note", "");
      line.setAttribute("role", "status");
      form.appendChild(line);
    }
    line.textContent = gettext("Saved on this phone. It will be sent when you're back online.");
  }

  function waiting() {
    return mine().length > 0;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var checkin = form.matches("[data-checkin-form]");
    var feel = form.matches(".tick-detail-form");
    if (!checkin && !feel) return;
    if (navigator.onLine && !waiting()) return; // online: the form posts as it always did
    event.preventDefault();
    var row = form.closest("[data-testid='plan-item']");
    var slug = row ? row.getAttribute("data-exercise") : "";
    add({
      url: form.action,
      fields: fieldsOf(form),
      kind: checkin ? "checkin" : "feel",
      target: checkin ? "c:" + pageDay : "f:" + pageDay + ":" + slug,
      slug: slug,
      base: checkin ? form.getAttribute("data-base") : row && row.getAttribute("data-base-feel"),
    });
    queuedNote(form);
  });

  // ---- When to send: on load, back online, back to the page, and every little while. ----
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") flush();
  });
  setInterval(function () {
    if (ops.length && navigator.onLine && !expired) flush();
  }, RETRY_MS);

  showSaid();

  var ready = openDb().then(function (opened) {
    db = opened;
    return tx("readonly", function (store) { return store.getAll(); });
  }).then(function (stored) {
    // Writes added while the database opened are already in `ops`.
    var known = {};
    ops.forEach(function (o) { known[o.id] = true; });
    ops = (stored || []).filter(function (o) { return !known[o.id]; }).concat(ops);
    ops.sort(function (a, b) { return a.seq - b.seq; });
    keptNotes().forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      notesList.appendChild(item);
    });
    render();
    flush();
    return ops;
  });

  window.BackCareQueue = {
    newId: newId,
    add: add,
    flush: flush,
    ready: ready,
    waiting: waiting,
    list: function () { return mine().slice(); },
    pendingFor: function (target) {
      return ops.some(function (o) { return o.target === target && o.user === pageUser; });
    },
    onAnswer: function (fn) { listeners.push(fn); },
    day: pageDay,
  };
})();
