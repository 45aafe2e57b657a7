// ladder: the theme switch (system, light, dark), remembered in this browser. Loaded in <head>
// so that the chosen theme applies before the page is drawn.
(function () {
  "use strict";
  var key = "ladder-theme";
  var order = ["system", "light", "dark"];
  function stored() {
    try { return localStorage.getItem(key) || "system"; } catch (e) { return "system"; }
  }
  function apply(theme) {
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
    else document.documentElement.removeAttribute("data-theme");
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-switch");
    if (!button) return;
    // The button shows the choice as an icon; its name says it in words.
    function label(theme) {
      var words = "Theme: " + theme.charAt(0).toUpperCase() + theme.slice(1);
      var text = button.querySelector(".theme-label");
      if (text) text.textContent = words; else button.textContent = words;
      button.title = words;
      button.setAttribute("data-choice", theme);
    }
    button.hidden = false;
    label(stored());
    button.addEventListener("click", function () {
      var next = order[(order.indexOf(stored()) + 1) % order.length];
      try { localStorage.setItem(key, next); } catch (e) { /* private mode: this page only */ }
      apply(next);
      label(next);
    });
  });
})();
