// How dossier's scripts read words, in one place: the search client (static/search.js), the
// filter of the actor and country lists (static/lists.js) and the highlight of a search's words
// in an article (static/highlight.js) all normalize and fold text here, as src/search/tokenize.rs
// does, so "tin tac" finds, filters and marks "tin tặc" alike.
(function (global) {
  'use strict';

  // A word is a run of letters, digits and combining marks; "." or "," between two digits stays
  // inside it (5,31 and 52.000 are one word). A pattern's source, since each user keeps its own
  // position in the text it scans.
  var WORD = '(?:[\\p{Alphabetic}\\p{N}\\p{M}]|(?<=\\p{N})[.,](?=\\p{N}))+';
  var MARKS = /\p{M}/gu;

  function normalize(text) {
    return text.toLowerCase().normalize('NFC');
  }

  // Without combining marks, and with đ as d: "Tặc" -> "tac" once normalized.
  function fold(word) {
    return word.normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd');
  }

  // A new scanner of words: a global regular expression of its own.
  function words() {
    return new RegExp(WORD, 'gu');
  }

  var text = { normalize: normalize, fold: fold, words: words };
  if (typeof module === 'object' && module.exports) module.exports = text;
  else global.dossierText = text;
})(this);
