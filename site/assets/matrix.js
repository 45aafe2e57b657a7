// ladder matrix: a picker that shows every level, or two neighbouring levels side by side
// (the default on a narrow screen, where every level at once would leave each a sliver).
// Only cells are shown and hidden; print always shows every level (print.css).
(function () {
  "use strict";
  var picker = document.getElementById("matrix-picker");
  var select = document.getElementById("matrix-levels");
  var table = document.querySelector(".matrix");
  if (!picker || !select || !table) return;
  picker.hidden = false;

  function show(choice) {
    var first = choice === "all" ? -1 : parseInt(choice, 10);
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row.cells.length < 2) return; // a group heading spans every column
      for (var i = 1; i < row.cells.length; i++) {
        var level = i - 1;
        row.cells[i].classList.toggle("off-pair", first >= 0 && level !== first && level !== first + 1);
      }
    });
  }
  select.addEventListener("change", function () { show(select.value); });
  if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches && select.options.length > 1) {
    select.value = select.options[1].value;
  }
  show(select.value);
})();
