// Search latency in a browser: how long after the keystroke that completes a query the search
// page shows its results, on a generated archive (issue 3: "results within 50 ms of typing on the
// 10k-article benchmark archive").
//
// Run from anywhere (needs the browser test tools: bash tests/tools/install.sh):
//
//   node bench/search-latency.mjs                      # 10,000 articles, 5 runs
//   node bench/search-latency.mjs --articles 1000 --runs 3
//
// Options: --articles N (10000), --runs N (5), --seed S (1), --bin PATH (the dossier binary;
// default target/release/dossier, rebuilt with `cargo build --release` when older than the
// sources), --out FILE (target/bench/search-latency.md), --trace DIR (also save a Chrome
// performance trace of one cold and one warm search per query, over http://, in an extra pass
// that is not counted; open them in https://ui.perfetto.dev or chrome://tracing).
//
// What it does:
// 1. Takes the generated archive target/bench-corpus/n<N>-seed<S>-v<generator version> (the
//    cache `dossier-bench run` uses), generating it with `dossier-bench generate` if missing.
// 2. Builds it with `dossier build --zip` into a temporary folder (on /dev/shm when there is
//    one), serves the output with tests/browser/lib.mjs's static server, and opens search/ in
//    headless Chromium (lib.mjs's launch()). Then does the same over file:// from the unzipped
//    zip, as a reader who downloaded the archive would.
// 3. For each query of QUERIES, in each of --runs runs (queries interleaved, so that a slow
//    moment of the machine does not land on one query only), measures:
//    - cold: the first search after the page has loaded (200 ms after its load event: the term
//      shards and the document shards are all fetched, and the manifest too unless search.js
//      fetched it when the page loaded), the whole query arriving in one input event (as a
//      paste, or the last keystroke of a query whose earlier keystrokes fetched nothing: the
//      worst case for downloads);
//    - warm: the same query again on the same page, after clearing the box (everything loaded
//      and decoded: what the search itself costs);
//    - typed: on a fresh page, the query typed one character every TYPE_DELAY_MS ms; the time
//      counts from the last character (earlier keystrokes have fetched part of the shards, and
//      their searches may still be running: what a reader typing the query sees).
//    Each time runs from performance.now() taken in the page right before the input event is
//    dispatched, to the MutationObserver callback that sees #search-results and #search-status
//    updated for that query: search.js shows the first results as soon as their documents are
//    in, with the status, and the others as theirs arrive. "all" runs to the callback that sees
//    every result of the first page in #search-results; "frame" to the first task after the next
//    animation frame following the first results, i.e. about when they are on screen. All of it
//    happens inside one page.evaluate(), so no DevTools round trip is counted. Over http://, a
//    cold search also reports when its last term or typo shard and its first document shard had
//    arrived (resource timing): what is left of its time is the page's own work.
//    Bytes: over http://, the sizes of the responses the page received for the query
//    (playwright's request events and request.sizes(); the lib.mjs server does not compress),
//    plus what they would weigh gzipped (a compressing host); over file://, the sizes of the
//    files the page loaded (the <script> tags search.js added).
// 4. Prints a Markdown report and writes it to --out.
//
// The machine matters: run it on a quiet one, and compare runs made on the same machine.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

// lib.mjs imports playwright-core itself (from tests/browser/node_modules), so importing it by
// path is enough for module resolution to work from bench/.
import {
  REPO_ROOT,
  fileUrl,
  launch,
  makeTempDir,
  newPage,
  runDossier,
  serve,
  unzip,
  watchPage,
} from '../tests/browser/lib.mjs';

