// Live updates arrive from the page's poll (#live) as out-of-band swaps. A card or the
// claim list the editor is typing in, or a card holding an unsaved edit (a conflict shown,
// a verdict to confirm), is never replaced under them: it is marked instead, and their
// next save meets the normal stale-version check, which shows both versions.
(function () {
  "use strict";

  var fromPoll = false;
  document.addEventListener("htmx:beforeSwap", function (event) {
    fromPoll = event.detail.elt && event.detail.elt.id === "live";
  });
  document.addEventListener("htmx:afterSettle", function () {
    fromPoll = false;
  });

  function busy(element) {
    // A card showing an edit that was not saved (a conflict, a confirmation, errors) keeps
    // that edit in its form: a redraw would drop it.
    if (element.classList.contains("has-pending") || element.querySelector(".has-pending")) {
      return true;
    }
    var active = document.activeElement;
    if (active && element.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) {
      return true;
    }
    return Array.prototype.some.call(
      element.querySelectorAll("textarea, input[type=text], input[type=url]"),
      function (field) { return field.value !== field.defaultValue; }
    );
  }

  function markChanged(element) {
    if (element.querySelector(".changed-meanwhile")) return;
    var notice = document.createElement("p");
    notice.className = "changed-meanwhile";
    notice.setAttribute("role", "status");
    notice.textContent = "A colleague changed this while you were typing. Your text is kept; " +
      "saving will show both versions.";
    element.prepend(notice);
  }

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    if (!fromPoll) return;
    var target = event.detail.target;
    var guarded = target.classList.contains("claim-card") || target.id === "review-body";
    if (guarded && busy(target)) {
      event.detail.shouldSwap = false;
      markChanged(target.classList.contains("claim-card") ? target : document.getElementById("flash"));
    }
  });
})();
