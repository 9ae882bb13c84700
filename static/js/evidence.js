// The source type-ahead of the evidence form: picking an option fills the hidden source id.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var option = event.target.closest(".source-option");
    if (!option) return;
    var picker = option.closest(".source-picker");
    picker.querySelector(".source-id").value = option.dataset.sourceId;
    var input = picker.querySelector(".source-query");
    input.value = option.dataset.sourceName;
    input.setAttribute("aria-expanded", "false");
    picker.querySelector(".source-options").replaceChildren();
    input.focus();
  });

  // Typing a different name drops the earlier pick, so the id and the name never disagree.
  document.addEventListener("input", function (event) {
    if (!event.target.classList.contains("source-query")) return;
    var picker = event.target.closest(".source-picker");
    picker.querySelector(".source-id").value = "";
  });

  // The options can be redrawn (a later answer of the type-ahead) while the editor is in
  // them: keep focus on the same source, or go back to the field, never to the page, where
  // keys are triage shortcuts.
  var focusedSource = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.target.classList.contains("source-options")) return;
    var active = document.activeElement;
    focusedSource = event.target.contains(active) && active.classList.contains("source-option")
      ? active.dataset.sourceId : null;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.target.classList.contains("source-options")) return;
    var input = event.target.closest(".source-picker").querySelector(".source-query");
    input.setAttribute("aria-expanded", event.target.querySelector(".source-option") ? "true" : "false");
    if (focusedSource === null) return;
    var same = event.target.querySelector('.source-option[data-source-id="' + focusedSource + '"]');
    (same || input).focus();
    focusedSource = null;
  });

  // ArrowDown from the field moves into the options; Escape closes them.
  document.addEventListener("keydown", function (event) {
    var input = event.target.closest && event.target.closest(".source-query, .source-option");
    if (!input) return;
    var picker = input.closest(".source-picker");
    var options = Array.prototype.slice.call(picker.querySelectorAll(".source-option"));
    var index = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && options.length) {
      options[Math.min(index + 1, options.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && index >= 0) {
      (index === 0 ? picker.querySelector(".source-query") : options[index - 1]).focus();
      event.preventDefault();
    } else if (event.key === "Escape" && options.length) {
      picker.querySelector(".source-options").replaceChildren();
      picker.querySelector(".source-query").focus();
      event.preventDefault(); // the first Escape closes the list, the next the panel
    }
  });

  // The evidence panel (a fixed panel beside the page): Cancel or Escape closes it and
  // puts focus back on its claim card, where keys are shortcuts again.
  function closePanel(slot) {
    var card = slot.closest(".claim-card");
    slot.replaceChildren();
    if (card) card.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest(".evidence-form-slot .cancel-evidence");
    if (!cancel) return;
    event.preventDefault(); // without JavaScript the link goes back to the claim's page
    closePanel(cancel.closest(".evidence-form-slot"));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented || !event.target.closest) return;
    var slot = event.target.closest(".evidence-form-slot");
    if (slot) closePanel(slot);
  });
})();
