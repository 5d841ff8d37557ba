// The ranking core of static/search.js in Node, fed a built site's search index as the search page
// feeds it: for each query a fresh core that has only the manifest, then the shard files the page
// would load for that query, in the page's order (each file run as the one call it is). Used by
// the ranking parity test (tests/ranking_parity.mjs) and by the measure of what a query downloads
// (bench/query-bytes.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const client = require.resolve('../static/search.js');

// The data the shard file `relative` of `site` registers, read by running it as a <script> would.
export function shardData(site, relative) {
  let registered;
  const window = { __dossierSearch: { register: (kind, number, data) => { registered = data; } } };
  vm.runInNewContext(fs.readFileSync(path.join(site, relative), 'utf8'), { window });
  return registered;
}

// Searches `text` in the index of `site` (whose manifest is `manifest`) as the page does: the term
// shards of the query, the typo shards of the words to correct, the term shards of the
// corrections. Returns the core, the query, the ranked documents ({ docs, scores }, in no order)
// and the numbers of the term and typo shards loaded, sorted. With `warmUp`, the page's warm-up
// of the ranking runs too, before the first shard and again before ranking, as it may on the
// page: it must leave the search as it found it.
export function searchLikeThePage(site, manifest, text, { warmUp = false } = {}) {
  delete require.cache[client];
  const core = require(client);
  core.useManifest(manifest);
  const warmUpRanking = () => core.warmUpQueries.forEach((made) => core.warmUpRanking(made));
  if (warmUp) warmUpRanking();
  const query = core.parseQuery(text);
  const termShards = new Set();
  const loadTermShards = (numbers) => numbers.forEach((number) => {
    termShards.add(number);
    core.addTermShard(number, shardData(site, `search/terms/${number}.js`));
  });
  loadTermShards(core.shardsFor(query));
  const typoShards = core.typoShardsFor(query).sort((a, b) => a - b);
  typoShards.forEach((number) => core.addTypoShard(number, shardData(site, `search/typos/${number}.js`)));
  core.correct(query);
  loadTermShards(core.correctionShards(query));
  if (warmUp) warmUpRanking();
  return {
    core,
    query,
    ranked: core.rank(query),
    termShards: Array.from(termShards).sort((a, b) => a - b),
    typoShards,
  };
}
