// The client's half of the ranking parity test (tests/ranking_parity.rs runs it): ranks the
// queries that src/search/query.rs ranked with the ranking core of static/search.js in Node, fed
// a built site's search index the way the page feeds it (tests/search-client.mjs: for each query
// only the shards the page would load, so that a shard the page forgets to load fails here), and
// compares, to the bit, with the page's warm-up run amid the loads (it must change nothing). Exits 1
// and prints every query where the two differ.
//
//   node tests/ranking_parity.mjs <built site folder> <expected.json>
//
// expected.json: [{ "query": text, "term_shards": [n, …], "typo_shards": [n, …], "corrected": text or null,
//                  "results": [{ "doc", "slug", "score" }, …] }],
// every result of each query, best first.
import fs from 'node:fs';
import { searchLikeThePage, shardData } from './search-client.mjs';

const [site, expectedPath] = process.argv.slice(2);
if (!site || !expectedPath) {
  console.error('usage: node tests/ranking_parity.mjs <built site folder> <expected.json>');
  process.exit(2);
}

const manifest = shardData(site, 'search/index.js');

function clientRanking(text) {
  const { core, query, ranked, termShards, typoShards } = searchLikeThePage(site, manifest, text, { warmUp: true });
  const order = core.best(ranked, ranked.docs.length, null);
  const score = new Map(Array.from(ranked.docs, (doc, i) => [doc, ranked.scores[i]]));
  return {
    term_shards: termShards,
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
