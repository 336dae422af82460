// BackCare's service worker, served as /sw.js by backcare/pwa.py, which puts a first line before
// this file: self.BACKCARE_SW = {version, hashed, precache, offline, today, logout, staticPrefix, push}.
// The rules and why: docs/offline.md. In short:
// - static files: kept at install (the list from the server, hashed URLs in production) in a cache
//   named after the deployment's version; the caches of older versions are deleted on activate.
// - pages: always from the network. When the network fails, Today is answered from the copy kept
//   for the signed-in user on this phone (under the user's opaque key, never anyone else's), and
//   any other page with the offline page.
// - logging out deletes every kept page, here (the logout POST passes through this worker) and
//   in the page (static/js/pwa.js), whichever runs first; so do deleting the account and changing
//   the password (their POSTs pass through here too; their answers also carry Clear-Site-Data).
// - the scripts' words (/jsi18n/?lang=…, Django's JavaScriptCatalog): from the network, kept with
//   the static files and with a kept Today, so a page shown offline keeps its language.
// - a page the server answers as not signed in (the log-in page) means the session is over,
//   whoever ended it: the kept Today goes (the offline queue's unsent writes wait for the same
//   person to log in again). A kept Today older than a session can last is never shown.
/* global self, caches, fetch, Response, Request, Headers, URL */
"use strict";

var CONFIG = self.BACKCARE_SW || {
  version: "none",
  hashed: false,
  precache: [],
  offline: "/offline/",
  today: "/today/",
  logout: "/accounts/logout/",
  ends: ["/accounts/logout/"],
  login: "/accounts/login/",
  maxAge: 0,
  staticPrefix: "/static/",
  catalogue: "/jsi18n/",
  push: null,
};
var STATIC_CACHE = "backcare-static-" + CONFIG.version;
var USER_CACHE_PREFIX = "backcare-user-";
var META_CACHE = "backcare-meta";
var CURRENT_USER_KEY = "/__backcare-sw/current-user";
var SAVED_HEADER = "X-BackCare-Saved";

// Web Push (reminders) lives in its own file; the worker installs without it.
if (CONFIG.push) {
  try {
    self.importScripts(CONFIG.push);
  } catch (error) {
    // Missing or broken: no push handlers, everything else works.
  }
}

function scopeUrl(path) {
  return new URL(path, self.registration.scope).href;
}

// ---- who is signed in on this phone -------------------------------------------------------

function currentUser() {
  return caches.open(META_CACHE).then(function (cache) {
    return cache.match(CURRENT_USER_KEY).then(function (found) {
      return found ? found.text() : "";
    });
  });
}

function userCacheNames() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) {
      return name.indexOf(USER_CACHE_PREFIX) === 0;
    });
  });
}

// Forget every kept page and who was signed in: on logging out.
function forgetPages() {
  return userCacheNames()
    .then(function (names) {
      return Promise.all(names.map(function (name) { return caches.delete(name); }));
    })
    .then(function () {
      return caches.delete(META_CACHE);
    });
}

// The offline queue's writes (static/js/offline-queue.js: database "backcare-offline", store
// "writes"): emptied when the session they belong to is over and they can never be sent as theirs.
var QUEUE_DB = "backcare-offline";
var QUEUE_STORE = "writes";

function forgetQueue() {
  return new Promise(function (resolve) {
    if (!self.indexedDB) return resolve();
    var request;
    try {
      request = self.indexedDB.open(QUEUE_DB, 1);
    } catch (error) {
      return resolve();
    }
    request.onupgradeneeded = function () {
      // No queue on this phone yet: make the empty store the page would make.
      request.result.createObjectStore(QUEUE_STORE, { keyPath: "id" });
    };
    request.onsuccess = function () {
      var db = request.result;
      try {
        var clearing = db.transaction(QUEUE_STORE, "readwrite");
        clearing.objectStore(QUEUE_STORE).clear();
        clearing.oncomplete = clearing.onerror = clearing.onabort = function () {
          db.close();
          resolve();
        };
      } catch (error) {
        db.close();
        resolve();
      }
    };
    request.onerror = request.onblocked = function () { resolve(); };
  });
}

// The session on this phone is over (logged out, account deleted, password changed, sent to log
// in): nothing of the person stays.
function forgetEverything() {
  return Promise.all([forgetPages(), forgetQueue()]);
}

// `user` is signed in on this phone now: another user's kept pages go.
function setCurrentUser(user) {
  if (!user) return Promise.resolve();
  return userCacheNames()
    .then(function (names) {
      return Promise.all(
        names
          .filter(function (name) { return name !== USER_CACHE_PREFIX + user; })
          .map(function (name) { return caches.delete(name); })
      );
    })
    .then(function () {
      return caches.open(META_CACHE);
    })
    .then(function (cache) {
      return cache.put(CURRENT_USER_KEY, new Response(user, { headers: { "Content-Type": "text/plain" } }));
    });
}

