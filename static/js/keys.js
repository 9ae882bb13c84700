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

  // The toast (#announcer, visible on this page): what a key did, or why it did nothing.
  function toast(text) {
    var announcer = document.getElementById("announcer");
    if (!announcer) return;
    var span = document.createElement("span");
    span.className = "toast-text";
    span.textContent = text;
    announcer.replaceChildren(span);
  }

  // Ctrl+Enter: save the form of the field, through htmx like a click on its Save button.
  function saveNote(field) {
    var save = field.form && field.form.querySelector(".save-note");
    if (!save) return;
    // Focus goes back to the card first: htmx puts focus back on the element of the same
    // id after the swap, and the next keys (j, 3) are shortcuts, not text in the note.
    var owner = field.closest(".claim-card");
    if (owner) owner.focus({ preventScroll: true });
    save.click();
    toast("Claim " + numberOf(owner) + ": saving…");
  }

  function numberOf(card) {
    var anchor = card && card.querySelector(".claim-anchor, .claim-number");
    return anchor ? anchor.textContent.replace("Claim ", "") : "";
  }

  // n on a card whose form has not come yet: what is typed meanwhile is the note's, not
  // shortcuts (typing "Mine" must not press i, n and e), and goes into it when it comes.
  var noteBuffer = null; // {id, text, save}

  function bufferNote(event) {
    if (!noteBuffer || event.metaKey || event.altKey) return false;
    if (event.ctrlKey && event.key === "Enter") noteBuffer.save = true;
    else if (event.ctrlKey) return false;
    else if (event.key === "Escape") noteBuffer = null;
    else if (event.key === "Backspace") noteBuffer.text = noteBuffer.text.slice(0, -1);
    else if (event.key === "Enter") noteBuffer.text += "\n";
    else if (event.key.length === 1) noteBuffer.text += event.key;
    else return false;
    event.preventDefault();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (!isTyping(event.target) && bufferNote(event)) return;
    if (event.ctrlKey && event.key === "Enter" && isTyping(event.target) && event.target.form) {
      // Ctrl+Enter saves the note being written, through htmx like a click on Save note.
      event.preventDefault();
      saveNote(event.target);
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
    if (key === "u" && !card) undo();
    else if (key === "j" || key === "ArrowDown") move(1);
    else if (key === "k" || key === "ArrowUp") move(-1);
    else if (key === "?") openHelp();
    else if (CARD_KEYS.indexOf(key) === -1 || !card) return;
    else if (queued.length || busy(card)) {
      loadFull(card); // a compact card whose load failed is asked for again
      // The card is being saved, or was just swapped in and htmx has not bound its forms
      // yet (a click then would submit natively and reload the page): act once it is back,
      // in the order typed, on the card the key was meant for.
      queued.push({ key: key, id: card.id });
      if (key === "n") noteBuffer = { id: card.id, text: "", save: false };
      runQueued();
    } else if (!act(key, card)) return;
    event.preventDefault();
  });

  // Keys that act on the current card. Each clicks or focuses one of the card's controls.
  // u waits too while the card saves, so it undoes that save, not the one before.
  var CARD_KEYS = ["1", "2", "3", "0", "a", "r", "e", "n", "x", "u"];
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
      else if (noteBuffer && noteBuffer.id === next.id) noteBuffer = null;
    }
  }

  // On a published article a key never changes anything by itself: an admin gets the
  // correction form (the verdict key picks its verdict), anyone else is told why not.
  function askToCorrect(key, card) {
    var lock = card.querySelector(".published-lock");
    if (!lock || "x" === key || "u" === key) return false;
    var correct = lock.querySelector(".open-correction");
    if (!correct) {
      toast(lock.textContent);
      lock.classList.add("attention");
      return true;
    }
    var url = correct.getAttribute("href") + (key in VERDICT_KEYS ? "?verdict=" + VERDICT_KEYS[key] : "");
    window.htmx.ajax("GET", url, { target: "#claim-extra-" + card.dataset.claim });
    return true;
  }

  // The next claim after `card` still to decide on (proposed, or without a verdict).
  function nextUndecided(card) {
    var list = cards();
    var index = list.indexOf(card);
    for (var i = index + 1; i < list.length; i++) {
      var other = list[i];
      if (other.classList.contains("state-proposed") || other.classList.contains("verdict-unreviewed")) {
        return other;
      }
    }
    return null;
  }

  function advance(card) {
    var next = nextUndecided(card);
    if (next) markCurrent(next);
    return next;
  }

  // An accepted claim's card has no Reject button (the bulk bar rejects too): r posts what
  // that button would, to the same URL, with the version the card shows.
  function rejectAccepted(card) {
    if (!card.classList.contains("state-accepted") || !card.querySelector(".claim-form")) return false;
    window.htmx.ajax("POST", "/claims/" + card.dataset.claim + "/reject/", {
      source: card, target: card, swap: "outerHTML", values: { version: card.dataset.version },
    });
    return true;
  }

  // u, or the toast's Undo button (batch: the action it was shown for; refused if that is
  // no longer this editor's last change here). The answer swaps what changed back in.
  function undo(batch) {
    var header = document.querySelector("[data-undo-url]");
    if (!header || !window.htmx) return toast("Undo is not available on this page.");
    toast("Undoing your last change…");
    window.htmx.ajax("POST", header.dataset.undoUrl, {
      source: header, swap: "none", values: batch ? { batch: batch } : {},
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".undo-button[data-batch]");
    if (button) undo(button.dataset.batch);
  });

  function act(key, card) {
    var number = numberOf(card);
    if (askToCorrect(key, card)) return true;
    if (key === "u") {
      undo();
      return true;
    }
    if (key in VERDICT_KEYS) {
      // Pressing the key again confirms a verdict that is waiting for "set it anyway".
      var value = VERDICT_KEYS[key];
      if (clickIn(card, '.confirm-verdict[value="' + value + '"]') ||
        clickIn(card, 'button[name="verdict"][value="' + value + '"]')) return true;
      toast("Claim " + number + ": no verdict can be given here" +
        (card.classList.contains("state-rejected") ? " (it is rejected: a accepts it)." : "."));
      return true;
    }
    if (key === "e") {
      if (clickIn(card, ".add-evidence")) toast("Claim " + number + ": add evidence (Esc closes).");
      else toast("Claim " + number + ": evidence cannot be added here.");
      return true;
    }
    if (key === "a" || key === "r") {
      // Both work on any state: accept a proposed or rejected claim, reject a proposed or
      // accepted one; then go on to the next claim still to decide.
      var verb = key === "a" ? "accepted" : "rejected";
      var done = card.classList.contains("state-" + verb);
      var clicked = clickIn(card, key === "a" ? ".accept-claim" : ".reject-claim") ||
        (key === "r" && rejectAccepted(card));
      var next = advance(card);
      if (!clicked) { // the server's answer confirms a click; say here why there was none
        toast("Claim " + number + (done ? " is already " + verb : " cannot be " + verb + " here") +
          (next ? "." : "; no undecided claim after it."));
      }
      return true;
    }
    if (key === "n") {
      var note = card.querySelector("textarea[name=note]");
      if (!note) {
        noteBuffer = null; // what was typed for it is dropped, not turned into shortcuts
        toast("Claim " + number + ": no note can be written here.");
        return true;
      }
      var typed = noteBuffer && noteBuffer.id === card.id ? noteBuffer : null;
      noteBuffer = null;
      if (typed) note.value += typed.text;
      note.focus();
      note.setSelectionRange(note.value.length, note.value.length); // add to the note, at its end
      toast("Claim " + number + ": writing the note (Ctrl+Enter saves, Esc leaves the field).");
      if (typed && typed.save) saveNote(note);
      return true;
    }
    if (key === "x") {
      if (!clickIn(card, ".bulk-select")) {
        toast("Claim " + number + " cannot be selected for a bulk action.");
        return true;
      }
      updateBulkCount();
      var box = card.querySelector(".bulk-select");
      toast("Claim " + number + (box && box.checked ? " selected" : " unselected") + " (" +
        document.querySelectorAll(".bulk-select:checked").length + " selected).");
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
    var path = event.detail.requestConfig && event.detail.requestConfig.path;
    if (from && event.detail.successful !== true && from.classList.contains("compact") &&
      path === from.dataset.card && Number(from.dataset.retries || 0) < 2) {
      // Loading the full card failed (a 503 while the database was busy): ask again, and
      // keep the keys waiting for it; a failed save, below, drops them.
      from.dataset.retries = Number(from.dataset.retries || 0) + 1;
      from.classList.remove("loading");
      loadFull(from);
      return;
    }
    if (from && event.detail.successful !== true) {
      queued = queued.filter(function (entry) { return entry.id !== from.id; });
      if (noteBuffer && noteBuffer.id === from.id) noteBuffer = null;
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

  // After htmx replaces a card, keep it current and keep keyboard focus on it: htmx puts
  // focus back on the element of the id it had, which may be the card just saved while
  // j had already moved on. Focus inside the current card (a form it opened) stays.
  document.addEventListener("htmx:afterSettle", function () {
    var body = document.getElementById("review-body");
    if (body && body.dataset.current) {
      // A claim just added (from a selection): it becomes current and comes into view.
      var added = document.getElementById(body.dataset.current);
      delete body.dataset.current;
      if (added) {
        currentId = added.id;
        added.classList.remove("is-current");
      }
    }
    var card = currentCard();
    var active = document.activeElement;
    if (card && !card.classList.contains("is-current")) {
      markCurrent(card, { focus: !isTyping(active) });
    } else if (card && !card.contains(active) && !isTyping(active) &&
      !document.querySelector("dialog[open]") &&
      (active === document.body || (active && active.classList.contains("claim-card")))) {
      card.focus({ preventScroll: true });
    }
    updateBulkCount();
  });
})();
