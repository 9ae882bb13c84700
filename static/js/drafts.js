// Local drafts of what editors type: a claim's note, its wording, its evidence. Each form
// marked data-draft keeps its fields in localStorage as they are typed (per user, article,
// claim and form), puts them back when the form comes back (a reload, signing in again, the
// card redrawn) with a "Draft restored" line, and forgets them once a save succeeds (2xx).
// A failed save (conflict, refusal, error, session ended) keeps them. Leaving the page with
// unsaved text asks first.
(function () {
  "use strict";

  var PREFIX = "factcheck:draft:";
  var MAX_AGE = 14 * 24 * 3600 * 1000; // a draft untouched for two weeks is dropped
  var SKIPPED = /^(hidden|submit|button|reset|file|password|image)$/;

  function key(form) {
    return PREFIX + (document.body.dataset.user || "") + ":" + form.dataset.draft;
  }

  function read(name) {
    try {
      var draft = JSON.parse(window.localStorage.getItem(name));
      if (draft && draft.values && Date.now() - draft.saved < MAX_AGE) return draft;
      if (draft) window.localStorage.removeItem(name);
    } catch (error) { /* storage off or a stray value: no draft */ }
    return null;
  }

  function forget(form) {
    try { window.localStorage.removeItem(key(form)); } catch (error) { /* storage off */ }
  }

  // The fields a draft keeps: what the editor types or picks, and hidden fields marked
  // data-draft-field (the source picked in the type-ahead); never the token or the version.
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.tagName === "BUTTON" || field.tagName === "FIELDSET") return false;
      return !SKIPPED.test(field.type) || field.hasAttribute("data-draft-field");
    });
  }

  function changed(field) {
    if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function isDirty(form) {
    return fields(form).some(changed);
  }

  function save(form) {
    if (!document.body.contains(form)) return;
    if (!isDirty(form)) {
      forget(form);
      return;
    }
    var values = {};
    fields(form).forEach(function (field) {
      if (field.type === "radio") {
        if (field.checked) values[field.name] = field.value;
      } else if (field.type === "checkbox") {
        values[field.name] = field.checked;
      } else {
        values[field.name] = field.value;
      }
    });
    var version = form.querySelector('input[name="version"]');
    var draft = { values: values, version: version ? version.value : null, saved: Date.now() };
    try {
      window.localStorage.setItem(key(form), JSON.stringify(draft));
    } catch (error) { /* storage full or off: the page still has the text */ }
  }

  // Saved a moment after the event, so the type-ahead's own handlers (which fill or clear
  // the picked source) have run first.
  function schedule(form) {
    if (form.draftTimer) return;
    form.draftTimer = window.setTimeout(function () {
      form.draftTimer = null;
      save(form);
    }, 0);
  }

  function trackedForm(target) {
    var form = target && (target.form || (target.closest && target.closest("form")));
    return form && form.dataset && form.dataset.draft ? form : null;
  }

  ["input", "change", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".draft-hint")) return;
      var form = trackedForm(event.target);
      if (form) schedule(form);
    });
  });

  // A save that went through: its draft is done with. htmx sends the form's own request
  // from the form (hx-post on the form); a button with its own hx-post (merge) is another
  // action and leaves the draft alone. (The form itself may be gone, swapped with its card:
  // the event then reaches the page through a parent, and the request names the form.)
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    var xhr = event.detail.xhr;
    if (!form || !form.dataset || !form.dataset.draft || !xhr) return;
    if (xhr.status >= 200 && xhr.status < 300) {
      window.clearTimeout(form.draftTimer);
      form.draftTimer = null;
      forget(form);
    }
  });

  function restore(form) {
    var draft = read(key(form));
    if (!draft) return;
    var restored = false;
    fields(form).forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(draft.values, field.name)) return;
      var value = draft.values[field.name];
      if (field.type === "radio" || field.type === "checkbox") {
        var on = field.type === "radio" ? field.value === value : value === true;
        if (field.checked !== on) {
          field.checked = on;
          restored = true;
        }
      } else if (field.value !== value) {
        field.value = value;
        restored = true;
      }
    });
    if (restored) showHint(form, draft);
  }

  function showHint(form, draft) {
    if (form.querySelector(".draft-hint")) return;
    var version = form.querySelector('input[name="version"]');
    var moved = draft.version && version && version.value !== draft.version;
    var hint = document.createElement("p");
    hint.className = "draft-hint";
    hint.setAttribute("role", "status");
    hint.textContent = moved
      ? "Draft restored, not saved yet. The claim has changed since you wrote it: check before saving. "
      : "Draft restored, not saved yet. ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "small-button draft-discard";
    discard.textContent = "Discard draft";
    hint.appendChild(discard);
    form.prepend(hint);
  }

  document.addEventListener("click", function (event) {
    var discard = event.target.closest && event.target.closest(".draft-discard");
    if (!discard) return;
    var form = discard.closest("form");
    fields(form).forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") field.checked = field.defaultChecked;
      else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = option.defaultSelected;
        });
      } else field.value = field.defaultValue;
    });
    forget(form);
    discard.closest(".draft-hint").remove();
  });

  // A claim's card is sent compact (no forms); one with a draft waiting is opened so the
  // draft comes back into its form (keys.js loads the full card on "card:open").
  function openDrafted(root) {
    var text = document.querySelector(".article-text[data-article]");
    if (!text) return;
    var prefix = PREFIX + (document.body.dataset.user || "") + ":a" + text.dataset.article + ":c";
    var claims = {};
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var name = window.localStorage.key(i);
        if (name && name.indexOf(prefix) === 0 && read(name)) claims[name.slice(prefix.length).split(":")[0]] = true;
      }
    } catch (error) { return; /* storage off */ }
    Object.keys(claims).forEach(function (claim) {
      var card = document.getElementById("claim-" + claim);
      if (card && card.classList.contains("compact") && (root === card || root.contains(card))) {
        card.dispatchEvent(new CustomEvent("card:open", { bubbles: true }));
      }
    });
  }

  // Every form that appears, with the page or swapped in later, gets its draft back.
  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt || event.target;
    if (!root.querySelectorAll) return;
    openDrafted(root);
    if (root.matches("form[data-draft]")) restore(root);
    root.querySelectorAll("form[data-draft]").forEach(restore);
  });

  // Leaving with unsaved text asks first: a field that differs from what the page was given,
  // or a draft this page has not saved yet (a refused save keeps the text in the form).
  // A form sent the ordinary way (not through htmx) is not "leaving".
  var submitting = false;
  window.addEventListener("submit", function (event) {
    submitting = !event.defaultPrevented;
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    var unsaved = Array.prototype.some.call(document.querySelectorAll("form[data-draft]"), function (form) {
      return isDirty(form) || read(key(form)) !== null;
    });
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it set to ask
  });

  // Old drafts go, so storage does not fill up with abandoned text.
  try {
    for (var i = window.localStorage.length - 1; i >= 0; i--) {
      var name = window.localStorage.key(i);
      if (name && name.indexOf(PREFIX) === 0) read(name);
    }
  } catch (error) { /* storage off */ }
})();