// The queries: words that occur in the generated corpus (corpus/src/), how readers type them.
const QUERIES = [
  { q: 'tin tặc', kind: 'common words, diacritics' },
  { q: 'tin tac', kind: 'common words, no diacritics' },
  { q: 'hệ thống điện', kind: '3-word phrase, diacritics' },
  { q: 'an ninh mang', kind: '3-word phrase, no diacritics' },
  { q: 'mã độc tống tiền', kind: '4-word phrase, diacritics' },
  { q: 'rửa tiền', kind: 'less common words' },
  { q: 'SaltTyphoon', kind: 'alias (of APT3)' },
  { q: 'Storm-0521', kind: 'alias (of Silk Chollima), 2 tokens' },
  { q: 'Dmitry Sokolov', kind: 'rare name' },
  { q: 'tru', kind: 'prefix, 3 letters' },
  { q: 'gruz', kind: 'prefix, 4 letters' },
  { q: 'trừn', kind: 'prefix, 4 letters, diacritics' },
  { q: 'trugn quoc', kind: 'one typo (swapped letters), corrected' },
  { q: 'silk chollmia', kind: 'one typo in a name, corrected' },
  { q: 'trung quốc phan ung', kind: 'diacritics on some words only' },
];

const TARGET_MS = 50;
const TYPE_DELAY_MS = 100;
const QUERY_TIMEOUT_MS = 20_000;
// Pause between two measurements on one page: search.js rewrites the address 250 ms after the
// last input; let that happen outside the measured time.
const SETTLE_MS = 400;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = {
    articles: 10000,
    runs: 5,
    seed: 1,
    bin: null,
    out: path.join(REPO_ROOT, 'target', 'bench', 'search-latency.md'),
    trace: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive integer`);
      return n;
    };
    switch (arg) {
      case '--articles': opts.articles = count(); break;
      case '--runs': opts.runs = count(); break;
      case '--seed': opts.seed = count(); break;
      case '--bin': opts.bin = path.resolve(value()); break;
      case '--out': opts.out = path.resolve(value()); break;
      case '--trace': opts.trace = path.resolve(value()); break;
      case '-h':
      case '--help':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\nimport')[0]);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg} (see --help)`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// The binaries, the corpus, the build

function run(cmd, args, opts = {}) {
  console.error(`$ ${[cmd, ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', ...opts });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

/** Newest modification time of the files under `paths` (files or folders), in ms. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

const SOURCES = ['src', 'static', 'templates', 'corpus', 'bench/src', 'bench/Cargo.toml', 'Cargo.toml', 'Cargo.lock'].map(
  (p) => path.join(REPO_ROOT, p),
);

/** target/release/<name>, built with `cargo build --release -p <name>` (each binary is the one
 *  of the workspace member of its name) when missing or older than what goes into it (src/, and
 *  static/ and templates/, which dossier embeds; corpus/ and bench/ for dossier-bench). */
function releaseBinary(name) {
  const bin = path.join(REPO_ROOT, 'target', 'release', name);
  const built = fs.existsSync(bin) ? fs.statSync(bin).mtimeMs : 0;
  if (built < newestMtime(SOURCES)) {
    try {
      run('cargo', ['build', '--release', '-p', name]);
    } catch (error) {
      throw new Error(`${error.message}\n(to measure the binary as it is: --bin ${path.relative(process.cwd(), bin)})`);
    }
  }
  return bin;
}

/** The cached generated archive (the folder `dossier-bench run` uses), generated if missing
 *  with `benchBin()`'s dossier-bench. */
function corpusSite(benchBin, articles, seed) {
  const corpusRs = fs.readFileSync(path.join(REPO_ROOT, 'corpus', 'src', 'lib.rs'), 'utf8');
  const version = /GENERATOR_VERSION: u32 = (\d+)/.exec(corpusRs)?.[1];
  if (!version) throw new Error('cannot find GENERATOR_VERSION in corpus/src/lib.rs');
  const cache = path.join(REPO_ROOT, 'target', 'bench-corpus');
  const site = path.join(cache, `n${articles}-seed${seed}-v${version}`);
  if (fs.existsSync(path.join(site, 'site.toml'))) return site;
  // Generated aside and renamed, so that an interrupted run never leaves a partial corpus.
  const staging = path.join(cache, `.n${articles}-seed${seed}-v${version}.tmp-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(cache, { recursive: true });
  run(benchBin(), ['generate', '--articles', String(articles), '--seed', String(seed), '--out', staging]);
  fs.renameSync(staging, site);
  return site;
}

/** `dossier build --zip` into a fresh temporary folder; returns {out, unzipped, seconds}. Like
 *  lib.mjs's buildSite(), with a timeout that fits large archives. */
function build(site) {
  const work = makeTempDir('search-latency');
  const out = path.join(work, 'out');
  const zip = path.join(work, 'site.zip');
  const argv = ['build', '--root', site, '--out', out, '--zip', zip, '--no-cache'];
  console.error(`$ ${process.env.DOSSIER_BIN} ${argv.join(' ')}`);
  const start = process.hrtime.bigint();
  const res = runDossier(argv, { timeout: 900_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (res.status !== 0) {
    throw new Error(`dossier build exited with ${res.status ?? res.signal}\n${res.stdout}\n${res.stderr}`);
  }
  const unzipped = unzip(zip, path.join(work, 'unzipped'));
  // The zip holds one top folder (site/); find the folder that has search/index.html.
  let offline = unzipped;
  if (!fs.existsSync(path.join(offline, 'search', 'index.html'))) {
    const tops = fs.readdirSync(unzipped).map((name) => path.join(unzipped, name));
    offline = tops.find((dir) => fs.existsSync(path.join(dir, 'search', 'index.html')));
    if (!offline) throw new Error(`no search/index.html in ${zip}`);
  }
  return { out, unzipped: offline, seconds };
}

// ---------------------------------------------------------------------------------------------
// In the page (these functions are serialized by page.evaluate: they must be self-contained)

/**
 * Types `query` into #q and resolves when #search-results and #search-status show its results.
 * `typeDelay` 0: the whole query in one input event, after clearing the box; otherwise one
 * character per input event, `typeDelay` ms apart, timed from the last one.
 */
function measureInPage({ query, typeDelay, timeout, pageSize }) {
  const input = document.getElementById('q');
  const results = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const setValue = (value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  // search.js's status quotes the query: “query”. It is written after the results.
  const wanted = '\u201c' + query.trim() + '\u201d';
  return (async () => {
    // An empty box clears the results synchronously (search.js: clear('')).
    setValue('');
    await sleep(50);
    // search.js loads the index with <script> tags added to <head> (removed once loaded):
    // note their addresses (file:// loads have no resource timing entries).
    const loaded = [];
    const scripts = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) if (node.tagName === 'SCRIPT' && node.src) loaded.push(node.src);
      }
    });
    scripts.observe(document.head, { childList: true });
    let t0 = 0;
    const done = new Promise((resolve, reject) => {
      const times = { dom: 0, all: 0, frame: 0 };
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no results for ${query} after ${timeout} ms; status: ${status.textContent}`));
      }, timeout);
      const finish = () => {
        if (!times.all || !times.frame) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(times);
      };
      const observer = new MutationObserver(() => {
        if (!t0 || !status.textContent.includes(wanted)) return;
        const now = performance.now();
        if (!times.dom) {
          times.dom = now;
          // rAF callbacks run right before the next frame's style, layout and paint; a task
          // posted from there runs after that frame has been produced.
          requestAnimationFrame(() =>
            setTimeout(() => {
              times.frame = performance.now();
              finish();
            }, 0),
          );
        }
        const total = Number((/\d+/.exec(status.textContent) || ['0'])[0]);
        if (!times.all && results.querySelectorAll('li.search-result').length >= Math.min(total, pageSize)) {
          times.all = now;
          finish();
        }
      });
      observer.observe(results, { childList: true });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
    const chars = Array.from(query);
    if (typeDelay) {
      for (let i = 1; i < chars.length; i++) {
        setValue(chars.slice(0, i).join(''));
        await sleep(typeDelay);
      }
    }
    input.value = query;
    t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const { dom, all, frame } = await done;
    scripts.disconnect();
    const total = Number((/\d+/.exec(status.textContent) || ['0'])[0]);
    // Over http://, when the responses of this query's files ended (file:// loads have no
    // resource timing entries): the last term or typo shard, then the first document shard.
    const ends = (kind) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime >= t0 && entry.name.includes(kind))
        .map((entry) => entry.responseEnd - t0);
    const indexEnds = [...ends('/search/terms/'), ...ends('/search/typos/')];
    const docEnds = ends('/search/docs/');
    return {
      dom: dom - t0,
      indexIn: indexEnds.length ? Math.max(...indexEnds) : 0,
      docIn: docEnds.length ? Math.min(...docEnds) : 0,
      all: all - t0,
      frame: frame - t0,
      shown: results.querySelectorAll('li.search-result').length,
      total,
      status: status.textContent,
      // The index files the page loaded since the first input event of this query.
      resources: loaded,
    };
  })();
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** Sizes of the files of the site, raw and gzipped (cached). */
function makeSizer() {
  const cache = new Map();
  return (file) => {
    let size = cache.get(file);
    if (!size) {
      const body = fs.readFileSync(file);
      size = { raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length };
      cache.set(file, size);
    }
    return size;
  };
}

/** The file of `dir` a URL of the site names (http:// under `base`, or file://). */
function fileOf(url, dir, base) {
  const u = new URL(url);
  let rel = decodeURIComponent(u.pathname);
  if (u.protocol === 'file:') return rel;
  rel = rel.slice(new URL(base).pathname.length);
  if (rel.endsWith('/') || rel === '') rel += 'index.html';
  return path.join(dir, rel);
}

/** Results on the first page: the page size the manifest of the site built in `dir` gives search.js. */
function firstPageSize(dir) {
  let manifest;
  const window = { __dossierSearch: { register: (kind, number, data) => { manifest = data; } } };
  vm.runInNewContext(fs.readFileSync(path.join(dir, 'search', 'index.js'), 'utf8'), { window });
  return manifest.ranking.page_size;
}

/**
 * One transport (http:// or file://): `pageUrl` is the search page, `dir` the folder it comes
 * from. Returns {query -> {cold, warm, typed}}, each a list of samples
 * {dom, frame, shown, total, bytes, gzip, files}.
 */
async function measureTransport(browser, { label, pageUrl, dir, runs, trace }) {
  const pageSize = firstPageSize(dir);
  const sizeOf = makeSizer();
  const samples = new Map(QUERIES.map(({ q }) => [q, { cold: [], warm: [], typed: [] }]));
  const problems = [];

  // A fresh context per page: nothing cached, not even compiled scripts.
  const openPage = async () => {
    const page = await newPage(browser);
    const watch = watchPage(page);
    // Requests of the page, for byte counts over http:// (file:// loads are not network requests).
    const requests = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.waitForFunction(() => !!window.__dossierSearch);
    await page.waitForTimeout(200);
    return { page, watch, requests };
  };

  const measure = async (opened, query, mode) => {
    const { page, requests } = opened;
    requests.length = 0;
    const result = await page.evaluate(measureInPage, {
      query,
      typeDelay: mode === 'typed' ? TYPE_DELAY_MS : 0,
      timeout: QUERY_TIMEOUT_MS,
      pageSize,
    });
    let bytes = 0;
    let gzip = 0;
    const files = [];
    if (label === 'http://') {
      // What the network delivered (body sizes; the test server does not compress).
      for (const request of requests) {
        const sizes = await request.sizes();
        bytes += sizes.responseBodySize;
        const file = fileOf(request.url(), dir, pageUrl.replace(/search\/$/, ''));
        if (fs.existsSync(file)) gzip += sizeOf(file).gzip;
        files.push(request.url());
      }
    } else {
      for (const url of result.resources) {
        const size = sizeOf(fileOf(url, dir));
        bytes += size.raw;
        gzip += size.gzip;
        files.push(url);
      }
    }
    await page.waitForTimeout(SETTLE_MS);
    return { ...result, resources: undefined, bytes, gzip, files };
  };

  // Chrome traces of one cold and one warm search per query, in an extra pass whose times are
  // not counted (tracing slows the page down).
  if (trace) {
    process.stderr.write(`  ${label} traces:`);
    for (const { q } of QUERIES) {
      process.stderr.write(` ${q} ·`);
      const opened = await openPage();
      for (const mode of ['cold', 'warm']) {
        const file = `${label.replace(/\W/g, '')}-${mode}-${q.replace(/[^\p{L}\p{N}]+/gu, '_')}.json`;
        await browser.startTracing(opened.page, { path: path.join(trace, file), screenshots: false });
        await measure(opened, q, mode);
        await browser.stopTracing();
      }
      await opened.page.context().close();
    }
    process.stderr.write('\n');
  }

  for (let r = 0; r < runs; r++) {
    process.stderr.write(`  ${label} run ${r + 1}/${runs}:`);
    for (const { q } of QUERIES) {
      process.stderr.write(` ${q} ·`);
      const mine = samples.get(q);

      const first = await openPage();
      mine.cold.push(await measure(first, q, 'cold'));
      mine.warm.push(await measure(first, q, 'warm'));
      problems.push(...first.watch.all());
      await first.page.context().close();

      const second = await openPage();
      mine.typed.push(await measure(second, q, 'typed'));
      problems.push(...second.watch.all());
      await second.page.context().close();
    }
    process.stderr.write('\n');
  }
  return { samples, problems };
}

// ---------------------------------------------------------------------------------------------
// Report

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (v) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const kib = (v) => (v / 1024).toFixed(v < 10 * 1024 ? 1 : 0);

/** "median (min–max)" in ms, bold when the median passes the target. */
function timing(list, key = 'dom') {
  const values = list.map((s) => s[key]);
  const med = median(values);
  const text = `${ms(med)} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
  return med > TARGET_MS ? `**${text}**` : text;
}

function bytesCell(list) {
  const raw = median(list.map((s) => s.bytes));
  const gz = median(list.map((s) => s.gzip));
  return raw ? `${kib(raw)} / ${kib(gz)}` : '0';
}

/** "index files in / first document in" of cold searches, medians in ms (http:// only). */
function arrivalsCell(cold) {
  if (!cold.some((s) => s.docIn)) return '–';
  return `${ms(median(cold.map((s) => s.indexIn)))} / ${ms(median(cold.map((s) => s.docIn)))}`;
}

function table(samples) {
  const lines = [
    '| query | what | results | cold ms | warm ms | typed ms | all ms: cold / warm / typed | frame ms: cold / warm / typed | cold: index files in / first document in, ms | cold KiB (gzip) | typed KiB (gzip) | cold files |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { q, kind } of QUERIES) {
    const { cold, warm, typed } = samples.get(q);
    const medians = (key) => [cold, warm, typed].map((list) => ms(median(list.map((s) => s[key])))).join(' / ');
    lines.push(
      `| \`${q}\` | ${kind} | ${cold[0].total} | ${timing(cold)} | ${timing(warm)} | ${timing(typed)} | ` +
        `${medians('all')} | ${medians('frame')} | ${arrivalsCell(cold)} | ${bytesCell(cold)} | ${bytesCell(typed)} | ` +
        `${median(cold.map((s) => s.files.length))} |`,
    );
  }
  return lines.join('\n');
}

function verdict(samples) {
  const slow = [];
  for (const { q } of QUERIES) {
    for (const mode of ['cold', 'warm', 'typed']) {
      const med = median(samples.get(q)[mode].map((s) => s.dom));
      if (med > TARGET_MS) slow.push(`\`${q}\` ${mode} (${ms(med)} ms)`);
    }
  }
  return slow.length ? `Over ${TARGET_MS} ms (median): ${slow.join(', ')}.` : `Every median is within ${TARGET_MS} ms.`;
}

const loadavg = (values) => values.map((l) => l.toFixed(1)).join(' ');

function chromiumVersion(browser) {
  try {
    return browser.version();
  } catch {
    return '?';
  }
}

function gitDescribe() {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return `${rev.stdout.trim() || '?'}${dirty.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Temporary folders (lib.mjs's makeTempDir) on tmpfs when there is one: the build writes
  // tens of thousands of files.
  if (fs.existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';

  // lib.mjs's runDossier() runs $DOSSIER_BIN.
  process.env.DOSSIER_BIN = opts.bin ?? releaseBinary('dossier');
  // dossier-bench is only needed to generate a corpus that is not cached yet.
  const benchBin = () => {
    const besides = path.join(path.dirname(process.env.DOSSIER_BIN), 'dossier-bench');
    return opts.bin && fs.existsSync(besides) ? besides : releaseBinary('dossier-bench');
  };
  const site = corpusSite(benchBin, opts.articles, opts.seed);
  const commit = gitDescribe(); // the sources the binary was just checked against
  const built = build(site);
  console.error(`built in ${built.seconds.toFixed(1)} s: ${built.out}`);
  if (opts.trace) fs.mkdirSync(opts.trace, { recursive: true });

  const loadBefore = os.loadavg();
  const browser = await launch();
  const server = await serve(built.out);
  const transports = [];
  try {
    transports.push({
      label: 'http://',
      ...(await measureTransport(browser, {
        label: 'http://',
        pageUrl: `${server.url}/search/`,
        dir: built.out,
        runs: opts.runs,
        trace: opts.trace,
      })),
    });
    transports.push({
      label: 'file://',
      ...(await measureTransport(browser, {
        label: 'file://',
        pageUrl: fileUrl(built.unzipped, 'search/index.html'),
        dir: built.unzipped,
        runs: opts.runs,
        trace: null,
      })),
    });
  } finally {
    await server.close();
  }
  const version = chromiumVersion(browser);
  await browser.close();

  const manifest = fs.readFileSync(path.join(built.out, 'search', 'index.js'), 'utf8');
  const command = ['node', 'bench/search-latency.mjs', ...process.argv.slice(2)].join(' ');
  const report = [
    `# Search latency in the browser (${opts.articles} articles)`,
    '',
    `Measured with \`${command}\` (${opts.runs} runs; seed ${opts.seed}).`,
    '',
    '| setting | |',
    '| --- | --- |',
    `| archive | \`${path.relative(REPO_ROOT, site)}\`, built in ${built.seconds.toFixed(1)} s |`,
    `| dossier | \`${path.relative(REPO_ROOT, process.env.DOSSIER_BIN) || process.env.DOSSIER_BIN}\`, commit ${commit} |`,
    `| search index | manifest ${kib(Buffer.byteLength(manifest))} KiB, ${fs.readdirSync(path.join(built.out, 'search', 'terms')).length} term shards, ${fs.readdirSync(path.join(built.out, 'search', 'docs')).length} document shards |`,
    `| browser | headless Chromium ${version} (playwright-core), 1280×900 |`,
    `| machine | ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average (1, 5, 15 min) ${loadavg(loadBefore)} before, ${loadavg(os.loadavg())} after |`,
    '',
    `Times are median (min–max) over the runs, in ms, from the input event that completes the query to the results in the page; **bold** is over the ${TARGET_MS} ms target. ` +
      `*cold*: first search after the page loaded, the whole query in one input event (every term and document shard fetched); ` +
      `*warm*: the same query again on that page; *typed*: on a fresh page, one character every ${TYPE_DELAY_MS} ms, timed from the last. ` +
      '*all*: until every result of the first page is shown (the first ones show as soon as their documents are in). ' +
      '*frame*: until the next frame after the first results (about when they are on screen). ' +
      '*index files in / first document in*: when the last term or typo shard of a cold search, then its first document shard, had arrived (resource timing; only over http://): the rest of *cold ms* is the page\'s own work. ' +
      '*results*: the number of matching articles; 10 are shown. KiB: what the search downloaded (median; raw / gzipped), median number of files for a cold search.',
    '',
  ];
  for (const { label, samples, problems } of transports) {
    report.push(`## ${label}${label === 'file://' ? ' (the unzipped zip)' : ' (lib.mjs static server, no compression)'}`, '');
    report.push(table(samples), '', verdict(samples), '');
    if (problems.length) report.push('Problems seen by the page:', '', ...problems.map((p) => `- ${p}`), '');
  }
  const text = report.join('\n');
  console.log(text);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, text);
  console.error(`written to ${path.relative(process.cwd(), opts.out) || opts.out}`);
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
