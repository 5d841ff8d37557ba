// What a search downloads, measured with the client's own ranking core on a built site: the
// manifest, the term shards of the query, the typo shards of the words it corrects, the term
// shards of the corrections, and the document shards of the first page of results, as the search
// page loads them (tests/search-client.mjs). Prints one row per query, for docs/performance.md.
//
//   node bench/query-bytes.mjs <built site folder> <query>...
import fs from 'node:fs';
import path from 'node:path';
import { searchLikeThePage, shardData } from '../tests/search-client.mjs';

const [site, ...texts] = process.argv.slice(2);
if (!site || !texts.length) {
  console.error('usage: node bench/query-bytes.mjs <built site folder> <query>...');
  process.exit(2);
}

const manifest = shardData(site, 'search/index.js');
const bytes = (relative) => fs.statSync(path.join(site, relative)).size;
const sum = (files) => files.reduce((total, file) => total + bytes(file), 0);

console.log('| query | corrected to | term / typo / doc shards | bytes |');
console.log('| --- | --- | --- | ---: |');
for (const text of texts) {
  const { core, query, ranked, termShards, typoShards } = searchLikeThePage(site, manifest, text);
  const firstPage = core.best(ranked, manifest.ranking.page_size, null);
  const docShards = Array.from(new Set(firstPage.map((doc) => Math.floor(doc / manifest.docs_per_shard))));
  const total = bytes('search/index.js')
    + sum(termShards.map((n) => `search/terms/${n}.js`))
    + sum(typoShards.map((n) => `search/typos/${n}.js`))
    + sum(docShards.map((n) => `search/docs/${n}.js`));
  const corrected = core.correctedText(query) ?? '(none)';
  const shards = `${termShards.length} / ${typoShards.length} / ${docShards.length}`;
  console.log(`| \`${text}\` | ${corrected} | ${shards} | ${(total / 1024).toFixed(0)} KiB |`);
}
