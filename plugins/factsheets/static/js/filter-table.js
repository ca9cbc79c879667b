// Progressive enhancement: a form.table-filter shows only the rows of its table whose
// donors match. Without JavaScript the form stays hidden and the table is complete.
// Each row's data-supply holds [donor, status] per donor (donor "": none named), as JSON.
// The choice is kept in the address (?donor=Germany&status=delivered) to share it.
(function () {
  "use strict";
  function pairs(row) {
    try { return JSON.parse(row.getAttribute("data-supply") || "[]"); } catch (e) { return []; }
  }
  function matches(row, donor, status) {
    if (!donor && !status) return true;
    return pairs(row).some(function (pair) {
      return (!donor || pair[0] === donor) && (!status || pair[1] === status);
    });
  }
  function apply(form, table) {
    var donor = form.elements.donor.value, status = form.elements.status.value;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows), shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row, donor, status);
      if (!row.hidden) shown += 1;
    });
    form.querySelector(".filter-count").textContent =
      shown + " of " + rows.length + " systems shown";
    var query = new URLSearchParams();
    if (donor) query.set("donor", donor);
    if (status) query.set("status", status);
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }
  document.querySelectorAll("form.table-filter").forEach(function (form) {
    var table = document.getElementById(form.getAttribute("data-filter-table"));
    if (!table) return;
    var asked = new URLSearchParams(location.search);
    ["donor", "status"].forEach(function (name) {
      var select = form.elements[name], value = asked.get(name);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
      select.addEventListener("change", function () { apply(form, table); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    var note = document.querySelector(".no-filter");
    if (note) note.hidden = true;
    apply(form, table);
  });
})();
