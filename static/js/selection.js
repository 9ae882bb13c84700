// Select words in the article to add a claim, re-anchor the current claim, or split it.
// Every piece of article text carries data-start (its offset in the stored body), so a
// browser selection maps back to body offsets without counting the claim badges.
(function () {
  "use strict";

  var tools = document.getElementById("selection-tools");
  if (!tools) return; // read-only users get no tools
  var selected = null; // {start, end} in body offsets (code points, as Python counts)

  function articleText() {
    return document.querySelector(".article-text");
  }

  function pieceStart(piece) {
    return Number(piece.dataset.start);
  }

  // Body offset of a DOM position (node, offset), or null outside the article's text.
  function bodyOffset(node, offset) {
    var root = articleText();
    if (!root || !root.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      var piece = node.parentElement.closest("[data-start]");
      if (!piece || !root.contains(piece)) return null;
      return pieceStart(piece) + Array.from(node.data.slice(0, offset)).length;
    }
    if (node.matches("[data-start]")) {
      // The boundary is the piece itself: before its text, or after it.
      return pieceStart(node) + (offset > 0 ? Array.from(node.textContent).length : 0);
    }
    var pieces = Array.prototype.slice.call(node.querySelectorAll("[data-start]"));
    var child = node.childNodes[offset];
    var after = pieces.filter(function (p) {
      return child && (p === child || child.contains(p) || child.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    if (after.length) return pieceStart(after[0]);
    var last = pieces[pieces.length - 1];
    return last ? pieceStart(last) + Array.from(last.textContent).length : null;
  }

  function currentCard() {
    return document.querySelector(".claim-list .claim-card.is-current:not(.state-rejected)");
  }

  function hide() {
    tools.hidden = true;
    selected = null;
  }

  function show(range, start, end) {
    var card = currentCard();
    var collapsed = start === end;
    var insideCurrent = card && start > Number(card.dataset.start) && start < Number(card.dataset.end);
    tools.querySelector('[data-tool="add"]').hidden = collapsed;
    tools.querySelector('[data-tool="span"]').hidden = collapsed || !card;
    tools.querySelector('[data-tool="split"]').hidden = !collapsed || !insideCurrent;
    if (Array.prototype.every.call(tools.children, function (b) { return b.hidden; })) return hide();
    var number = card ? card.querySelector(".claim-anchor").textContent.replace("Claim ", "") : "";
    tools.querySelectorAll("[data-current-number]").forEach(function (el) { el.textContent = number; });
    var rect = range.getBoundingClientRect();
    tools.style.top = window.scrollY + rect.bottom + 6 + "px";
    tools.style.left = window.scrollX + rect.left + "px";
    tools.hidden = false;
    selected = { start: start, end: end };
  }

  function onSelectionChange() {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount) return hide();
    var range = selection.getRangeAt(0);
    var start = bodyOffset(range.startContainer, range.startOffset);
    var end = bodyOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end < start) return hide();
    show(range, start, end);
  }

  function oneTimeKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes); // unlike randomUUID, also on plain http
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function post(url, values) {
    htmx.ajax("POST", url, {
      source: articleText(),
      target: "#review-body",
      swap: "outerHTML",
      values: values,
    });
    hide();
    window.getSelection().removeAllRanges();
  }

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tool]");
    if (!button || !selected) return;
    var card = currentCard();
    var tool = button.dataset.tool;
    if (tool === "add") {
      // A one-time key: a second click on the same selection adds the claim once.
      post(tools.dataset.addUrl, { start: selected.start, end: selected.end, submission: oneTimeKey() });
    } else if (card) {
      var url = "/claims/" + card.dataset.claim + "/" + tool + "/";
      post(url, { version: card.dataset.version, start: selected.start, end: selected.end, at: selected.start });
    }
  });

  document.addEventListener("mouseup", function (event) {
    if (tools.contains(event.target)) return;
    // Let the click make its claim current first (keys.js), then read the selection.
    window.setTimeout(onSelectionChange, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) onSelectionChange();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();
