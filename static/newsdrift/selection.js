/* Fill the "words at issue" of a new flag from the text selection (newsdrift).
 *
 * Selecting words in the source or retranslation text of the step view puts them in the
 * matching field of the "Add a flag" form and opens it. Typing them works as well.
 */
(function () {
  "use strict";

  function elementOf(node) {
    return node && (node.nodeType === 1 ? node : node.parentElement);
  }

  document.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    var text = selection.toString().replace(/\s+/g, " ").trim();
    var start = elementOf(selection.anchorNode);
    var side = start && start.closest("#step .text[data-side]");
    if (!text || !side || !side.contains(selection.focusNode)) return;
    var field = document.querySelector('#step [data-span="' + side.getAttribute("data-side") + '"]');
    if (!field) return;
    field.value = text;
    var details = document.getElementById("add-flag");
    if (details) details.open = true;
    field.classList.add("just-filled");
    window.setTimeout(function () { field.classList.remove("just-filled"); }, 900);
  });
})();
