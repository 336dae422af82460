// Push reminders inside the service worker (docs/reminders.md, "Push"). Not a worker of its own:
// the site's service worker (/sw.js) loads it with importScripts("/static/js/sw-push.js").
// The server's payload (reminders/push.py) is JSON: {title, body, url, tag}.
/* global self, clients */
(function () {
  "use strict";
  var TODAY = "/today/";
  var ICON = "/static/img/favicon.svg";

  // Only a same-site address is opened: a payload cannot send the user elsewhere.
  function sameSite(url) {
    try {
      var parsed = new URL(url || TODAY, self.location.origin);
      return parsed.origin === self.location.origin ? parsed.href : new URL(TODAY, self.location.origin).href;
    } catch (e) {
      return new URL(TODAY, self.location.origin).href;
    }
  }

  self.addEventListener("push", function (event) {
    var data = {};
    if (event.data) {
      try {
        data = event.data.json();
      } catch (e) {
        data = { body: event.data.text() };
      }
    }
    // The server always sends the title and body in the person's language (reminders/push.py:
    // message); these English words are only for a payload without them (a worker has no page
    // language to fetch a catalogue in).
    var title = data.title || "Time for your back";
    event.waitUntil(
      self.registration.showNotification(title, {
        body: data.body || "A few minutes of today's exercises: open BackCare to see your plan.",
        tag: data.tag || "backcare-reminder",
        renotify: false,
        icon: ICON,
        badge: ICON,
        data: { url: sameSite(data.url) },
      })
    );
  });

  self.addEventListener("notificationclick", function (event) {
    event.notification.close();
    var url = sameSite(event.notification.data && event.notification.data.url);
    event.waitUntil(
      clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
        // A BackCare window already open: bring it forward on Today.
        for (var i = 0; i < windows.length; i += 1) {
          var client = windows[i];
          if (new URL(client.url).origin === self.location.origin && "focus" in client) {
            return client.focus().then(function (focused) {
              var target = focused || client;
              return target.url === url || !("navigate" in target) ? target : target.navigate(url);
            });
          }
        }
        return clients.openWindow ? clients.openWindow(url) : undefined;
      })
    );
  });
})();
