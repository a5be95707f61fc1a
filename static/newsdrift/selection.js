/* Fill the "words at issue" of a new flag from the text selection (newsdrift).
 *
 * Selecting words in the source or retranslation text of the step view puts them in the
 * matching field of the "Add a flag" form and opens it. Typing them works as well.
 *
 * A mouse selection ends with mouseup. A selection made by touch (press and hold, then
 * drag the handles) or with Shift and the arrow keys sends no such event, only
 * `selectionchange` events while it grows: the field is filled once they pause. Where the
 * form is out of sight below the texts (a phone, a tablet, a touch screen), a "Flag the
 * selected words" button appears at the bottom of the screen and leads to it (app.css
 * decides where it shows).
 */
(function () {
  "use strict";

  var PAUSE_MS = 350;
  var timer = null;

  function elementOf(node) {
    return node && (node.nodeType === 1 ? node : node.parentElement);
  }

  function selectedWords() {
    // The selected words and the side they are on, if the selection lies in one text.
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return null;
    var text = selection.toString().replace(/\s+/g, " ").trim();
    var start = elementOf(selection.anchorNode);
    var side = start && start.closest("#step .text[data-side]");
    if (!text || !side || !side.contains(selection.focusNode)) return null;
    return { text: text, side: side.getAttribute("data-side") };
  }

  function fill() {
    var words = selectedWords();
    if (!words) return;
    var field = document.querySelector('#step [data-span="' + words.side + '"]');
    if (!field) return;
    var details = document.getElementById("add-flag");
    if (details) details.open = true;
    if (field.value !== words.text) {
      // Once per selection: mouseup and the pause after it both get here.
      field.value = words.text;
      field.classList.add("just-filled");
      window.setTimeout(function () { field.classList.remove("just-filled"); }, 900);
    }
    var chip = document.querySelector("#step [data-selection-chip]");
    if (chip) chip.hidden = false;
  }

  document.addEventListener("mouseup", fill);

  document.addEventListener("selectionchange", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fill, PAUSE_MS);
  });

  document.addEventListener("click", function (event) {
    var chip = event.target.closest && event.target.closest("[data-selection-chip]");
    if (!chip) return;
    event.preventDefault();
    chip.hidden = true;
    var details = document.getElementById("add-flag");
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ block: "start" });
    var first = details.querySelector("select, input:not([type=hidden])");
    if (first) first.focus({ preventScroll: true });
  });
})();
