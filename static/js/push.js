// Push notifications on the settings page (templates/reminders/_calendar_push.html,
// docs/reminders.md "Push"): turn them on or off for this browser. The page works without this
// file (it then says JavaScript is needed, and "Turn off on every device" is a plain form).
// The notifications themselves are shown by static/js/sw-push.js inside the service worker.
(function () {
  "use strict";
  // The scripts' words (docs/translations.md): Django's catalogue (/jsi18n/) when it loaded, else English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (whole, name) { return String(values[name]); });
  };
  var box = document.querySelector("[data-push]");
  if (!box) return;
  var status = box.querySelector("[data-testid='push-status']");
  var devices = box.querySelector("[data-testid='push-devices']");
  var onButton = box.querySelector("[data-push-on]");
  var offButton = box.querySelector("[data-push-this-off]");
  var WORKER = "/sw.js"; // the site's service worker (served from the root by the app)
  var READY_MS = 10000;

  function say(text) {
    status.textContent = text;
  }
  function show(subscribed) {
    onButton.hidden = subscribed;
    offButton.hidden = !subscribed;
    onButton.disabled = offButton.disabled = false;
  }
  function busy() {
    onButton.disabled = offButton.disabled = true;
  }
  function csrfToken() {
    var field = document.querySelector("input[name='csrfmiddlewaretoken']");
    return field ? field.value : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "fetch",
        Accept: "application/json",
      },
      credentials: "same-origin",
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (!response.ok || !data.ok) throw new Error(data.message || gettext("The server did not answer."));
          return data;
        });
    });
  }
  function countDevices(n) {
    if (!devices || typeof n !== "number") return;
    devices.textContent =
      (n ? interpolate(ngettext("Push notifications are on for %(devices)s device.", "Push notifications are on for %(devices)s devices.", n), { devices: n }, true)
         : gettext("Push notifications are not on for any device yet.")) +
      " " + gettext('They arrive while reminders are on and "as a push notification" is ticked.');
  }
  // The public key as the bytes PushManager.subscribe wants.
  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  // The service worker's registration: the one the site registered, or registered here; it must
  // become active within READY_MS, or the page says so instead of waiting for ever.
  function registration() {
    var sw = navigator.serviceWorker;
    return Promise.resolve(sw.getRegistration ? sw.getRegistration() : undefined)
      .then(function (found) {
        return found || sw.register(WORKER);
      })
      .then(function () {
        return Promise.race([
          sw.ready,
          new Promise(function (resolve, reject) {
            window.setTimeout(function () {
              reject(new Error(gettext("The app's background helper did not start: reload the page and try again.")));
            }, READY_MS);
          }),
        ]);
      });
  }

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say(
      gettext("This browser cannot receive push notifications. On an iPhone or iPad, add BackCare to the home screen first (Share, then Add to Home Screen) and open it from there; or use e-mail or your calendar instead.")
    );
    box.setAttribute("data-push-state", "unsupported");
    return;
  }
  if (Notification.permission === "denied") {
    say(gettext("Notifications are blocked for this site: allow them in your browser's site settings, then reload this page."));
    box.setAttribute("data-push-state", "blocked");
    return;
  }

  var current = null; // this browser's subscription, once known
  say(gettext("Checking this device…"));
  Promise.resolve(navigator.serviceWorker.getRegistration ? navigator.serviceWorker.getRegistration() : undefined)
    .then(function (found) {
      return found && found.pushManager ? found.pushManager.getSubscription() : null;
    })
    .then(function (subscription) {
      current = subscription;
      show(!!subscription);
      box.setAttribute("data-push-state", subscription ? "on" : "off");
      if (!subscription) {
        say(gettext("Push notifications are off for this device."));
        return;
      }
      say(gettext("Push notifications are on for this device."));
      // The server may have forgotten it (the push service said it was gone): tell it again.
      return post(box.getAttribute("data-subscribe-url"), subscription.toJSON()).then(function (data) {
        countDevices(data.devices);
      });
    })
    .catch(function () {
      show(false);
      say(gettext("Push notifications are off for this device."));
    });

  onButton.addEventListener("click", function () {
    busy();
    say(gettext("Asking your browser…"));
    registration()
      .then(function (reg) {
        return reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(box.getAttribute("data-public-key")),
        });
      })
      .then(function (subscription) {
        current = subscription;
        return post(box.getAttribute("data-subscribe-url"), subscription.toJSON());
      })
      .then(function (data) {
        show(true);
        countDevices(data.devices);
        box.setAttribute("data-push-state", "on");
        say(gettext("Push notifications are on for this device."));
      })
      .catch(function (error) {
        show(false);
        box.setAttribute("data-push-state", "off");
        if (error && error.name === "NotAllowedError") {
          say(gettext("Notifications were not allowed, so push is off. You can allow them in your browser's site settings."));
        } else {
          say(interpolate(gettext("Push could not be turned on: %(reason)s"), { reason: (error && error.message) || gettext("please try again.") }, true));
        }
      });
  });

  offButton.addEventListener("click", function () {
    busy();
    var subscription = current;
    var endpoint = subscription && subscription.endpoint;
    Promise.resolve(subscription ? subscription.unsubscribe() : true)
      .then(function () {
        return endpoint ? post(box.getAttribute("data-unsubscribe-url"), { endpoint: endpoint }) : {};
      })
      .catch(function () {
        return {}; // the server had already forgotten it: off all the same
      })
      .then(function (data) {
        current = null;
        show(false);
        countDevices(data.devices);
        box.setAttribute("data-push-state", "off");
        say(gettext("Push notifications are off for this device."));
      });
  });
})();
