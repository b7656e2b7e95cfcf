// Sort a table by a clicked header (numbers as numbers), and filter rows by text and by selects.
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var asc = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort || a.cells[col].textContent.trim();
        var y = b.cells[col].dataset.sort || b.cells[col].textContent.trim();
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny) && /^-?[\d.]+$/.test(x) && /^-?[\d.]+$/.test(y)) ? nx - ny : x.localeCompare(y, "zh");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
document.querySelectorAll(".filters").forEach(function (bar) {
  var table = document.getElementById(bar.dataset.table);
  function apply() {
    var text = bar.querySelector("input").value.trim().toLowerCase();
    var selects = Array.prototype.slice.call(bar.querySelectorAll("select"));
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = !text || row.textContent.toLowerCase().indexOf(text) >= 0;
      selects.forEach(function (s) { if (s.value && row.dataset[s.name] !== s.value) { ok = false; } });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    bar.querySelector(".count").textContent = shown + " shown";
  }
  bar.addEventListener("input", apply);
  apply();
});
