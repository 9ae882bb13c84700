// Keyboard-first triage on the review page. Every key maps to a button or field that is
// also reachable by mouse and Tab; this file only moves focus and clicks those controls.
(function () {
  "use strict";

  var VERDICT_KEYS = { "1": "corroborated", "2": "disputed", "3": "unverified", "0": "unreviewed" };
  var currentId = null; // id of the current claim card, survives htmx swaps

  function cards() {
    // Rejected claims stay listed (to restore them) but triage skips them.
    return Array.prototype.slice.call(
      document.querySelectorAll(".claim-list .claim-card:not(.state-rejected)")
    );
  }

  function currentCard() {
    return currentId ? document.getElementById(currentId) : null;
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function markCurrent(card, options) {
    document.querySelectorAll(".is-current").forEach(function (el) {
      el.classList.remove("is-current");
    });
    if (!card) return;
    currentId = card.id;
    card.classList.add("is-current");
    loadFull(card);
    var claimId = card.dataset.claim;
    document.querySelectorAll('mark[data-claim="' + claimId + '"]').forEach(function (mark) {
      mark.classList.add("is-current");
    });
    if (!options || options.focus !== false) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
      var mark = document.querySelector('mark[data-claim="' + claimId + '"]');
      if (mark) mark.scrollIntoView({ block: "nearest" });
    }
  }

  // The list sends compact cards; a card's forms load when it becomes current. Keys pressed
  // meanwhile wait in the queue below (a compact card counts as busy) and run on the full card.
  function loadFull(card) {
    if (!card || !card.classList.contains("compact") || card.classList.contains("loading")) return;
    if (!window.htmx || !card.dataset.card) return;
    card.classList.add("loading");
    var box = card.querySelector(".bulk-select");
    var selected = Boolean(box && box.checked);
    var id = card.id;
    window.htmx.ajax("GET", card.dataset.card, { source: card, target: card, swap: "outerHTML" })
      .then(function () {
        var fresh = document.getElementById(id);
        var freshBox = fresh && fresh.querySelector(".bulk-select");
        if (selected && freshBox) freshBox.checked = true; // keep what was ticked for bulk
        if (fresh) fresh.classList.remove("loading");
        updateBulkCount();
      });
  }

  function move(step) {
    var list = cards();
    if (!list.length) return;
    var index = list.indexOf(currentCard());
    var next = index === -1 ? (step > 0 ? 0 : list.length - 1) : index + step;
    markCurrent(list[Math.max(0, Math.min(list.length - 1, next))]);
  }

  function clickIn(card, selector) {
    var control = card && card.querySelector(selector);
    if (control) control.click();
    return Boolean(control);
  }

  function updateBulkCount() {
    var counter = document.getElementById("bulk-count");
    if (counter) counter.textContent = document.querySelectorAll(".bulk-select:checked").length;
  }

  function openHelp() {
    var dialog = document.getElementById("key-help");
    if (dialog && !dialog.open) dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey && event.key === "Enter" && isTyping(event.target) && event.target.form) {
      // Ctrl+Enter saves the note being written, through htmx like a click on Save note.
      event.preventDefault();
      var save = event.target.form.querySelector(".save-note");
      if (save) save.click();
      return;
    }
    if (event.key === "Escape" && isTyping(event.target)) {
      var card = event.target.closest(".claim-card");
      if (card) markCurrent(card);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (document.querySelector("dialog[open]")) return;

    var card = currentCard();
    var key = event.key;
    if (key === "j" || key === "ArrowDown") move(1);
    else if (key === "k" || key === "ArrowUp") move(-1);
    else if (key === "?") openHelp();
    else if (CARD_KEYS.indexOf(key) === -1 || !card) return;
    else if (queued.length || busy(card)) {
      loadFull(card); // a compact card whose load failed is asked for again
      // The card is being saved, or was just swapped in and htmx has not bound its forms
      // yet (a click then would submit natively and reload the page): act once it is back,
      // in the order typed, on the card the key was meant for.
      queued.push({ key: key, id: card.id });
      runQueued();
    } else if (!act(key, card)) return;
    event.preventDefault();
  });

  // Keys that act on the current card. Each clicks or focuses one of the card's controls.
  var CARD_KEYS = ["1", "2", "3", "0", "a", "r", "e", "n", "x"];
  var queued = []; // {key, id} pressed while their card was busy

  function busy(card) {
    // htmx-added stays on swapped-in content until htmx has processed it (at settle time).
    return card.classList.contains("compact") || card.classList.contains("htmx-request") ||
      Boolean(card.querySelector(".htmx-request")) ||
      Boolean(card.closest(".htmx-added"));
  }

  function runQueued() {
    while (queued.length) {
      var card = document.getElementById(queued[0].id);
      if (card && busy(card)) return;
      var next = queued.shift();
      if (card) act(next.key, card); // a card that is gone takes its keys with it
    }
  }

  // On a published article a key never changes anything by itself: an admin gets the
  // correction form (the verdict key picks its verdict), anyone else is told why not.
  function askToCorrect(key, card) {
    var lock = card.querySelector(".published-lock");
    if (!lock || "x" === key) return false;
    var correct = lock.querySelector(".open-correction");
    if (!correct) {
      var announcer = document.getElementById("announcer");
      if (announcer) announcer.textContent = lock.textContent;
      lock.classList.add("attention");
      return true;
    }
    var url = correct.getAttribute("href") + (key in VERDICT_KEYS ? "?verdict=" + VERDICT_KEYS[key] : "");
    window.htmx.ajax("GET", url, { target: "#claim-extra-" + card.dataset.claim });
    return true;
  }

  function act(key, card) {
    if (askToCorrect(key, card)) return true;
    if (key in VERDICT_KEYS) {
      // Pressing the key again confirms a verdict that is waiting for "set it anyway".
      var value = VERDICT_KEYS[key];
      return clickIn(card, '.confirm-verdict[value="' + value + '"]') ||
        clickIn(card, 'button[name="verdict"][value="' + value + '"]');
    }
    if (key === "e") return clickIn(card, ".add-evidence");
    if (key === "a") return clickIn(card, ".accept-claim");
    if (key === "r") {
      if (!clickIn(card, ".reject-claim")) return false;
      move(1); // a rejected claim leaves triage: go on to the next one
      return true;
    }
    if (key === "n") {
      var note = card.querySelector("textarea[name=note]");
      if (!note) return false;
      note.focus();
      note.setSelectionRange(note.value.length, note.value.length); // add to the note, at its end
      return true;
    }
    if (key === "x") {
      if (!clickIn(card, ".bulk-select")) return false;
      updateBulkCount();
      return true;
    }
    return false;
  }

  // Another script (drafts.js: a draft waits for this card's note) asks for the full card.
  document.addEventListener("card:open", function (event) { loadFull(event.target); });

  // Keys pressed while the card was saving run, in order, on the card that came back.
  document.addEventListener("htmx:afterSettle", runQueued);
  // A request that swaps nothing back ends here. One that failed (5xx, network) drops the
  // keys waiting for its card: the flash says nothing was saved.
  document.addEventListener("htmx:afterRequest", function (event) {
    var from = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest(".claim-card");
    if (from && event.detail.successful !== true) {
      queued = queued.filter(function (entry) { return entry.id !== from.id; });
      from.classList.remove("loading");
    }
    runQueued();
  });

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-opens]");
    if (opener) {
      var dialog = document.getElementById(opener.dataset.opens);
      if (dialog) dialog.showModal();
      return;
    }
    // A compact card's number opens its forms here (without JavaScript: the claim's own page).
    var anchor = event.target.closest(".claim-card.compact .claim-anchor");
    if (anchor) {
      event.preventDefault();
      var owner = anchor.closest(".claim-card");
      markCurrent(owner);
      loadFull(owner);
      return;
    }
    // A click on a highlight in the text makes its claim current.
    var mark = event.target.closest("mark[data-claim]");
    if (mark) markCurrent(document.getElementById("claim-" + mark.dataset.claim));
  });

  document.addEventListener("focusin", function (event) {
    var card = event.target.closest && event.target.closest(".claim-list .claim-card");
    if (card && (card.id !== currentId || card.classList.contains("compact"))) {
      markCurrent(card, { focus: false });
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.classList.contains("bulk-select")) updateBulkCount();
  });

  // "Select all shown": every claim the current filter lists, for a bulk action. The list
  // draws its cards a window at a time, so the cards not drawn yet are fetched first.
  function selectAllShown() {
    document.querySelectorAll(".claim-list .bulk-select").forEach(function (box) {
      box.checked = true;
    });
    updateBulkCount();
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-select-shown]")) return;
    var more = document.querySelector(".claim-list .more-claims");
    if (!more || !window.htmx) return selectAllShown();
    window.htmx.ajax("GET", more.dataset.rest, { source: more, target: more, swap: "outerHTML" })
      .then(selectAllShown);
  });

  // After htmx replaces a card, keep it current and keep keyboard focus on it.
  document.addEventListener("htmx:afterSettle", function () {
    var card = currentCard();
    if (card && !card.classList.contains("is-current")) {
      var typing = isTyping(document.activeElement);
      markCurrent(card, { focus: !typing });
    }
    updateBulkCount();
  });
})();
