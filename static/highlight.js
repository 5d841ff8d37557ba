// Marks a search's words in the article a result opened (its title and text, the elements marked data-highlight-scope) (Pagefind's convention: the result links
// to the article with `?highlight=<the query>`), and scrolls to the first. Words are read and
// folded as search reads them (static/text.js), so "tin tac" marks "tin tặc". The parameter's
// name is the script tag's data-param (src/urls.rs). Works over file:// too: a file URL keeps its
// query string.
(function () {
  'use strict';

  var script = document.currentScript;
  var text = window.dossierText;
  var scopes = document.querySelectorAll('[data-highlight-scope]');
  if (!script || !text || !scopes.length) return;
  var query = new URLSearchParams(location.search).getAll(script.getAttribute('data-param')).join(' ');
  var wanted = new Set(words(query).map(function (match) { return match.folded; }));
  if (!wanted.size) return;

  // The words of `value` with their places and folded forms.
  function words(value) {
    var found = [];
    var pattern = text.words();
    var match;
    while ((match = pattern.exec(value)) !== null) {
      found.push({ start: match.index, end: match.index + match[0].length, folded: text.fold(text.normalize(match[0])) });
    }
    return found;
  }

  // Wraps the wanted words of one text node in marks; returns the marks made.
  function markNode(node) {
    var hits = words(node.nodeValue).filter(function (word) { return wanted.has(word.folded); });
    var marks = [];
    for (var i = hits.length - 1; i >= 0; i--) {
      var hit = node.splitText(hits[i].start);
      hit.splitText(hits[i].end - hits[i].start);
      var mark = document.createElement('mark');
      mark.className = 'search-hit';
      hit.parentNode.replaceChild(mark, hit);
      mark.appendChild(hit);
      marks.unshift(mark);
    }
    return marks;
  }

  var nodes = [];
  Array.prototype.forEach.call(scopes, function (scope) {
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode);
  });
  var marks = [];
  nodes.forEach(function (node) { marks = marks.concat(markNode(node)); });
  if (marks.length) marks[0].scrollIntoView({ block: 'center' });
})();
