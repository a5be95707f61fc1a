/* The unit strip as one stop in the tab order (newsdrift).
 *
 * Without this script every mark of the strip is a link in the tab order: dozens of
 * Tab presses before the unit. With it the strip is one stop (the current unit's mark,
 * or the first), and the arrow keys, Home and End move between the marks inside it
 * (a "roving tabindex"). Enter follows the focused mark's link as before.
 */
(function () {
  "use strict";

  var HINT = " (arrow keys move between units)";

  function marksOf(strip) {
    return Array.prototype.slice.call(strip.querySelectorAll("a.mark"));
  }

  function setUp(strip) {
    var marks = marksOf(strip);
    if (!marks.length) return;
    var current = strip.querySelector("a.mark.is-current") || marks[0];
    marks.forEach(function (mark) {
      mark.tabIndex = mark === current ? 0 : -1;
    });
    var label = strip.getAttribute("aria-label") || "";
    if (label.indexOf(HINT) === -1) strip.setAttribute("aria-label", label + HINT);
  }

  function setUpAll() {
    document.querySelectorAll("ol.strip").forEach(setUp);
  }

  function move(strip, from, key) {
    var marks = marksOf(strip);
    var index = marks.indexOf(from);
    var last = marks.length - 1;
    var target;
    switch (key) {
      case "ArrowRight": case "ArrowDown": target = Math.min(index + 1, last); break;
      case "ArrowLeft": case "ArrowUp": target = Math.max(index - 1, 0); break;
      case "Home": target = 0; break;
      case "End": target = last; break;
      default: return false;
    }
    marks.forEach(function (mark, i) {
      mark.tabIndex = i === target ? 0 : -1;
    });
    marks[target].focus();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    var mark = event.target.closest && event.target.closest("ol.strip a.mark");
    if (!mark) return;
    if (move(mark.closest("ol.strip"), mark, event.key)) event.preventDefault();
  });

  // htmx swaps the review head (with its strip) after every action.
  document.addEventListener("htmx:afterSettle", setUpAll);
  document.addEventListener("DOMContentLoaded", setUpAll);
})();