// ---- Today kept for its user ---------------------------------------------------------------

var BODY_USER = /<body[^>]*\sdata-sw-user="([0-9a-f]*)"/;
var ASSET = /\s(?:href|src)="([^"]+)"/g;

function assetUrls(html) {
  var urls = [];
  var match;
  var prefix = scopeUrl(CONFIG.staticPrefix);
  ASSET.lastIndex = 0;
  while ((match = ASSET.exec(html)) !== null) {
    var found = new URL(match[1].replace(/&amp;/g, "&"), self.registration.scope);
    var url = found.href;
    if ((url.indexOf(prefix) === 0 || isCatalogue(found)) && urls.indexOf(url) === -1) urls.push(url);
  }
  return urls;
}

// A page's headers for a body rebuilt here: its length and encoding are no longer the network's.
function bodyHeaders(original) {
  var headers = new Headers(original);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  return headers;
}

// Keep a Today page the network just gave, with the static files it links, in its user's cache
// (rebuilt each time, so it holds one page and the files of the deployment that drew it: a
// deploy that replaces the static cache leaves the kept page its own CSS and scripts).
function keepToday(response) {
  return response.text().then(function (html) {
    var found = BODY_USER.exec(html);
    var user = found ? found[1] : "";
    if (!user) return undefined;
    var name = USER_CACHE_PREFIX + user;
    var headers = bodyHeaders(response.headers);
    headers.set(SAVED_HEADER, new Date().toISOString());
    var page = new Response(html, { status: 200, statusText: "OK", headers: headers });
    var assets = assetUrls(html);
    var todayUrl = scopeUrl(CONFIG.today);
    // The new copy is written over the old one first and the files the new Today no longer links
    // are dropped after: at no moment is the user's kept Today missing (a delete-then-write left
    // it gone while the files were fetched, and an offline load in that gap found nothing).
    return setCurrentUser(user)
      .then(function () { return caches.open(name); })
      .then(function (cache) {
        return cache.put(todayUrl, page).then(function () {
          return Promise.all(
            assets.map(function (url) {
              return caches.match(url).then(function (hit) {
                if (hit) return cache.put(url, hit);
                return fetch(url).then(function (fresh) {
                  if (fresh.ok) return cache.put(url, fresh);
                  return undefined;
                });
              }).catch(function () { return undefined; });
            })
          );
        }).then(function () {
          return dropStale(cache, [todayUrl].concat(assets));
        });
      });
  });
}

function dropStale(cache, keep) {
  var wanted = {};
  keep.forEach(function (url) { wanted[new URL(url, self.location.href).href] = true; });
  return cache.keys().then(function (requests) {
    return Promise.all(
      requests.map(function (request) {
        return wanted[request.url] ? undefined : cache.delete(request);
      })
    );
  });
}

function keptToday() {
  return currentUser().then(function (user) {
    if (!user) return null;
    var name = USER_CACHE_PREFIX + user;
    return caches.has(name).then(function (exists) {
      if (!exists) return null;
      return caches.open(name).then(function (cache) {
        return cache.match(scopeUrl(CONFIG.today));
      }).then(function (hit) {
        if (!hit) return null;
        var saved = hit.headers.get(SAVED_HEADER) || "";
        var when = Date.parse(saved);
        if (CONFIG.maxAge && !(Date.now() - when < CONFIG.maxAge * 1000)) {
          // Older than any session lasts (or undated): the session that drew it is over.
          return forgetPages().then(function () { return null; });
        }
        return hit.text().then(function (html) {
          // Tell the page it is the copy kept on the phone (static/js/pwa.js says so).
          html = html.replace("<body ", '<body data-offline-copy="' + saved.replace(/[^0-9TZ:.-]/g, "") + '" ');
          return new Response(html, { status: 200, statusText: "OK", headers: bodyHeaders(hit.headers) });
        });
      });
    });
  });
}

function offlinePage() {
  return caches.match(scopeUrl(CONFIG.offline)).then(function (hit) {
    return hit || new Response("<!doctype html><title>Offline</title><p>No connection just now.</p>", {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  });
}

// ---- lifecycle ------------------------------------------------------------------------------

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) {
      var files = cache.addAll(CONFIG.precache);
      // The offline page without cookies: the same page for everyone.
      var page = fetch(new Request(scopeUrl(CONFIG.offline), { credentials: "omit" })).then(function (response) {
        if (!response.ok) throw new Error("offline page: " + response.status);
        return cache.put(scopeUrl(CONFIG.offline), response);
      });
      return Promise.all([files, page]);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names
          .filter(function (name) { return name.indexOf("backcare-static-") === 0 && name !== STATIC_CACHE; })
          .map(function (name) { return caches.delete(name); })
      );
    }).then(function () {
      return self.clients.claim();
    })
  );
});

