/* Reading mode (newsdrift): the two whole articles scroll together.
 *
 * Each pane scrolls on its own without this script. With it, scrolling one pane brings
 * the other to the same unit: the sentence at the top of the pane scrolled names its
 * unit (data-unit), and the other pane is scrolled so that its sentence of that unit
 * (or of the nearest unit it has, when the sentence was omitted or added) sits at the
 * same height, as far into it as the first one is. Pointing at or focusing a sentence
 * highlights its counterpart. A plain static file: the page runs under a strict
 * Content-Security-Policy.
 */
(function () {
  "use strict";

  var reading = document.querySelector("[data-reading]");
  if (!reading) return;
  var panes = {
    source: reading.querySelector('[data-pane="source"]'),
    target: reading.querySelector('[data-pane="target"]')
  };
  if (!panes.source || !panes.target) return;
  var syncBox = document.querySelector("[data-sync]");
  var tools = document.querySelector("[data-reading-tools]");
  if (tools) tools.hidden = false;

  // Where a pane was last scrolled by this script: its own scroll event is not passed on.
  var expected = { source: null, target: null };
  var pending = null;

  function other(side) {
    return side === "source" ? "target" : "source";
  }

  function labelHeight(pane) {
    var label = pane.querySelector(".read-label");
    return label ? label.offsetHeight : 0;
  }

  function sentences(pane) {
    return Array.prototype.slice.call(pane.querySelectorAll("a[data-unit]"));
  }

  function topSentence(pane) {
    // The first sentence not yet scrolled past the top of the pane (below its label).
    var edge = pane.getBoundingClientRect().top + labelHeight(pane);
    var list = sentences(pane);
    for (var i = 0; i < list.length; i++) {
      if (list[i].getBoundingClientRect().bottom <= edge + 1) continue;
      // Sentences run on in their paragraph: one that ends on the top line is not the
      // one being read when the next starts on that line too.
      while (i + 1 < list.length && list[i + 1].getBoundingClientRect().top <= edge + 2) i++;
      var box = list[i].getBoundingClientRect();
      var into = box.height ? Math.min(Math.max((edge - box.top) / box.height, 0), 1) : 0;
      return { unit: Number(list[i].getAttribute("data-unit")), into: into };
    }
    return null;
  }

  function sentenceOf(pane, unit) {
    // The first sentence of `unit`, or of the nearest unit after it, or the last one.
    var list = sentences(pane);
    var best = null;
    for (var i = 0; i < list.length; i++) {
      var at = Number(list[i].getAttribute("data-unit"));
      if (at === unit) return list[i];
      if (at > unit && (!best || at < Number(best.getAttribute("data-unit")))) best = list[i];
    }
    return best || list[list.length - 1] || null;
  }

  function scrollTo(side, top) {
    var pane = panes[side];
    var max = pane.scrollHeight - pane.clientHeight;
    top = Math.round(Math.min(Math.max(top, 0), max));
    if (Math.abs(pane.scrollTop - top) < 1) return;
    expected[side] = top;
    pane.scrollTop = top;
  }

  function follow(side) {
    var from = panes[side];
    var to = other(side);
    var pane = panes[to];
    if (from.scrollTop <= 0) return scrollTo(to, 0);
    var top = topSentence(from);
    if (!top) return;
    var target = sentenceOf(pane, top.unit);
    if (!target) return;
    var box = target.getBoundingClientRect();
    var offset = box.top - pane.getBoundingClientRect().top + pane.scrollTop;
    var into = Number(target.getAttribute("data-unit")) === top.unit ? top.into * box.height : 0;
    scrollTo(to, offset + into - labelHeight(pane));
  }

  function onScroll(side) {
    return function () {
      var pane = panes[side];
      if (expected[side] !== null && Math.abs(pane.scrollTop - expected[side]) <= 2) {
        expected[side] = null;
        return;
      }
      expected[side] = null;
      if (syncBox && !syncBox.checked) return;
      if (pending) window.cancelAnimationFrame(pending);
      pending = window.requestAnimationFrame(function () {
        pending = null;
        follow(side);
      });
    };
  }

  panes.source.addEventListener("scroll", onScroll("source"), { passive: true });
  panes.target.addEventListener("scroll", onScroll("target"), { passive: true });

  function pair(event, on) {
    var sentence = event.target.closest && event.target.closest("a[data-unit]");
    if (!sentence) return;
    var unit = sentence.getAttribute("data-unit");
    reading.querySelectorAll('a[data-unit="' + unit + '"]').forEach(function (element) {
      element.classList.toggle("is-pair", on);
    });
  }

  reading.addEventListener("mouseover", function (event) { pair(event, true); });
  reading.addEventListener("mouseout", function (event) { pair(event, false); });
  reading.addEventListener("focusin", function (event) { pair(event, true); });
  reading.addEventListener("focusout", function (event) { pair(event, false); });

  function showUnit(side, unit) {
    var pane = panes[side];
    var sentence = sentenceOf(pane, unit);
    if (!sentence) return;
    var top = sentence.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    scrollTo(side, pane.scrollTop + top - labelHeight(pane));
  }

  // Opened from a unit (?unit=4): both panes start at it.
  var current = reading.getAttribute("data-current");
  if (current !== null) {
    showUnit("source", Number(current));
    showUnit("target", Number(current));
  }
})();
