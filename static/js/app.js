// Small, purposeful behaviour on top of htmx. No build step.
(function () {
  "use strict";

  function flash(text) {
    var area = document.getElementById("flash");
    if (!area) return;
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.textContent = text;
    area.replaceChildren(p);
    // The review page's toast says it too, where the editor is looking.
    var toast = document.querySelector("#announcer.toast");
    if (toast) toast.textContent = text;
  }

  // Errors htmx does not swap (5xx, network): say so instead of failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var status = xhr ? xhr.status : "?";
    // A 503 says itself what happened (nothing saved, or not known whether it was).
    if (status === 503 && xhr.responseText && xhr.getResponseHeader("Content-Type").indexOf("text/plain") === 0) {
      flash(xhr.responseText);
      return;
    }
    flash("The server could not answer (error " + status + "). Reload the page to see what is saved, then try again.");
  });
  var TEXT_ENTRY = "textarea, select, [contenteditable], " +
    "input:not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])";
  // Browsers skip autofocus once the page has focus; swapped-in forms still want it, but
  // never from a field the editor is typing in. data-autofocus is for answers that arrive
  // on their own (the verdict's "set it anyway?"), which htmx must not focus by itself: a
  // note begun while that answer was on its way lost the rest of its text to shortcuts.
  document.addEventListener("htmx:afterSettle", function (event) {
    var field = event.detail.elt && event.detail.elt.querySelector &&
      event.detail.elt.querySelector("[autofocus], [data-autofocus]");
    var active = document.activeElement;
    var typing = active && active !== field && active.matches && active.matches(TEXT_ENTRY);
    if (field && !field.contains(active) && !typing) field.focus();
  });
  // An over-long paste is refused here, before it is sent, so the text stays in the field.
  document.addEventListener("submit", function (event) {
    var field = event.target.querySelector && event.target.querySelector("[data-max-chars]");
    if (!field) return;
    var limit = Number(field.dataset.maxChars);
    if (field.value.length <= limit) return;
    event.preventDefault();
    var note = field.parentNode.querySelector(".too-long") || document.createElement("span");
    note.className = "field-error too-long";
    note.setAttribute("role", "alert");
    note.textContent = "The text is too long (" + field.value.length.toLocaleString() +
      " characters; the limit is " + limit.toLocaleString() + "). Shorten it and import again.";
    field.parentNode.appendChild(note);
    field.focus();
  });
  document.addEventListener("htmx:sendError", function () {
    flash("The server could not be reached. Nothing was changed; check the connection and try again.");
  });
})();