// The first Today a phone opens loads before the worker is installed, so `navigate` never sees
// it: the page (static/js/pwa.js) asks once it is ready. Only a page that is Today may ask, and
// the copy is fetched afresh (the page's own DOM may have been changed by its scripts), kept by
// the same rule as a Today that passed through here.
function keepFirstToday(client) {
  if (!client || !client.url) return Promise.resolve();
  var url = new URL(client.url);
  if (url.origin !== self.location.origin || url.pathname !== pathOf(CONFIG.today)) return Promise.resolve();
  return fetch(scopeUrl(CONFIG.today), { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
    if (response.status === 200 && !response.redirected && html) return keepToday(response);
    return undefined;
  }).catch(function () { return undefined; });
}

// The page sends "user" and then "keep-today" at once; the first Today is kept under the user the
// worker knows, so the keeping waits for the user to be set (messages arrive in order, the work
// each starts is asynchronous: without the wait, the copy could go under the user before).
var userSet = Promise.resolve();

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.type === "user") done = userSet = setCurrentUser(String(data.user || ""));
  else if (data.type === "logout") done = forgetPages();
  else if (data.type === "keep-today") {
    done = userSet.then(function () {
      return keepFirstToday(event.source);
    });
  }
  if (!done) return;
  event.waitUntil(
    done.then(function () {
      if (event.source && data.reply) event.source.postMessage({ type: data.reply });
    })
  );
});

// ---- fetch ----------------------------------------------------------------------------------

function isStatic(url) {
  return url.origin === self.location.origin && url.href.indexOf(scopeUrl(CONFIG.staticPrefix)) === 0;
}

// The scripts' words in one language (its URL names the language): the same for everyone.
function isCatalogue(url) {
  return Boolean(CONFIG.catalogue) && url.origin === self.location.origin && url.pathname === pathOf(CONFIG.catalogue);
}

// From the network (a deploy may change the words); a copy is kept with the static files, and a
// kept Today keeps its own, so offline the words are the last ones seen.
function fromCatalogue(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(STATIC_CACHE).then(function (cache) { return cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request).then(function (hit) { return hit || Response.error(); });
  });
}

function fromStatic(request) {
  function network() {
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  }
  if (CONFIG.hashed) {
    // A hashed URL's bytes never change: the kept copy is the file.
    return caches.match(request).then(function (hit) { return hit || network(); });
  }
  // Development: the file may have changed under its name; the kept copy is for offline only.
  return network().catch(function () {
    return caches.match(request).then(function (hit) { return hit || Response.error(); });
  });
}

function pathOf(path) {
  return new URL(scopeUrl(path)).pathname;
}

function isLogin(url) {
  return url.origin === self.location.origin && url.pathname === pathOf(CONFIG.login);
}

// The server answered as not signed in: the session this phone kept pages for is over (a logout,
// expiry, the account deleted or the password changed on another device): the kept Today goes.
// The queue's unsent writes stay, waiting for the same person to log in again (offline-queue.js
// asks another user before it discards them): an expired session must not lose a day's ticks.
function signedOut() {
  return forgetPages();
}

function navigate(event) {
  var request = event.request;
  var url = new URL(request.url);
  var isToday = url.pathname === pathOf(CONFIG.today);
  return fetch(request).then(
    function (response) {
      var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
      var landed = response.redirected && response.url ? new URL(response.url) : url;
      if (response.status === 401 || (isLogin(landed) && response.type !== "opaqueredirect")) {
        // Forgotten before the page shows, so going offline right after never brings it back.
        return signedOut().catch(function () { return undefined; }).then(function () { return response; });
      }
      if (isToday && response.status === 200 && !response.redirected && html) {
        event.waitUntil(keepToday(response.clone()).catch(function () { return undefined; }));
      }
      return response;
    },
    function () {
      var kept = isToday ? keptToday() : Promise.resolve(null);
      return kept.then(function (page) { return page || offlinePage(); });
    }
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && (CONFIG.ends || [CONFIG.logout]).map(pathOf).indexOf(url.pathname) !== -1) {
    // Logging out, deleting the account, changing the password: forget the kept pages and the
    // queue (the request itself goes on to the server as it is).
    event.waitUntil(forgetEverything());
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (isStatic(url)) {
    event.respondWith(fromStatic(request));
  } else if (isCatalogue(url)) {
    event.respondWith(fromCatalogue(request));
  }
});
