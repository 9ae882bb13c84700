// Signing in again without leaving the page. A request that fails because the session ended
// (401 with "session-expired": signed out in another tab, or idle too long) or because the
// page's CSRF token is out of date (403 with "csrf-failed": signed in again in another tab)
// swaps nothing, so the form keeps its text. The page takes the new token and sends the
// request again: at once if the editor is still signed in, else after they sign in again in
// the dialog (#session-dialog in base.html), which posts to the ordinary login view (login
// throttling and the idle timeout apply as ever).
(function () {
  "use strict";

  var waiting = []; // requests to send again: {verb, path, source, values}
  var resending = false; // true while one is being sent again, to skip hx-confirm
  var resent = new WeakSet(); // the request configs of requests sent again

  function dialog() {
    return document.getElementById("session-dialog");
  }

  function flash(text) {
    var area = document.getElementById("flash");
    if (!area) return;
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.textContent = text;
    area.replaceChildren(p);
  }

  function failure(xhr) {
    var trigger = xhr.getResponseHeader("HX-Trigger") || "";
    if (xhr.status === 401 && /\bsession-expired\b/.test(trigger)) return "session";
    if (xhr.status === 403 && /\bcsrf-failed\b/.test(trigger)) return "csrf";
    return null;
  }

  function fetchToken() {
    var url = dialog() ? dialog().dataset.tokenUrl : null;
    if (!url) return Promise.reject(new Error("no token address"));
    return fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        // Sent elsewhere instead (staff who still owe their second factor): only a page can go.
        if (response.redirected) {
          throw new Refusal("Signed in, but the sign-in needs another step: reload the page " +
            "to finish it. What you typed is kept as a draft and comes back.");
        }
        if (!response.ok) throw new Error("token " + response.status);
        return response.json();
      });
  }

  // The new token goes wherever the page keeps one: each form's hidden field and the header
  // htmx sends (hx-headers on <body>).
  function useToken(token) {
    document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(function (field) {
      field.value = token;
    });
    var headers = {};
    try {
      headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    } catch (error) { /* replaced below */ }
    headers["X-CSRFToken"] = token;
    document.body.setAttribute("hx-headers", JSON.stringify(headers));
  }

  function resendAll(token) {
    var list = waiting;
    waiting = [];
    list.forEach(function (request) {
      if (!document.body.contains(request.source)) {
        flash("Not saved: that part of the page changed meanwhile. Your text is kept; save it again.");
        return;
      }
      var values = new FormData();
      request.values.forEach(function (value, name) {
        values.append(name, name === "csrfmiddlewaretoken" ? token : value);
      });
      resending = true;
      try {
        htmx.ajax(request.verb, request.path, { source: request.source, values: values });
      } finally {
        resending = false;
      }
    });
  }

  // A request sent again was confirmed the first time (hx-confirm): do not ask twice.
  document.addEventListener("htmx:confirm", function (event) {
    if (!resending) return;
    event.preventDefault();
    event.detail.issueRequest(true);
  });
  document.addEventListener("htmx:configRequest", function (event) {
    if (resending) resent.add(event.detail);
  });

  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var kind = failure(event.detail.xhr);
    if (!kind) return;
    event.preventDefault(); // no swap and no error message: the form keeps what was typed
    var config = event.detail.requestConfig;
    // The live poll asks by itself: it waits for the editor's next action, no dialog.
    if (/\bevery\b/.test(config.elt.getAttribute("hx-trigger") || "")) return;
    if (resent.has(config)) {
      flash("Not saved: the server refused the page's sign-in again. Your text is kept; " +
        "reload the page and save it again.");
      return;
    }
    waiting.push({ verb: config.verb, path: config.path, source: config.elt, values: config.formData });
    if (kind === "session") {
      openDialog();
      return;
    }
    // A token out of date while still signed in (signed in again in another tab): take the
    // new one and send again, unasked, if it is the same editor; else ask to sign in.
    fetchToken().then(function (answer) {
      if (answer.user && answer.user === document.body.dataset.user) {
        useToken(answer.token);
        resendAll(answer.token);
      } else {
        openDialog();
      }
    }, openDialog);
  });

  function showError(text) {
    var error = dialog().querySelector(".session-error");
    error.textContent = text;
    error.hidden = !text;
  }

  function openDialog() {
    var box = dialog();
    if (!box) {
      waiting = [];
      flash("Your session ended. Your text is kept in the page; sign in again in another tab, then save.");
      return;
    }
    if (box.open) return;
    showError("");
    box.querySelector('input[name="password"]').value = "";
    box.showModal();
    box.querySelector('input[name="password"]').focus();
  }

  // A refusal to show in the dialog as it is (anything else is a network failure).
  function Refusal(message) {
    this.message = message;
  }

  var signedIn = false;
  function signIn(form) {
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    showError("");
    fetchToken()
      .then(function (answer) {
        var body = new FormData(form);
        body.append("csrfmiddlewaretoken", answer.token);
        // A redirect is the login view's answer to a right password; it is not followed.
        return fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" });
      })
      .then(function (response) {
        if (response.type === "opaqueredirect") return fetchToken();
        if (response.status === 429) {
          throw new Refusal("Too many wrong passwords: signing in to this account from here is " +
            "paused for a while. Try again later, or ask an admin to unlock it.");
        }
        if (response.ok) throw new Refusal("Your username and password didn't match. Please try again.");
        throw new Refusal("Could not sign in (error " + response.status + "). Try again.");
      })
      .then(function (answer) {
        useToken(answer.token);
        signedIn = true;
        dialog().close();
        resendAll(answer.token);
      })
      .catch(function (error) {
        showError(error instanceof Refusal
          ? error.message : "Could not reach the server. Check the connection and try again.");
        form.querySelector('input[name="password"]').select();
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener("submit", function (event) {
    if (!event.target.classList || !event.target.classList.contains("session-form")) return;
    event.preventDefault();
    signIn(event.target);
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".session-cancel")) dialog().close();
  });

  // Closed without signing in (Not now, Escape): nothing is sent; the text stays.
  var box = dialog();
  if (box) {
    box.addEventListener("close", function () {
      if (signedIn) {
        signedIn = false;
        return;
      }
      waiting = [];
      flash("Not saved: you are signed out. Your text is kept; save again to sign in.");
    });
  }
})();
