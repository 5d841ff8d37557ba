// The kind and basis filter of the claims list (templates/claims.html): plain JavaScript, no
// dependencies, works over http and from disk.
//
// The page holds its rows (#claim-rows > li) with the value of each filter as a class of the row
// (claim-<kind>, basis-<basis>) and a form (#claims-filter) with one <select> per filter, which
// names that class's prefix (data-class) and whose values the build wrote from the same
// vocabulary: this script knows no kind or basis. It shows the form (hidden for readers without JavaScript), hides the rows of
// this page that do not match, says how many match in #filter-status, and keeps the filter in
// the page's query (?kind=denies&basis=technical) and in the links to the other years and pages.
(function () {
  'use strict';

  var form = document.getElementById('claims-filter');
  var list = document.getElementById('claim-rows');
  var status = document.getElementById('filter-status');
  if (!form || !list) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
  var rows = Array.prototype.slice.call(list.children);
  var links = Array.prototype.slice.call(document.querySelectorAll('.year-filter a, .pagination a'));
  links.forEach(function (link) { link.dataset.base = link.getAttribute('href'); });

  function chosen() {
    return selects.filter(function (select) { return select.value !== ''; });
  }

  function query() {
    var params = new URLSearchParams();
    chosen().forEach(function (select) { params.set(select.name, select.value); });
    var text = params.toString();
    return text ? '?' + text : '';
  }

  function apply() {
    var filters = chosen();
    var shown = 0;
    rows.forEach(function (row) {
      var match = filters.every(function (select) { return row.classList.contains(select.dataset.class + select.value); });
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = filters.length
      ? status.dataset.shown.replace('{shown}', shown).replace('{total}', rows.length)
      : '';
    var search = query();
    links.forEach(function (link) { link.setAttribute('href', link.dataset.base + search); });
    try {
      history.replaceState(null, '', location.pathname + search + location.hash);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk; the filter still works.
    }
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted !== null && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
    }
    select.addEventListener('change', apply);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apply();
  });
  form.hidden = false;
  apply();
})();
