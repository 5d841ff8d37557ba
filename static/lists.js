// The filter box of the actor and country lists (templates/actors.html, countries.html): shows
// the rows whose name or aliases (the row's data-filter) hold every word typed, folded as search
// folds them (static/text.js), so "an ninh mang" finds "Cục An ninh mạng". Without this script
// the box stays hidden and the whole list shows.
(function () {
  'use strict';

  var box = document.querySelector('[data-list-filter]');
  var text = window.dossierText;
  if (!box || !text) return;
  var input = box.querySelector('input');
  var empty = box.querySelector('[data-filter-empty]');
  var groups = Array.prototype.map.call(document.querySelectorAll('[data-filter-group]'), function (group) {
    var rows = Array.prototype.map.call(group.querySelectorAll('[data-filter]'), function (row) {
      return { row: row, key: folded(row.getAttribute('data-filter')) };
    });
    return { group: group, rows: rows };
  });

  function folded(value) {
    return text.fold(text.normalize(value));
  }

  function apply() {
    var words = folded(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    groups.forEach(function (group) {
      var inGroup = 0;
      group.rows.forEach(function (entry) {
        var match = words.every(function (word) { return entry.key.indexOf(word) >= 0; });
        entry.row.hidden = !match;
        if (match) inGroup++;
      });
      group.group.hidden = inGroup === 0;
      shown += inGroup;
    });
    empty.hidden = shown > 0;
  }

  input.addEventListener('input', apply);
  box.hidden = false;
  if (input.value) apply();
})();
