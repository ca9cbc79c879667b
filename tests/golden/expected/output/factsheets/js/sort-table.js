// Progressive enhancement: column headings of a table.sortable become sort
// buttons. Without JavaScript the table is complete, in name order.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var text = row.cells[index].textContent.trim();
    if (!numeric) return text.toLowerCase();
    var number = parseFloat(text.split(";")[0]);
    return isNaN(number) ? -Infinity : number;
  }
  function sortBy(table, index, numeric, button) {
    var body = table.tBodies[0];
    var ascending = button.getAttribute("data-order") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    button.setAttribute("data-order", ascending ? "ascending" : "descending");
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = cell.textContent;
      var numeric = cell.getAttribute("data-sort") === "number";
      button.addEventListener("click", function () { sortBy(table, index, numeric, button); });
      cell.textContent = "";
      cell.appendChild(button);
    });
  });
})();
