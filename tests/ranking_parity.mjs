// The client's half of the ranking parity test (tests/ranking_parity.rs runs it): loads the ranking
// core of static/search.js in Node, feeds it a built site's search index the way the page does
// (each shard file run as the one call it is; for each query a fresh core, given only the shards
// the page would load for it, in the page's order, so that a shard the page forgets to load fails
// here), ranks the queries that src/search/query.rs ranked, and compares, to the bit. Exits 1 and
// prints every query where the two differ.
//
//   node tests/ranking_parity.mjs <built site folder> <expected.json>
//
// expected.json: [{ "query": text, "term_shards": [n, …], "typo_shards": [n, …], "corrected": text or null,
//                  "results": [{ "doc", "slug", "score" }, …] }],
// every result of each query, best first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import vm from 'node:vm';

const [site, expectedPath] = process.argv.slice(2);
if (!site || !expectedPath) {
  console.error('usage: node tests/ranking_parity.mjs <built site folder> <expected.json>');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const client = require.resolve('../static/search.js');

// The data a shard file registers, read by running the file as a <script> would.
function shardData(relative) {
  let registered;
  const window = { __dossierSearch: { register: (kind, number, data) => { registered = data; } } };
  vm.runInNewContext(fs.readFileSync(path.join(site, relative), 'utf8'), { window });
  return registered;
}

const manifest = shardData('search/index.js');

// The client as a page that has loaded only the manifest.
function freshCore() {
  delete require.cache[client];
  const core = require(client);
  core.useManifest(manifest);
  return core;
}

// The client's ranking of `text`, with the shards it loads, as the page loads them: the term
// shards of the query, the typo shards of the words to correct, the term shards of the corrections.
function clientRanking(text) {
  const core = freshCore();
  const query = core.parseQuery(text);
  const termShards = new Set();
  const loadTermShards = (numbers) => numbers.forEach((number) => {
    termShards.add(number);
    core.addTermShard(number, shardData(`search/terms/${number}.js`));
  });
  loadTermShards(core.shardsFor(query));
  const typoShards = core.typoShardsFor(query).sort((a, b) => a - b);
  typoShards.forEach((number) => core.addTypoShard(number, shardData(`search/typos/${number}.js`)));
  core.correct(query);
  loadTermShards(core.correctionShards(query));
  const ranked = core.rank(query);
  const order = core.best(ranked, ranked.docs.length, null);
  const score = new Map(Array.from(ranked.docs, (doc, i) => [doc, ranked.scores[i]]));
  return {
    term_shards: Array.from(termShards).sort((a, b) => a - b),
    typo_shards: typoShards,
    corrected: core.correctedText(query),
    results: order.map((doc) => ({ doc, score: score.get(doc) })),
  };
}

function differences(expected, actual) {
  const found = [];
  if (expected.term_shards.join() !== actual.term_shards.join()) {
    found.push(`term shards: query.rs [${expected.term_shards}], client [${actual.term_shards}]`);
  }
  if (expected.typo_shards.join() !== actual.typo_shards.join()) {
    found.push(`typo shards: query.rs [${expected.typo_shards}], client [${actual.typo_shards}]`);
  }
  if (expected.corrected !== actual.corrected) {
    found.push(`corrected: query.rs ${expected.corrected}, client ${actual.corrected}`);
  }
  const length = Math.max(expected.results.length, actual.results.length);
  for (let rank = 0; rank < length; rank++) {
    const want = expected.results[rank];
    const have = actual.results[rank];
    // Both sides do the same float operations in the same order: scores are equal to the bit, so
    // that near-ties, common in a large archive, fall the same way.
    if (want && have && want.doc === have.doc && want.score === have.score) continue;
    const show = (hit) => (hit ? `doc ${hit.doc} score ${hit.score}` : 'nothing');
    found.push(`rank ${rank + 1}: query.rs ${show(want)}${want ? ` (${want.slug})` : ''}, client ${show(have)}`);
  }
  return found;
}

const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
let failed = 0;
for (const query of expected) {
  const found = differences(query, clientRanking(query.query));
  if (!found.length) continue;
  failed++;
  console.error(`“${query.query}”:\n  ${found.join('\n  ')}`);
}
console.log(`${expected.length - failed} of ${expected.length} queries ranked alike by query.rs and search.js`);
process.exit(failed ? 1 : 0);
