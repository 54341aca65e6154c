// Slide decks of the instructor guide (handbook/slides.py). Written for this project; MIT.
// Keys move between slides (arrows, Page Up/Down, Space, Home, End); N shows or hides the
// speaker notes on this screen; P opens the presenter notes (the same page with ?notes) in a
// second window. The two windows follow each other through a BroadcastChannel. Without this
// script the deck is a page that scrolls.
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var toggle = document.getElementById("notes-toggle");
  var presenterLink = document.getElementById("presenter-link");
  var presenter = /(?:^\?|&)notes\b/.test(location.search);
  var channel = null;
  if (window.BroadcastChannel) { channel = new BroadcastChannel("deck:" + location.pathname); }
  if (presenter) {
    document.body.classList.add("presenter", "show-notes");
    document.title = "Notes: " + document.title;
    if (presenterLink) { presenterLink.hidden = true; }
  }
  function current() {
    var best = 0;
    slides.forEach(function (slide, index) {
      if (slide.getBoundingClientRect().top <= window.innerHeight / 3) { best = index; }
    });
    return best;
  }
  function go(index, quiet) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides[index].scrollIntoView({ block: "start" });
    slides[index].focus({ preventScroll: true });
    if (history.replaceState) { history.replaceState(null, "", location.search + "#" + slides[index].id); }
    if (channel && !quiet) { channel.postMessage({ slide: index }); }
  }
  if (channel) {
    channel.onmessage = function (event) {
      if (event.data && typeof event.data.slide === "number") { go(event.data.slide, true); }
    };
  }
  function notes(show) {
    document.body.classList.toggle("show-notes", show);
    toggle.setAttribute("aria-pressed", show ? "true" : "false");
  }
  function openPresenter() {
    window.open(location.pathname + "?notes#" + slides[current()].id, "deck-notes");
  }
  toggle.addEventListener("click", function () {
    notes(!document.body.classList.contains("show-notes"));
  });
  if (presenterLink) {
    presenterLink.addEventListener("click", function (event) {
      event.preventDefault();
      openPresenter();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "BUTTON" && event.key === " ") { return; }
    var key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || (key === " " && !event.shiftKey)) {
      go(current() + 1);
    } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || (key === " " && event.shiftKey)) {
      go(current() - 1);
    } else if (key === "Home") {
      go(0);
    } else if (key === "End") {
      go(slides.length - 1);
    } else if (key === "n" || key === "N") {
      notes(!document.body.classList.contains("show-notes"));
    } else if ((key === "p" || key === "P") && !presenter) {
      openPresenter();
    } else {
      return;
    }
    event.preventDefault();
  });
})();
