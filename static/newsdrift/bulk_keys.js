/* Keys of the bulk decisions in the review step view (newsdrift): Shift+A accepts and
 * Shift+X dismisses every open suggestion like the current one. Like keyboard.js, a key
 * clicks the real button (marked data-key), so it does what the mouse does, and nothing
 * when the button is not there (no other suggestion is like this one, or a viewer).
 */
(function () {
  "use strict";

  var KEYS = { A: "accept-like", X: "dismiss-like" };

  function isTyping(element) {
    return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function currentSuggestion() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("[data-suggestion]") : null;
    return active || document.querySelector("#step [data-suggestion].is-current")
      || document.querySelector("#step [data-suggestion]");
  }

  document.addEventListener("keydown", function (event) {
    var name = KEYS[event.key];
    // Shift itself, not Caps Lock, makes the key a bulk decision.
    if (!name || !event.shiftKey || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var help = document.getElementById("help");
    if (help && help.open) return;
    if (document.querySelector(".htmx-request")) {
      event.preventDefault();  // one change at a time, as keyboard.js does
      return;
    }
    var suggestion = currentSuggestion();
    var button = suggestion && suggestion.querySelector('[data-key="' + name + '"]');
    if (!button || button.disabled) return;
    if (window.htmx) window.htmx.process(button.closest("form"));
    button.click();
    event.preventDefault();
  });
})();
