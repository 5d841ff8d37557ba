// dossier's search client: plain JavaScript, no dependencies, works over http and from disk.
//
// The index is prebuilt by `dossier build` (src/search/, format in docs/search-index.md) and
// split in shards that this script loads on demand with <script> tags, because browsers refuse
// fetch() of local files: search/index.js (the manifest), search/terms/<n>.js (posting lists by
// term range), search/docs/<n>.js (what a result shows), search/typos/<n>.js (typo keys, for
// the words that match nothing or only rare words). Each calls
// window.__dossierSearch.register(kind, number, data).
//
// Reading a query and ranking do what src/search/tokenize.rs and src/search/query.rs do, with the
// constants the manifest gives (src/search/ranking.rs): this script has no ranking number of its
// own. tests/ranking_parity.rs runs this ranking core in Node and compares it with query.rs.
// That core comes first and touches no page, so Node can require() this file and get it.
//
// The page (templates/search.html) provides #q, #search-status, #search-filters and
// #search-results; the script tag's data-root is the way back to the site root.
(function () {
  'use strict';

  var FORMAT = 'dossier-search-index';
  var VERSION = 7;
  // Display.
  var SNIPPET_CHARS = 240;
  var SNIPPET_WINDOW_WORDS = 24;
  // A snippet is looked for around the first places of the query in a text, this many
  // characters before and after each, in at most this many parts of the text.
  var SNIPPET_BEFORE = 160;
  var SNIPPET_AFTER = 480;
  var MAX_SNIPPET_PARTS = 3;
  var MAX_FILTER_OPTIONS = 30;
  var MAX_CACHED_FORMS = 50000;
  // The address is updated once typing pauses: history calls are slow on some browsers.
  var URL_DELAY_MS = 250;

  // The manifest, and its `ranking`: every weight and limit of the ranking, and the page size.
  var manifest = null;
  var ranking = null;
  // What has been loaded of the index: the page's warm-up puts a made-up one in its place while
  // it runs (warmUpRanking).
  var held = emptyIndex();

  function emptyIndex() {
    return {
      terms: {}, // term shard number -> { entries: Map term -> row, terms: [term], slips: Map key -> slip }
      lists: new Map(), // term -> { docs, scores }, decoded once
      typos: {}, // typo shard number -> Map typo key -> [[word, df], …]
    };
  }

  // Takes the manifest that the rest reads. Throws on a format this client does not know.
  function useManifest(data) {
    if (data.format !== FORMAT || data.version !== VERSION) throw new Error('unknown index format');
    manifest = data;
    ranking = data.ranking;
  }

  // Takes term shard `number`, its entries' rows and its slips' (once; later calls keep the first).
  function addTermShard(number, data) {
    if (!held.terms[number]) {
      var entries = new Map();
      data.terms.forEach(function (row) { entries.set(row[0], row); });
      var slips = new Map();
      data.slips.forEach(function (row) { slips.set(row[0], row); });
      held.terms[number] = { entries: entries, terms: data.terms.map(function (row) { return row[0]; }), slips: slips };
    }
    return held.terms[number];
  }

  // Takes the rows of typo shard `number` (once).
  function addTypoShard(number, rows) {
    if (!held.typos[number]) held.typos[number] = new Map(rows);
    return held.typos[number];
  }

  // ── Tokenizer ────────────────────────────────────────────────────────────────────────────
  // Words, and their normalized and folded forms, are static/text.js's (loaded before this
  // script; required in Node).

  var dossierText = typeof module === 'object' && module.exports ? require('./text.js') : window.dossierText;
  var WORD = dossierText.words();
  var PHRASE_GAP = /^[\s-]*$/u;
  var ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
  var normalize = dossierText.normalize;
  var fold = dossierText.fold;

  function isSensible(word) {
    return Array.from(word).length <= ranking.max_token_chars && !ASTRAL.test(word);
  }

  // Normalized and folded forms of the words met in texts, which repeat a lot.
  var forms = new Map();

  function formsOf(raw) {
    var known = forms.get(raw);
    if (known === undefined) {
      if (forms.size > MAX_CACHED_FORMS) forms.clear();
      var exact = normalize(raw);
      known = isSensible(exact) ? { exact: exact, folded: fold(exact) } : null;
      forms.set(raw, known);
    }
    return known;
  }

  // The words of `text` with their offsets in it. `text` is used as given: pass normalized
  // text for queries; for snippets the original text, whose words are normalized one by one.
  function tokenize(text) {
    var tokens = [];
    var inPhrase = false;
    var end = 0;
    WORD.lastIndex = 0;
    var match;
    while ((match = WORD.exec(text)) !== null) {
      var follows = inPhrase && PHRASE_GAP.test(text.slice(end, match.index));
      end = match.index + match[0].length;
      var word = formsOf(match[0]);
      if (!word) {
        inPhrase = false;
        continue;
      }
      tokens.push({ exact: word.exact, folded: word.folded, follows: follows, start: match.index, end: end });
      inPhrase = true;
    }
    return tokens;
  }

  function parseQuery(text) {
    var normalized = normalize(text);
    var words = tokenize(normalized);
    var last = words[words.length - 1];
    var endsInWord = /[\p{Alphabetic}\p{N}]$/u.test(normalized);
    var lastIsPrefix = endsInWord && !!last && Array.from(last.folded).length >= ranking.min_prefix_chars;
    // `corrections`: set by correct(); there from the start, so that every query has one shape.
    return { words: words, lastIsPrefix: lastIsPrefix, corrections: null };
  }

  // The sort key of a term (src/search/invert.rs): words by their folded form, bigrams after the
  // manifest's bigram mark, before every word.
  function sortKey(term) {
    return term.indexOf(' ') >= 0 ? manifest.keys.bigram_mark + term : fold(term);
  }

  // The term shard whose range holds the sort key `key`: the last whose boundary is not after it.
  function shardOf(key) {
    return shardHolding(manifest.term_shards, key);
  }

  function typoShardOf(key) {
    return shardHolding(manifest.typo_shards, key);
  }

  function shardHolding(firsts, key) {
    var low = 0;
    var high = firsts.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (firsts[middle] <= key) low = middle + 1;
      else high = middle;
    }
    return Math.max(0, low - 1);
  }

  function prefixShards(prefix) {
    var first = shardOf(prefix);
    var shards = [first];
    var last = Math.min(first + ranking.max_prefix_shards, manifest.term_shards.length);
    for (var shard = first + 1; shard < last && manifest.term_shards[shard].startsWith(prefix); shard++) {
      shards.push(shard);
    }
    return shards;
  }

  // ── Posting lists (src/search/encode.rs) ─────────────────────────────────────────────────

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var VALUE = new Int8Array(128).fill(-1);
  for (var i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

  function valueAt(text, index) {
    var code = text.charCodeAt(index);
    return code < 128 ? VALUE[code] : -1;
  }

  // A posting list as parallel arrays of documents and scores.
  function decode(row) {
    var text = row[3];
    var unit = row[2] / manifest.scoring.impact_levels;
    var docs = new Int32Array(text.length >> 1);
    var scores = new Float64Array(text.length >> 1);
    var count = 0;
    var doc = 0;
    var at = 0;
    while (at < text.length) {
      var value = valueAt(text, at++);
      var gap = 0;
      while (value >= 32) {
        gap = gap * 32 + (value - 32);
        value = valueAt(text, at++);
      }
      var impact = valueAt(text, at++);
      if (value < 0 || impact < 0) break;
      doc += gap * 32 + value;
      docs[count] = doc;
      scores[count] = impact * unit;
      count++;
    }
    return { docs: docs.subarray(0, count), scores: scores.subarray(0, count) };
  }

  function entry(term) {
    var shard = held.terms[shardOf(sortKey(term))];
    return shard ? shard.entries.get(term) : undefined;
  }

  var EMPTY = { docs: new Int32Array(0), scores: new Float64Array(0) };

  // The list of `term`, decoded once and shared. An exact word stored as "same as folded" (empty
  // postings) gets its folded word's list.
  function scores(term) {
    var row = entry(term);
    if (!row) return EMPTY;
    if (row[3] === '' && fold(term) !== term) return scores(fold(term));
    var list = held.lists.get(term);
    if (!list) {
      list = decode(row);
      held.lists.set(term, list);
    }
    return list;
  }

  // ── Ranking (src/search/query.rs) ────────────────────────────────────────────────────────

  function shardsFor(query) {
    var shards = new Set();
    query.words.forEach(function (word, position) {
      shards.add(shardOf(word.folded));
      if (position > 0 && word.follows) shards.add(shardOf(sortKey(query.words[position - 1].folded + ' ' + word.folded)));
    });
    if (query.lastIsPrefix) {
      prefixShards(query.words[query.words.length - 1].folded).forEach(function (shard) { shards.add(shard); });
    }
    return Array.from(shards);
  }

  // The terms whose lists a query reads, besides the words a prefix may expand to.
  function queryTerms(query) {
    var terms = [];
    query.words.forEach(function (word, position) {
      terms.push(word.folded);
      if (hasDiacritics(word)) terms.push(word.exact);
      if (position > 0 && word.follows) terms.push(query.words[position - 1].folded + ' ' + word.folded);
    });
    return terms;
  }

  function hasDiacritics(word) {
    return word.exact !== word.folded;
  }

  // Whether `term` is a longer word that begins with `word`: a folded word that begins with its
  // folded form, or, when it has diacritics, an exact word that begins with its exact form.
  function isExpansion(term, word) {
    var exactMode = hasDiacritics(word);
    var prefix = exactMode ? word.exact : word.folded;
    if (term.length <= prefix.length || !term.startsWith(prefix) || /[ #]/.test(term)) return false;
    var isFolded = fold(term) === term;
    return isFolded !== exactMode;
  }

  function expansions(word) {
    var candidates = [];
    prefixShards(word.folded).forEach(function (number) {
      var shard = held.terms[number];
      if (!shard) return;
      shard.terms.forEach(function (term) {
        if (isExpansion(term, word)) candidates.push(shard.entries.get(term));
      });
    });
    candidates.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
    return candidates.slice(0, ranking.max_expansions);
  }

  // ── Typo correction (src/search/typo.rs) ─────────────────────────────────────────────────
  // A word of min_typo_chars letters or more whose every match is rare (in at most rare_df
  // documents; none at all included) is corrected: the most frequent indexed word one edit away,
  // and more frequent than the word, counts for it too, below its own matches. Its term shard may
  // say which word that is (a slip: a letter dropped or two swapped); otherwise it is looked up by
  // its typo keys (itself and its forms with one letter deleted).

  function typoKeys(word) {
    var chars = Array.from(word);
    var keys = chars.map(function (_, skip) {
      return chars.filter(function (__, at) { return at !== skip; }).join('');
    });
    keys.push(word);
    return keys.sort().filter(function (key, at) { return at === 0 || key !== keys[at - 1]; });
  }

  // Whether `a` and `b` differ by one insertion, deletion, substitution or adjacent swap.
  function withinOneEdit(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    var end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
    var aRest = a.length - start - end;
    var bRest = b.length - start - end;
    if (aRest + bRest === 1 || (aRest === 1 && bRest === 1)) return true;
    return aRest === 2 && bRest === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
  }

  // The most documents any term the word at `position` matches is found in (0: none). Its term
  // shards must be loaded.
  function matchedDf(query, position) {
    var word = query.words[position];
    var row = entry(word.folded);
    var df = row ? row[1] : 0;
    if (query.lastIsPrefix && position === query.words.length - 1) {
      expansions(word).forEach(function (expansion) { df = Math.max(df, expansion[1]); });
    }
    return df;
  }

  function isRare(df) {
    return df <= ranking.rare_df;
  }

  // Whether the word at `position` is long enough to be corrected and matches only rare words,
  // or none. Its term shards must be loaded.
  function needsCorrection(query, position) {
    if (Array.from(query.words[position].folded).length < ranking.min_typo_chars) return false;
    return isRare(matchedDf(query, position));
  }

  // The slip row [key, word, df] of `word`, when its term shard is loaded and has one.
  function slipOf(word) {
    var shard = held.terms[shardOf(word.folded)];
    return shard && shard.slips.get(word.folded);
  }

  // The typo shards of the words of `query` that need correcting and have no slip.
  function typoShardsFor(query) {
    var shards = new Set();
    query.words.forEach(function (word, position) {
      if (!needsCorrection(query, position) || slipOf(word)) return;
      typoKeys(word.folded).forEach(function (key) { shards.add(typoShardOf(key)); });
    });
    return Array.from(shards);
  }

  // Whether a word found in `df` documents may correct one whose matches are found in `wordDf`.
  function corrects(df, wordDf) {
    return df > wordDf * ranking.correction_df_ratio;
  }

  // Sets `query.corrections`: for each word, the word it is corrected to, or null. Its typo
  // shards must be loaded.
  function correct(query) {
    query.corrections = query.words.map(function (word, position) {
      if (!needsCorrection(query, position)) return null;
      var df = matchedDf(query, position);
      var slip = slipOf(word);
      if (slip) return corrects(slip[2], df) ? slip[1] : null;
      var best = null;
      typoKeys(word.folded).forEach(function (key) {
        var shard = held.typos[typoShardOf(key)];
        (shard && shard.get(key) || []).forEach(function (candidate) {
          if (!corrects(candidate[1], df) || !withinOneEdit(word.folded, candidate[0])) return;
          if (!best || candidate[1] > best[1] || (candidate[1] === best[1] && candidate[0] < best[0])) best = candidate;
        });
      });
      return best && best[0];
    });
  }

  // How the word at `position` is looked for: its folded form, then its correction, if any.
  function spellings(query, position) {
    var correction = query.corrections && query.corrections[position];
    var folded = query.words[position].folded;
    return correction ? [folded, correction] : [folded];
  }

  // The bigrams of the words at `position - 1` and `position`, each as typed or as corrected.
  function bigrams(query, position) {
    var terms = [];
    spellings(query, position - 1).forEach(function (previous) {
      spellings(query, position).forEach(function (current) { terms.push(previous + ' ' + current); });
    });
    return terms;
  }

  // The corrections of `query` and the bigrams they make. Its corrections must be made.
  function correctionTerms(query) {
    var terms = [];
    query.words.forEach(function (word, position) {
      if (query.corrections[position]) terms.push(query.corrections[position]);
      if (position === 0 || !word.follows) return;
      if (!query.corrections[position - 1] && !query.corrections[position]) return;
      bigrams(query, position).forEach(function (term) { terms.push(term); });
    });
    return terms;
  }

  // The term shards of the corrections of `query` and of their bigrams. Its corrections must be
  // made.
  function correctionShards(query) {
    return termShardsOf(correctionTerms(query));
  }

  function termShardsOf(terms) {
    return Array.from(new Set(terms.map(function (term) { return shardOf(sortKey(term)); })));
  }

  // The query as searched for, when a word was corrected: its words, the corrected ones replaced.
  function correctedText(query) {
    if (!query.corrections || !query.corrections.some(Boolean)) return null;
    return query.words.map(function (word, position) { return query.corrections[position] || word.exact; }).join(' ');
  }

  // Per-document scores of one query word, in arrays as long as the archive, reused.
  function Accumulator(size) {
    this.score = new Float64Array(size);
    this.stamp = new Uint32Array(size);
    this.touched = [];
    this.round = 0;
  }

  Accumulator.prototype.start = function () {
    this.round++;
    this.touched.length = 0;
  };

  // Sets the score of each document of `list` to `f(current, score * weight)`.
  Accumulator.prototype.apply = function (list, weight, keepBest) {
    for (var i = 0; i < list.docs.length; i++) {
      var doc = list.docs[i];
      var value = list.scores[i] * weight;
      if (this.stamp[doc] !== this.round) {
        this.stamp[doc] = this.round;
        this.score[doc] = value;
        this.touched.push(doc);
      } else if (!keepBest || value > this.score[doc]) {
        this.score[doc] = value;
      }
    }
  };

  // The scores of one query word: the folded list; for a word typed with diacritics the exact
  // list, other spellings keeping exact_miss_weight; for a prefix, the best of that and the
  // words that begin with it.
  function scoreWord(accumulator, word, asPrefix) {
    accumulator.start();
    if (hasDiacritics(word)) {
      accumulator.apply(scores(word.folded), ranking.exact_miss_weight, false);
      accumulator.apply(scores(word.exact), 1, false);
    } else {
      accumulator.apply(scores(word.folded), 1, false);
    }
    if (asPrefix) {
      expansions(word).forEach(function (row) { accumulator.apply(scores(row[0]), ranking.prefix_weight, true); });
    }
  }

  // Arrays as long as the archive, kept from one search to the next: the scores of one word, and
  // for each document the sum over words and how many words it has. A search leaves the sums
  // and counts at zero for the next.
  var scratch = null;

  // The documents that match `query` and their scores, in no order: { docs, scores }, typed
  // arrays. The term shards must be loaded.
  function rank(query) {
    var size = manifest.documents;
    if (!scratch || scratch.total.length !== size) {
      scratch = {
        word: new Accumulator(size),
        pair: new Accumulator(size),
        total: new Float64Array(size),
        found: new Uint8Array(size),
      };
    }
    var word = scratch.word;
    var pair = scratch.pair;
    var total = scratch.total;
    var found = scratch.found;
    var matched = [];
    var count = query.words.length;
    for (var position = 0; position < count; position++) {
      var current = query.words[position];
      var correction = query.corrections && query.corrections[position];
      scoreWord(word, current, query.lastIsPrefix && position === count - 1);
      if (correction) word.apply(scores(correction), ranking.typo_weight, true);
      for (var t = 0; t < word.touched.length; t++) {
        var doc = word.touched[t];
        if (!found[doc]) matched.push(doc);
        total[doc] += word.score[doc];
        found[doc]++;
      }
      if (position > 0 && current.follows) {
        // The best of the bigram's spellings, as typed and as corrected.
        pair.start();
        bigrams(query, position).forEach(function (term) { pair.apply(scores(term), ranking.phrase_weight, true); });
        for (var b = 0; b < pair.touched.length; b++) {
          if (found[pair.touched[b]]) total[pair.touched[b]] += pair.score[pair.touched[b]];
        }
      }
    }
    var docs = Int32Array.from(matched);
    var ranked = new Float64Array(docs.length);
    for (var i = 0; i < docs.length; i++) {
      var share = found[docs[i]] / Math.max(count, 1);
      ranked[i] = total[docs[i]] * share * share;
      total[docs[i]] = 0;
      found[docs[i]] = 0;
    }
    return { docs: docs, scores: ranked };
  }

  // Whether a document ranks before another: a higher score, or the same and newer (lower).
  function ranksBefore(score, doc, otherScore, otherDoc) {
    return score > otherScore || (score === otherScore && doc < otherDoc);
  }

  // The `k` best of the `ranked` documents that `keep` accepts (all when it is null), best first.
  // One pass keeps the best k in order: a search shows a page of results, not every match sorted.
  function best(ranked, k, keep) {
    var docs = [];
    var scores = [];
    for (var i = 0; i < ranked.docs.length && k > 0; i++) {
      var doc = ranked.docs[i];
      var score = ranked.scores[i];
      var at = docs.length;
      if (at === k && !ranksBefore(score, doc, scores[k - 1], docs[k - 1])) continue;
      if (keep && !keep(doc)) continue;
      if (at === k) {
        docs.pop();
        scores.pop();
        at--;
      }
      while (at > 0 && ranksBefore(score, doc, scores[at - 1], docs[at - 1])) at--;
      docs.splice(at, 0, doc);
      scores.splice(at, 0, score);
    }
    return docs;
  }

  function countKept(ranked, keep) {
    var count = 0;
    for (var i = 0; i < ranked.docs.length; i++) if (keep(ranked.docs[i])) count++;
    return count;
  }

  // ── Warming up the ranking ───────────────────────────────────────────────────────────────

  // Made-up terms, each with a list as long as a long real one (madeUpList), and the queries the
  // warm-up ranks in them, in order: words with and without diacritics, a phrase, a slip, a
  // prefix, each twice (the second time in code the first has had compiled).
  var WARM_UP_TERMS = ['an', 'an ninh', 'mang', 'mạng', 'ninh', 'ninh mang', 'quoc', 'quốc', 'tac', 'tặc', 'tin',
    'tin tac', 'trung', 'trung quoc'];
  var WARM_UP_KINDS = ['tin tặc', 'an ninh mang', 'trugn quoc', 'trung quốc phan un'];
  var WARM_UP_QUERIES = WARM_UP_KINDS.concat(WARM_UP_KINDS);
  var madeUp = null;

  // Ranks the made-up query `text` in a made-up index of WARM_UP_TERMS, filed in the shards the
  // real index would file them in, on lists as long as real ones (a loop is optimised only once
  // it has run long enough), so that the page's first search runs compiled code. The made-up
  // index takes the place of what is held of the real one, which is put back after.
  function warmUpRanking(text) {
    var real = held;
    try {
      if (!madeUp) {
        held = emptyIndex();
        fillMadeUp();
        madeUp = held;
      }
      held = madeUp;
      rankMadeUp(text);
    } finally {
      held = real;
    }
  }

  function fillMadeUp() {
    var postings = Math.min(manifest.documents - 1, manifest.scoring.max_postings);
    if (postings < 1) return;
    var terms = new Map();
    WARM_UP_TERMS.forEach(function (term, seed) {
      var list = madeUpList(seed, postings);
      file(terms, shardOf(sortKey(term)), [term, list.count, 1, list.text]);
    });
    terms.forEach(function (rows, number) { addTermShard(number, { terms: rows, slips: [] }); });
    var typos = new Map();
    typoKeys('trung').forEach(function (key) { file(typos, typoShardOf(key), [key, [['trung', postings]]]); });
    typos.forEach(function (rows, number) { addTypoShard(number, rows); });
  }

  // A made-up posting list of at most `postings` documents, encoded as the index encodes lists:
  // from document `seed % 3` on, mostly one to three apart and now and then forty (a gap of two
  // characters), with impacts of every level. The words of a made-up query so match different
  // documents with different scores, as real words do: every path of the decoding and the
  // ranking runs, and none is compiled for a case the reader's search then leaves.
  function madeUpList(seed, postings) {
    var text = '';
    var count = 0;
    for (var doc = seed % 3, previous = 0; count < postings && doc < manifest.documents; count++) {
      text += encodeNumber(doc - previous) + ALPHABET[1 + (count * 7 + seed) % manifest.scoring.impact_levels];
      previous = doc;
      doc += count % 16 === 15 ? 40 : 1 + (count + seed) % 3;
    }
    return { text: text, count: count };
  }

  // `number` as a list writes a gap (decode reads it back).
  function encodeNumber(number) {
    var text = ALPHABET[number % 32];
    for (number = Math.floor(number / 32); number > 0; number = Math.floor(number / 32)) {
      text = ALPHABET[32 + number % 32] + text;
    }
    return text;
  }

  function file(shards, number, row) {
    if (!shards.has(number)) shards.set(number, []);
    shards.get(number).push(row);
  }

  function rankMadeUp(text) {
    var query = parseQuery(text);
    queryTerms(query).forEach(scores);
    correct(query);
    correctedText(query);
    var ranked = rank(query);
    best(ranked, ranking.page_size, null);
    countKept(ranked, function (doc) { return doc % 2 === 0; });
  }

  // ── Node ─────────────────────────────────────────────────────────────────────────────────
  // Everything above is the ranking core; what follows is the page. tests/ranking_parity.mjs
  // requires this file in Node, where there is no page: it gets the core.

  if (typeof module === 'object' && module.exports) {
    module.exports = {
      useManifest: useManifest, addTermShard: addTermShard, parseQuery: parseQuery, shardsFor: shardsFor,
      rank: rank, best: best, addTypoShard: addTypoShard, typoShardsFor: typoShardsFor, correct: correct,
      correctedText: correctedText, correctionShards: correctionShards, warmUpRanking: warmUpRanking,
      warmUpQueries: WARM_UP_QUERIES,
    };
    return;
  }

  // ── Loading shards ───────────────────────────────────────────────────────────────────────

  var page = {
    input: document.getElementById('q'),
    status: document.getElementById('search-status'),
    filters: document.getElementById('search-filters'),
    results: document.getElementById('search-results'),
    correction: document.getElementById('search-correction'),
  };
  if (!page.input || !page.results || !page.status || !page.filters) return;
  var script = document.currentScript;
  var root = (script && script.getAttribute('data-root')) || page.results.getAttribute('data-root') || '../';
  var onDisk = location.protocol === 'file:';

  var waiting = {}; // "kind:number" -> the function that resolves its load with the data
  var loaded = {}; // "kind:number" -> Promise of the registered data
  var docShards = {}; // number -> [document rows]

  window.__dossierSearch = {
    register: function (kind, number, data) {
      var resolve = waiting[kind + ':' + number];
      if (resolve) resolve(data);
    },
  };

  // Loads a shard with a <script> tag; resolves with what it registers. Failed loads are
  // forgotten, so that a later search tries again.
  function load(kind, number, path) {
    var key = kind + ':' + number;
    if (loaded[key]) return loaded[key];
    loaded[key] = new Promise(function (resolve, reject) {
      var registered = false;
      waiting[key] = function (data) {
        registered = true;
        delete waiting[key];
        resolve(data);
      };
      var tag = document.createElement('script');
      tag.src = root + path + (manifest && !onDisk ? '?v=' + manifest.id : '');
      tag.onload = function () {
        tag.remove();
        if (!registered) reject(new Error(path + ' did not register its data'));
      };
      tag.onerror = function () {
        tag.remove();
        reject(new Error('cannot load ' + path));
      };
      document.head.appendChild(tag);
    });
    loaded[key].catch(function () {
      delete loaded[key];
      delete waiting[key];
    });
    return loaded[key];
  }

  function loadManifest() {
    return load('manifest', 0, 'search/index.js').then(useManifest);
  }

  function loadTermShard(number) {
    return load('terms', number, 'search/terms/' + number + '.js').then(function (rows) {
      return addTermShard(number, rows);
    });
  }

  function loadTypoShard(number) {
    return load('typos', number, 'search/typos/' + number + '.js').then(function (rows) {
      return addTypoShard(number, rows);
    });
  }

  // Corrects the words of `query` that match nothing or only rare words, once their typo shards
  // are in, and loads the term shards of the corrections and of their bigrams.
  function loadCorrections(current, query) {
    return Promise.all(typoShardsFor(query).map(loadTypoShard)).then(function () {
      if (!current()) return null;
      correct(query);
      var terms = correctionTerms(query);
      return loadDecoding(current, termShardsOf(terms), terms);
    });
  }

  // Loads the term shards `shards`; the lists of `terms` that each holds are decoded as soon as it
  // arrives, while the others are on their way.
  function loadDecoding(current, shards, terms) {
    return Promise.all(shards.map(function (shard) {
      return loadTermShard(shard).then(function () {
        if (!current()) return;
        terms.forEach(function (term) {
          if (shardOf(sortKey(term)) === shard) scores(term);
        });
      });
    }));
  }

  function loadDocShard(number) {
    return load('docs', number, 'search/docs/' + number + '.js').then(function (rows) {
      docShards[number] = rows;
      return rows;
    });
  }

  // ── Documents and filters ────────────────────────────────────────────────────────────────

  function docShardOf(doc) {
    return Math.floor(doc / manifest.docs_per_shard);
  }

  // What a result shows of document `doc`, once its shard is in: an article (a row that is an
  // array), or the page of an actor or a country (an object: page, id, name, aliases), marked
  // `entity`.
  function articleOf(doc) {
    var rows = docShards[docShardOf(doc)];
    var row = rows && rows[doc % manifest.docs_per_shard];
    if (!row) return null;
    if (!Array.isArray(row)) return { entity: row, actors: [], countries: [] };
    return {
      slug: row[0], title: row[1], date: row[2], source: row[3],
      actors: row[4], countries: row[5], summary: row[6], text: row[7],
    };
  }

  // Runs of [first document, year]: the year of a document without loading it, from the last run
  // that starts at or before it.
  function yearOf(doc) {
    var runs = manifest.years;
    var low = 1;
    var high = runs.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (runs[middle][0] <= doc) low = middle + 1;
      else high = middle;
    }
    return runs.length ? runs[low - 1][1] : 0;
  }

  // The documents of a filter list (the manifest's filter key and an id), as a Set.
  function filterSet(term) {
    return loadTermShard(shardOf(sortKey(term))).then(function () {
      var row = entry(term);
      return new Set(row ? decode(row).docs : []);
    });
  }

  // Resolves with the test of a document against `filters` once their lists are loaded; with
  // null when no filter is set.
  function filterTest(filters) {
    var sets = [];
    if (filters.actor) sets.push(filterSet(manifest.keys.actor_filter + filters.actor));
    if (filters.country) sets.push(filterSet(manifest.keys.country_filter + filters.country));
    return Promise.all(sets).then(function (sets) {
      if (!filters.year && !sets.length) return null;
      return function (doc) {
        if (filters.year && String(yearOf(doc)) !== filters.year) return false;
        return sets.every(function (set) { return set.has(doc); });
      };
    });
  }

  // ── Snippets ─────────────────────────────────────────────────────────────────────────────

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // Which query word a token of a text matches, or -1. Strict matching, for a query typed with
  // diacritics, compares exact forms; loose matching compares folded ones. The last word may be
  // the beginning of the token.
  function matcher(query, strict) {
    var last = query.words.length - 1;
    return function (token) {
      for (var i = 0; i <= last; i++) {
        var word = query.words[i];
        var have = strict ? token.exact : token.folded;
        var want = strict ? word.exact : word.folded;
        if (have === want || (i === last && query.lastIsPrefix && have.startsWith(want))) return i;
      }
      return -1;
    };
  }

  // The best passage of `tokens`: the window of words with the most query words, adjacent pairs
  // and exact spellings. Returns { start (a token), value }; value 0 when nothing matches.
  function bestWindow(tokens, found, query) {
    var best = { start: -1, value: 0 };
    for (var start = 0; start < tokens.length; start++) {
      if (found[start] < 0) continue;
      var words = new Set();
      var value = 0;
      for (var k = start; k < Math.min(tokens.length, start + SNIPPET_WINDOW_WORDS); k++) {
        if (found[k] < 0) continue;
        words.add(found[k]);
        if (tokens[k].exact === query.words[found[k]].exact) value += 1;
        if (k > start && tokens[k].follows && found[k - 1] === found[k] - 1) value += 3;
      }
      value += words.size * 4;
      if (value > best.value) best = { start: start, value: value };
    }
    return best;
  }

  // `text` from `from` to `to` as HTML, matched words in <mark> (adjacent ones in one mark).
  function marked(text, tokens, found, from, to) {
    var html = '';
    var at = from;
    var open = false;
    tokens.forEach(function (token, k) {
      if (token.start < from || token.end > to) return;
      var gap = text.slice(at, token.start);
      if (open && (found[k] < 0 || !PHRASE_GAP.test(gap))) {
        html += '</mark>';
        open = false;
      }
      html += escapeHtml(gap);
      if (found[k] >= 0 && !open) {
        html += '<mark>';
        open = true;
      }
      html += escapeHtml(text.slice(token.start, token.end));
      at = token.end;
    });
    if (open) html += '</mark>';
    return html + escapeHtml(text.slice(at, to));
  }

  // The letters of Latin-1, Latin Extended and Vietnamese, in both cases, that fold to a letter a
  // to z, and that letter: a text with each of them replaced (foldedText) has the same length,
  // so that a folded word found in it is at the same place in the text.
  var FOLDABLE = /[A-Z\u00c0-\u024f\u1e00-\u1eff]/g;
  var foldedLetters = null;

  function foldedLetter(letter) {
    if (!foldedLetters) {
      foldedLetters = {};
      var add = function (code) {
        var each = String.fromCharCode(code);
        var base = fold(each.toLowerCase());
        if (base.length === 1 && base >= 'a' && base <= 'z') foldedLetters[each] = base;
      };
      for (var code = 0x41; code < 0x250; code++) add(code);
      for (code = 0x1e00; code < 0x1f00; code++) add(code);
    }
    return foldedLetters[letter] || letter;
  }

  function foldedText(text) {
    return text.replace(FOLDABLE, foldedLetter);
  }

  var WORD_CHAR = /[\p{Alphabetic}\p{N}\p{M}]$/u;
  var SPACE = /\s/;

  // Where the folded words `needle` first begin a word of `text`, whose folded text is
  // `foldedCopy`, apart by any white space when there are several; -1 when nowhere.
  function findNeedle(text, foldedCopy, needle) {
    for (var at = foldedCopy.indexOf(needle[0]); at >= 0; at = foldedCopy.indexOf(needle[0], at + 1)) {
      if (WORD_CHAR.test(text.slice(Math.max(0, at - 2), at))) continue;
      var end = at + needle[0].length;
      for (var k = 1; k < needle.length; k++) {
        var next = end;
        while (next < foldedCopy.length && SPACE.test(foldedCopy[next])) next++;
        if (next === end || !foldedCopy.startsWith(needle[k], next)) break;
        end = next + needle[k].length;
      }
      if (k === needle.length) return at;
    }
    return -1;
  }

  // What a snippet is looked for around: the whole query (its folded words), then each word.
  function snippetNeedles(query) {
    var needles = query.words.map(function (word) { return [word.folded]; });
    if (needles.length > 1) needles.unshift(query.words.map(function (word) { return word.folded; }));
    return needles;
  }

  // The parts of `text` a snippet is looked for in, as [start, end]: around the first place of
  // the whole query and of each of its words (MAX_SNIPPET_PARTS at most, joined where they
  // overlap, cut at spaces), found in its folded text, so that only those parts are tokenized. A
  // short text is one part.
  function snippetParts(text, query) {
    if (text.length <= SNIPPET_BEFORE + SNIPPET_AFTER) return [[0, text.length]];
    var foldedCopy = foldedText(text);
    var places = snippetNeedles(query).map(function (needle) {
      return findNeedle(text, foldedCopy, needle);
    }).filter(function (at) { return at >= 0; }).sort(function (a, b) { return a - b; }).slice(0, MAX_SNIPPET_PARTS);
    var parts = [];
    places.forEach(function (at) {
      var start = at <= SNIPPET_BEFORE ? 0 : text.lastIndexOf(' ', at - SNIPPET_BEFORE) + 1;
      var end = text.indexOf(' ', at + SNIPPET_AFTER);
      if (end < 0) end = text.length;
      var last = parts[parts.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else parts.push([start, end]);
    });
    return parts;
  }

  // The words of the parts of `text` a snippet may come from: [{ text, start, end, tokens }].
  function snippetSources(text, query) {
    return snippetParts(text, query).map(function (part) {
      var tokens = tokenize(text.slice(part[0], part[1]));
      tokens.forEach(function (token) {
        token.start += part[0];
        token.end += part[0];
      });
      return { text: text, start: part[0], end: part[1], tokens: tokens };
    });
  }

  // The passage of a source around its best match: { html, value }, value 0 when nothing matches.
  function passage(source, query, strict) {
    var tokens = source.tokens;
    var found = tokens.map(matcher(query, strict));
    var best = bestWindow(tokens, found, query);
    if (best.start < 0) return { html: '', value: 0 };
    var text = source.text;
    var from = best.start > 4 ? tokens[best.start - 4].start : source.start;
    var to = Math.min(source.end, from + SNIPPET_CHARS);
    var cut = tokens.find(function (token) { return token.start < to && token.end > to; });
    if (cut) to = cut.end;
    var html = (from > 0 ? '…' : '') + marked(text, tokens, found, from, to) + (to < text.length ? '…' : '');
    return { html: html, value: best.value };
  }

  function strictMatching(query) {
    return query.words.some(hasDiacritics);
  }

  // The best passage of the text and the summary (the text's on a tie); the summary's
  // beginning if neither matches.
  function snippet(article, query) {
    var sources = snippetSources(article.text, query).concat(snippetSources(article.summary, query));
    var modes = strictMatching(query) ? [true, false] : [false];
    for (var m = 0; m < modes.length; m++) {
      var chosen = { value: 0 };
      sources.forEach(function (source) {
        var candidate = passage(source, query, modes[m]);
        if (candidate.value > chosen.value) chosen = candidate;
      });
      if (chosen.value > 0) return chosen.html;
    }
    var summary = article.summary || article.text;
    return escapeHtml(summary.slice(0, SNIPPET_CHARS)) + (summary.length > SNIPPET_CHARS ? '…' : '');
  }

  function markTitle(title, query) {
    var tokens = tokenize(title);
    return marked(title, tokens, tokens.map(matcher(query, strictMatching(query))), 0, title.length);
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

  // A folder link relative to this page; from disk a folder shows a listing, so name the file.
  function folderUrl(path) {
    return root + path + (onDisk ? 'index.html' : '');
  }

  // A pattern of the manifest's `urls` or `dates` with its {names} replaced by their values.
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  // A date as pages show it (the manifest's `dates`), from YYYY-MM-DD, YYYY-MM or YYYY.
  function displayDate(iso) {
    var parts = iso.split('-').map(Number);
    var values = { year: parts[0], month: parts[1], day: parts[2] };
    var formats = manifest.dates;
    return fill(parts.length === 3 ? formats.day : parts.length === 2 ? formats.month : formats.year, values);
  }

  // A link to an actor or a country; `kind` is `actor` or `country`, as in the manifest's `urls`.
  function chip(kind, pair) {
    var url = folderUrl(fill(manifest.urls[kind], { id: pair[0] }));
    return '<li><a class="chip chip-' + kind + '" href="' + escapeHtml(url) + '">' + escapeHtml(pair[1]) + '</a></li>';
  }

  // The labels of actor and country results, worded by templates/search.html.
  function pageLabel(name) {
    return page.results.getAttribute('data-label-' + name) || '';
  }

  // An actor's or a country's page as a result: its name, what it is, and the alias the query
  // matched when its name did not, or when neither did, the passage of its description that did.
  function entityHtml(entity, query) {
    var match = matcher(query, strictMatching(query));
    var matches = function (text) { return tokenize(text).some(function (token) { return match(token) >= 0; }); };
    var named = matches(entity.name);
    var alias = named ? null : entity.aliases.filter(matches)[0];
    var described = !named && !alias && entity.text;
    var url = folderUrl(fill(manifest.urls[entity.page], { id: entity.id }));
    return '<li class="search-result search-result-entity">' +
      '<h2 class="search-result-title"><a href="' + escapeHtml(url) + '">' + markTitle(entity.name, query) + '</a></h2>' +
      '<p class="search-result-meta"><span class="kind-tag">' + escapeHtml(pageLabel(entity.page)) + '</span></p>' +
      (alias ? '<p class="search-result-alias">' + escapeHtml(pageLabel('alias')) + ': ' + markTitle(alias, query) + '</p>' : '') +
      (described ? '<p class="search-result-snippet">' + snippet({ text: entity.text, summary: '' }, query) + '</p>' : '') +
      '</li>';
  }

  function resultHtml(article, query) {
    if (article.entity) return entityHtml(article.entity, query);
    var chips = article.countries.map(function (pair) { return chip('country', pair); })
      .concat(article.actors.map(function (pair) { return chip('actor', pair); }));
    var url = folderUrl(fill(manifest.urls.article, { slug: article.slug })) +
      '?' + manifest.urls.highlight + '=' + encodeURIComponent(query.words.map(function (word) { return word.exact; }).join(' '));
    return '<li class="search-result">' +
      '<h2 class="search-result-title"><a href="' + escapeHtml(url) + '">' +
      markTitle(article.title, query) + '</a></h2>' +
      '<p class="search-result-meta"><time datetime="' + escapeHtml(article.date) + '">' +
      escapeHtml(displayDate(article.date)) + '</time> · <span class="search-result-source">' +
      escapeHtml(article.source) + '</span></p>' +
      '<p class="search-result-snippet">' + snippet(article, query) + '</p>' +
      (chips.length ? '<ul class="chips search-result-chips">' + chips.join('') + '</ul>' : '') +
      '</li>';
  }

  var collator = new Intl.Collator('vi');

  var FILTERS = [
    { name: 'actor', label: 'Tác nhân' },
    { name: 'country', label: 'Quốc gia' },
    { name: 'year', label: 'Năm' },
  ];

  // The filter controls stay in place while results change, so that a reader using one with
  // the keyboard keeps focus; they are removed when there are no results.
  function ensureFilterControls() {
    if (page.filters.querySelector('select')) return;
    page.filters.setAttribute('role', 'group');
    page.filters.setAttribute('aria-label', 'Lọc kết quả');
    page.filters.innerHTML = FILTERS.map(function (filter) {
      return '<label class="search-filter">' + filter.label + ' <select id="search-filter-' + filter.name +
        '" name="' + filter.name + '"></select></label>';
    }).join('');
    FILTERS.forEach(function (filter) {
      document.getElementById('search-filter-' + filter.name).addEventListener('change', function (event) {
        state.filters[filter.name] = event.target.value;
        state.pages = 1;
        search();
      });
    });
  }

  function setOptions(name, options, selected) {
    var select = document.getElementById('search-filter-' + name);
    var html = '<option value="">Tất cả</option>' + options.map(function (option) {
      return '<option value="' + escapeHtml(option.value) + '"' + (option.value === selected ? ' selected' : '') + '>' +
        escapeHtml(option.label) + '</option>';
    }).join('');
    if (select.innerHTML !== html) select.innerHTML = html;
    select.value = selected || '';
  }

  // Actors and countries of the articles shown, most frequent first; years of all results.
  function renderFilters(ranked, articles) {
    if (!ranked.docs.length && !state.filters.actor && !state.filters.country && !state.filters.year) {
      page.filters.textContent = '';
      return;
    }
    ensureFilterControls();
    ['actor', 'country'].forEach(function (name) {
      var counts = new Map();
      articles.forEach(function (article) {
        (name === 'actor' ? article.actors : article.countries).forEach(function (pair) {
          var seen = counts.get(pair[0]) || { value: pair[0], label: pair[1], count: 0 };
          seen.count += 1;
          counts.set(pair[0], seen);
        });
      });
      var options = Array.from(counts.values()).sort(function (a, b) {
        return b.count - a.count || collator.compare(a.label, b.label);
      }).slice(0, MAX_FILTER_OPTIONS);
      var selected = state.filters[name];
      if (selected && !counts.has(selected)) options.push({ value: selected, label: state.labels[selected] || selected });
      setOptions(name, options, selected);
    });
    var years = new Map();
    for (var i = 0; i < ranked.docs.length; i++) {
      var year = yearOf(ranked.docs[i]);
      // Actors' and countries' pages have no year (0 in the manifest's `years`).
      if (year) years.set(String(year), (years.get(String(year)) || 0) + 1);
    }
    if (state.filters.year && !years.has(state.filters.year)) years.set(state.filters.year, 0);
    var yearOptions = Array.from(years.keys()).sort().reverse().map(function (year) {
      return { value: year, label: year + ' (' + years.get(year) + ')' };
    });
    setOptions('year', yearOptions, state.filters.year);
  }

  function renderMore(remaining) {
    var more = document.getElementById('search-more');
    if (!remaining) {
      if (more) more.remove();
      return;
    }
    if (!more) {
      more = document.createElement('p');
      more.id = 'search-more';
      more.className = 'search-more';
      more.innerHTML = '<button type="button"></button>';
      more.firstChild.addEventListener('click', function () {
        var first = state.pages * ranking.page_size;
        state.pages += 1;
        search().then(function () {
          var link = page.results.querySelectorAll('.search-result-title a')[first];
          if (link) link.focus();
        });
      });
      page.results.insertAdjacentElement('afterend', more);
    }
    more.firstChild.textContent = 'Xem thêm ' + Math.min(ranking.page_size, remaining) + ' kết quả';
  }

  function statusText(text, total, filtered, shown) {
    var quoted = '“' + text.trim() + '”';
    if (!total) return 'Không tìm thấy kết quả nào cho ' + quoted + '.';
    if (!filtered) return 'Không có kết quả nào cho ' + quoted + ' khớp bộ lọc.';
    var found = filtered === total ? total + ' kết quả cho ' + quoted
      : filtered + ' trong ' + total + ' kết quả cho ' + quoted + ' khớp bộ lọc';
    return found + (shown < filtered ? ', hiển thị ' + shown + ' kết quả đầu.' : '.');
  }

  // ── The page ─────────────────────────────────────────────────────────────────────────────

  // `pages`: how many pages of results are shown.
  var state = { generation: 0, pages: 1, filters: { actor: '', country: '', year: '' }, labels: {} };

  function readUrl() {
    var params = new URLSearchParams(location.search);
    page.input.value = params.get('q') || '';
    FILTERS.forEach(function (filter) { state.filters[filter.name] = params.get(filter.name) || ''; });
  }

  var urlTimer = 0;

  function writeUrlSoon() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
  }

  // Keeps the address shareable; history may refuse (some browsers on file://), which is fine.
  function writeUrl() {
    var params = new URLSearchParams();
    if (page.input.value.trim()) params.set('q', page.input.value);
    FILTERS.forEach(function (filter) {
      if (state.filters[filter.name]) params.set(filter.name, state.filters[filter.name]);
    });
    var queryString = params.toString();
    try {
      history.replaceState(null, '', location.pathname + (queryString ? '?' + queryString : '') + location.hash);
    } catch (error) {
      // Not updating the address bar loses nothing but the shareable address.
    }
  }

  function clear(message) {
    page.results.textContent = '';
    page.filters.textContent = '';
    renderMore(0);
    page.status.textContent = message;
    showCorrection(null);
  }

  // Says what was searched for instead when a word was corrected; the wording is the page's.
  function showCorrection(text) {
    if (!page.correction) return;
    page.correction.hidden = !text;
    page.correction.querySelector('[data-corrected]').textContent = text || '';
  }

  // Runs the search for the box's text; a newer keystroke makes an older run stop as soon as it
  // notices, before ranking and before loading documents.
  function search() {
    var generation = ++state.generation;
    var text = page.input.value;
    writeUrlSoon();
    if (!text.trim()) {
      clear('');
      return Promise.resolve();
    }
    var current = function () { return generation === state.generation; };
    return loadManifest()
      .then(function () {
        if (!current()) return undefined;
        // The query is read with the manifest's limits (the longest word, the shortest prefix).
        var query = parseQuery(text);
        if (!query.words.length) return clear('');
        return searchFor(current, text, query);
      })
      .catch(function (error) {
        if (!current()) return;
        clear('Không tải được chỉ mục tìm kiếm.');
        if (window.console) console.error(error);
      });
  }

  // Loads the term shards of `query`, ranks, and shows the results.
  function searchFor(current, text, query) {
    var ranked;
    return loadDecoding(current, shardsFor(query), queryTerms(query))
      .then(function () {
        return current() ? loadCorrections(current, query) : null;
      })
      .then(function () {
        if (!current()) return null;
        ranked = rank(query);
        return filterTest(state.filters);
      })
      .then(function (keep) {
        if (!current()) return undefined;
        var shown = best(ranked, state.pages * ranking.page_size, keep);
        var filtered = keep ? countKept(ranked, keep) : ranked.docs.length;
        var firstPage = keep ? best(ranked, ranking.page_size, null) : shown.slice(0, ranking.page_size);
        return show(current, text, query, ranked, { shown: shown, filtered: filtered, firstPage: firstPage });
      });
  }

  // Shows `results.shown` as their documents arrive: each shard that arrives shows the results
  // from the last one shown up to the first whose document is still missing. The first result's
  // shard is asked for alone and the others once it is shown: on a busy machine the browser's
  // work for ten files at once delays the one the reader waits for. The filters follow once
  // every document is in; they offer the actors and countries of `results.firstPage` and of the
  // results shown.
  function show(current, text, query, ranked, results) {
    var shown = results.shown;
    var status = statusText(text, ranked.docs.length, results.filtered, shown.length);
    var rendered = 0;
    var renderArrived = function () {
      if (!current()) return;
      var end = rendered;
      while (end < shown.length && articleOf(shown[end])) end++;
      if (end === rendered && shown.length) return;
      var html = shown.slice(rendered, end).map(function (doc) { return resultHtml(articleOf(doc), query); }).join('');
      if (rendered) page.results.insertAdjacentHTML('beforeend', html);
      else page.results.innerHTML = html;
      rendered = end;
      page.status.textContent = status;
      showCorrection(correctedText(query));
    };
    var shards = [];
    shown.concat(results.firstPage).forEach(function (doc) {
      if (shards.indexOf(docShardOf(doc)) < 0) shards.push(docShardOf(doc));
    });
    var first = shards.length ? loadDocShard(shards[0]).then(renderArrived) : Promise.resolve();
    var others = shards.slice(1).map(function (shard) {
      return first.then(function () { return current() ? loadDocShard(shard).then(renderArrived) : null; });
    });
    return Promise.all([first].concat(others))
      .then(function () {
        if (!current()) return;
        renderArrived();
        var seen = results.firstPage.concat(shown).map(articleOf).filter(Boolean);
        seen.forEach(function (article) {
          article.actors.concat(article.countries).forEach(function (pair) { state.labels[pair[0]] = pair[1]; });
        });
        renderFilters(ranked, seen);
        renderMore(results.filtered - shown.length);
      });
  }

  // ── Warming up the page ──────────────────────────────────────────────────────────────────

  var WARM_UP_TEXT = 'Tin tặc tấn công hệ thống điện; chuyên gia an ninh mạng nói 5,31% máy chủ bị ảnh hưởng.';

  // Runs the code of a search on made-up data once the page is idle, so that the browser has
  // compiled and optimised it before the reader's first search rather than interpreting it
  // during that search: the ranking (warmUpRanking), then a result written out. One step per
  // task, so that a reader who starts typing meanwhile waits for one step at most; once a search
  // has started, it warms the code up itself and the steps left would only compete with it. It
  // loads nothing and changes nothing that a search or the page uses.
  function warmUp() {
    var steps = WARM_UP_QUERIES.map(function (text) { return function () { warmUpRanking(text); }; });
    steps.push(warmUpResults);
    (function next() {
      var step = steps.shift();
      if (step && !state.generation) setTimeout(function () { step(); next(); }, 0);
    })();
  }

  function warmUpResults() {
    var query = parseQuery('tin tặc hệ thốn');
    var text = new Array(40).join(WARM_UP_TEXT + ' ');
    var article = {
      slug: 'x', title: WARM_UP_TEXT, date: '2020-01-02', source: 'x', actors: [['x', 'X']], countries: [],
      summary: WARM_UP_TEXT, text: text,
    };
    resultHtml(article, query);
    resultHtml(article, parseQuery('an ninh mang'));
  }

  function whenIdle(task) {
    if (window.requestIdleCallback) window.requestIdleCallback(task, { timeout: 1000 });
    else setTimeout(task, 50);
  }

  // ── Start ────────────────────────────────────────────────────────────────────────────────

  readUrl();
  if (page.input.form) {
    page.input.form.addEventListener('submit', function (event) {
      event.preventDefault();
      search();
    });
  }
  page.input.addEventListener('input', function () {
    state.pages = 1;
    search();
  });
  if (page.input.value.trim()) {
    search();
  } else {
    // The manifest is needed by the first keystroke: fetch it while the reader starts typing,
    // then warm the search up.
    loadManifest().then(function () { whenIdle(warmUp); }).catch(function () {});
  }
})();
