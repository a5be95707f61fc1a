// The blind review (templates/agreement/blind.html): a decision replaces its unit's
// card, so focus would fall back to the top of the page. Put it back into the new
// card instead: on its message when there is one (read out), else on its heading.
(function () {
  "use strict";
  let cardId = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    const card = event.target.closest && event.target.closest(".blind-unit");
    cardId = card ? card.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!cardId) return;
    const card = document.getElementById(cardId);
    cardId = null;
    if (!card) return;
    const target = card.querySelector(".notice") || card.querySelector(".unit-title");
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });
})();
