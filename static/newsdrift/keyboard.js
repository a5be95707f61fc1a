/* Keyboard shortcuts of the review step view (newsdrift).
 *
 * A plain static script instead of htmx trigger filters, so that the page runs under a
 * Content-Security-Policy without 'unsafe-eval'. Every shortcut clicks a real link or
 * button of the page (marked with data-key), so it does exactly what the mouse does and
 * nothing when the button is not there (viewers have no action buttons).
 */
(function () {
  "use strict";

  var FILTERS = ["all", "unreviewed", "suggested", "flagged"];

  function isTyping(element) {
    return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function helpDialog() {
    return document.getElementById("help");
  }

  function toggleHelp() {
    var dialog = helpDialog();
    if (!dialog) return false;
    if (dialog.open) dialog.close();
    else dialog.showModal();
    return true;
  }

  function suggestions() {
    return Array.prototype.slice.call(document.querySelectorAll("#step [data-suggestion]"));
  }

  function currentSuggestion() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("[data-suggestion]") : null;
    return active || document.querySelector("#step [data-suggestion].is-current") || suggestions()[0] || null;
  }

  function markCurrent(element) {
    suggestions().forEach(function (item) {
      item.classList.toggle("is-current", item === element);
    });
    showEvidence(element);
  }

  function showEvidence(flag) {
    // Highlight the words of one flag in both texts (the others stay underlined).
    var key = flag ? flag.id : "";
    document.querySelectorAll("#step [data-ev]").forEach(function (word) {
      word.classList.toggle("ev-on", !!key && word.getAttribute("data-ev").split(" ").indexOf(key) !== -1);
    });
  }

  function busy() {
    // One change at a time: a second key press while the first is on its way would be
    // made against the version the first one is changing.
    return !!document.querySelector(".htmx-request");
  }

  function press(selector, scope) {
    var element = (scope || document).querySelector(selector);
    if (!element || element.disabled || element.getAttribute("aria-disabled") === "true") return false;
    // Make sure htmx has set the element up, so that the click does not load a page.
    if (window.htmx) window.htmx.process(element.closest("form") || element);
    element.click();
    return true;
  }

  function nextSuggestion() {
    var all = suggestions();
    if (!all.length) return false;
    var index = all.indexOf(currentSuggestion());
    var next = all[(index + 1) % all.length];
    markCurrent(next);
    next.focus();
    return true;
  }

  function openFix(selector) {
    // Split and link need a choice first: open the fixes and focus that choice.
    var field = document.querySelector(selector);
    if (!field) return false;
    var details = field.closest("details");
    if (details) details.open = true;
    field.focus();
    field.scrollIntoView({ block: "nearest" });
    return true;
  }

  function nextOpen() {
    // The next open suggestion after the focused one in this unit, else the next unit
    // that has one (the server names it in the link marked next-open).
    var all = suggestions();
    var index = all.indexOf(currentSuggestion());
    if (all.length && index < all.length - 1) {
      var next = all[index + 1];
      markCurrent(next);
      next.focus();
      return true;
    }
    return press('#step [data-key="next-open"]');
  }

  function pickCategory(event) {
    // Inside the add-flag form (not while typing words), a category's letter picks it.
    var select = document.querySelector("#add-flag select[data-category-keys]");
    if (!select || !select.closest("details").open) return false;
    var form = select.form;
    var target = event.target;
    if (!form || !form.contains(target)) return false;
    if (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "hidden")) return false;
    if (target.tagName === "SELECT" && target !== select) return false;
    var option = select.querySelector('option[data-key="' + event.key + '"]');
    if (!option) return false;
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function openAddFlag() {
    var details = document.getElementById("add-flag");
    if (!details) return false;
    details.open = true;
    var field = details.querySelector("select, input:not([type=hidden])");
    if (field) field.focus();
    details.scrollIntoView({ block: "nearest" });
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && isTyping(document.activeElement)) {
      document.activeElement.blur();
      return;
    }
    if (event.key.length === 1 && pickCategory(event)) {
      event.preventDefault();
      return;
    }
    if (isTyping(event.target)) return;
    var dialog = helpDialog();
    if (dialog && dialog.open && event.key !== "?") return;
    if (busy()) {
      event.preventDefault();
      return;
    }
    var handled;
    switch (event.key) {
      case "j": handled = press('#step [data-key="next"]'); break;
      case "k": handled = press('#step [data-key="prev"]'); break;
      case "a": handled = !!currentSuggestion() && press('[data-key="accept"]', currentSuggestion()); break;
      case "d": handled = !!currentSuggestion() && press('[data-key="dismiss"]', currentSuggestion()); break;
      case "s": handled = nextSuggestion(); break;
      case "f": handled = openAddFlag(); break;
      case "o": handled = press('#step [data-key="ok"]'); break;
      case "F": handled = press('#step [data-key="flagged"]'); break;
      case "r": handled = press('#step [data-key="reopen-unit"]'); break;
      case "n": handled = nextOpen(); break;
      case "D": handled = press('[data-key="done"]'); break;
      case "R": handled = press('[data-key="reopen-comparison"]'); break;
      case "M": handled = press('#step [data-key="merge"]'); break;
      case "S": handled = openFix('#step [data-key="split"]'); break;
      case "L": handled = openFix('#step [data-key="link"]'); break;
      case "u": handled = press('[data-key="undo"]'); break;
      case "w": handled = press('#step [data-key="reading"]'); break;
      case "?": handled = toggleHelp(); break;
      case "0": case "1": case "2": case "3":
        handled = press('[data-key="show-' + FILTERS[Number(event.key)] + '"]');
        break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-help-open]");
    if (opener) toggleHelp();
  });

  document.addEventListener("focusin", function (event) {
    var item = event.target.closest && event.target.closest("[data-suggestion]");
    if (item) markCurrent(item);
  });

  document.addEventListener("mouseover", function (event) {
    var flag = event.target.closest && event.target.closest("#step .flag");
    if (flag) showEvidence(flag);
  });

  function settle() {
    markCurrent(suggestions()[0] || null);
    var step = document.getElementById("step");
    if (step && !step.contains(document.activeElement)) step.focus({ preventScroll: true });
  }

  document.addEventListener("htmx:afterSettle", settle);
  document.addEventListener("DOMContentLoaded", function () { markCurrent(suggestions()[0] || null); });
})();
