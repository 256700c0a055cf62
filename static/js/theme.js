// The colour theme. Loaded blocking in <head>, before the page is painted, so a reader who
// chose a theme never sees the other one flash. The choice lives in this browser only
// (localStorage): pages are the same bytes for every reader, so the server never knows it.
// Without a stored choice the stylesheet follows prefers-color-scheme on its own.
(function () {
  "use strict";

  var KEY = "midad-theme";
  var root = document.documentElement;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : null;
    } catch (error) {
      return null; // storage refused (private mode, blocked cookies): follow the system
    }
  }

  function current() {
    return root.getAttribute("data-theme") ||
      (window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }

  var choice = stored();
  if (choice) root.setAttribute("data-theme", choice);

  function wire() {
    var button = document.querySelector("[data-theme-switch]");
    if (!button) return;
    var show = function () { button.setAttribute("aria-pressed", String(current() === "dark")); };
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem(KEY, next); } catch (error) { /* kept for this page */ }
      show();
    });
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", show);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
