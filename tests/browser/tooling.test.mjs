// Self-test of the test tooling in lib.mjs, on a tiny hand-made site: Chromium loads it
// over http:// and file://, axe, vnu and lychee find nothing wrong with it, and each of
// them does find what is wrong with a deliberately broken copy. Needs no dossier binary.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import {
  fileUrl,
  formatAxeViolations,
  formatLychee,
  formatVnuMessages,
  htmlPages,
  launch,
  listFiles,
  makeTempDir,
  newPage,
  runAxe,
  runLychee,
  runVnu,
  screenshot,
  serve,
  unzip,
  watchPage,
  writeTree,
  zipEntries,
} from './lib.mjs';

const page = (title, body) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
${body}
</body>
</html>
`;

const GOOD_SITE = {
  'index.html': page(
    'Home – tooling self-test',
    `<header><nav aria-label="Main"><a href="index.html">Home</a> <a href="second.html">Second</a></nav></header>
<main>
<h1>Tooling self-test</h1>
<p>Go to <a id="to-second" href="second.html">the second page</a>, straight to
<a id="to-details" href="second.html#details">its details</a>, or to
<a href="sub/index.html">a page in a folder</a> and <a href="sub/">the folder itself</a>.</p>
<p><img src="logo.svg" alt="Logo" width="40" height="40"></p>
<p id="status">loading</p>
</main>
<script src="app.js"></script>`,
  ),
  'second.html': page(
    'Second – tooling self-test',
    `<main>
<h1>Second page</h1>
<p>Back <a href="index.html">home</a>.</p>
<div style="height: 1500px"></div>
<h2 id="details">Details</h2>
<p>The fragment target.</p>
<div style="height: 1500px"></div>
</main>`,
  ),
  'sub/index.html': `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sub – tooling self-test</title></head>
<body><main><h1>In a folder</h1><p><a href="../index.html">Home</a></p></main></body></html>
`,
  '404.html': page('Not found', '<main><h1>Page not found</h1></main>'),
  'style.css': 'body { font-family: sans-serif; color: #222; background: #fff; max-width: 40em; margin: auto; }\n',
  'app.js': 'document.getElementById("status").textContent = "script ran";\n',
  'data.json': '{"ok": true}\n',
  'logo.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#369"/></svg>\n',
};

// A copy with broken links, invalid HTML and an accessibility failure.
const BROKEN_SITE = {
  ...GOOD_SITE,
  'index.html': page(
    'Broken',
    `<main>
<h1>Broken</h1>
<p>Links to <a href="missing.html">a missing page</a> and <a href="second.html#no-such-id">a missing fragment</a>.</p>
<p><div>a div inside a p</div></p>
<img src="logo.svg">
</main>`,
  ),
};

describe('tooling self-test', () => {
  let good;
  let broken;
  let server;
  let browser;

  before(async () => {
    good = writeTree(makeTempDir('tooling-good'), GOOD_SITE);
    broken = writeTree(makeTempDir('tooling-broken'), BROKEN_SITE);
    server = await serve(good);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the static server serves files, indexes, content types, redirects and 404s', async () => {
    const get = (p, opts) => fetch(server.url + p, { redirect: 'manual', ...opts });
    const types = {
      '/': 'text/html; charset=utf-8',
      '/style.css': 'text/css; charset=utf-8',
      '/app.js': 'text/javascript; charset=utf-8',
      '/data.json': 'application/json; charset=utf-8',
      '/logo.svg': 'image/svg+xml',
      '/sub/': 'text/html; charset=utf-8',
    };
    for (const [p, type] of Object.entries(types)) {
      const res = await get(p);
      assert.equal(res.status, 200, p);
      assert.equal(res.headers.get('content-type'), type, p);
    }
    assert.match(await (await get('/sub/')).text(), /In a folder/);

    const redirect = await get('/sub');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/sub/');

    for (const p of ['/nope.html', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await get(p);
      assert.equal(res.status, 404, p);
      assert.match(await res.text(), /Page not found/, p);
    }
    assert.ok(server.requests.some((r) => r.path === '/nope.html' && r.status === 404));
  });

  test('Chromium loads the site over http://, follows links and fragments, runs scripts', async () => {
    const p = await newPage(browser);
    const watch = watchPage(p);
    const res = await p.goto(server.url + '/');
    assert.equal(res.status(), 200);
    assert.equal(await p.title(), 'Home – tooling self-test');
    assert.equal(await p.textContent('#status'), 'script ran');
    assert.equal(await p.evaluate(() => document.querySelector('img').naturalWidth), 40);
    const color = await p.evaluate(() => getComputedStyle(document.body).color);
    assert.equal(color, 'rgb(34, 34, 34)', 'style.css was applied');
    await screenshot(p, 'tooling-home-http');

    await p.click('#to-second');
    await p.waitForURL(server.url + '/second.html');
    assert.equal(await p.textContent('h1'), 'Second page');

    await p.goto(server.url + '/');
    await p.click('#to-details');
    await p.waitForURL(server.url + '/second.html#details');
    const top = await p.evaluate(() => document.getElementById('details').getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 100, `the fragment target is scrolled into view (top=${top})`);

    await p.goto(server.url + '/sub');
    assert.equal(p.url(), server.url + '/sub/');
    assert.deepEqual(watch.all(), []);

    // watchPage sees a 404, forgets it on clear(), and records nothing after stop().
    const missing = await p.goto(server.url + '/missing.html');
    assert.equal(missing.status(), 404);
    assert.equal(await p.textContent('h1'), 'Page not found');
    assert.ok(watch.badResponses.some((r) => r.startsWith('404 ')), watch.all().join('\n'));
    watch.clear();
    assert.deepEqual(watch.all(), []);
    watch.stop();
    await p.goto(server.url + '/missing.html');
    assert.deepEqual(watch.all(), []);
    await p.context().close();
  });

  test('Chromium loads the site over file://', async () => {
    const p = await newPage(browser);
    const watch = watchPage(p);
    await p.goto(fileUrl(good, 'index.html'));
    assert.equal(await p.title(), 'Home – tooling self-test');
    assert.equal(await p.textContent('#status'), 'script ran');
    await screenshot(p, 'tooling-home-file');
    await p.click('#to-details');
    await p.waitForURL(fileUrl(good, 'second.html#details'));
    assert.equal(await p.textContent('h1'), 'Second page');
    assert.deepEqual(watch.all(), []);
    await p.context().close();
  });

  test('screenshots are PNG files under target/screenshots', async () => {
    const p = await newPage(browser);
    await p.goto(server.url + '/');
    const file = await screenshot(p, 'tooling self/test');
    assert.match(file, /target\/screenshots\/tooling_self_test\.png$/);
    const magic = fs.readFileSync(file).subarray(0, 8);
    assert.deepEqual([...magic], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await p.context().close();
  });

  test('axe finds no serious violations on the good pages', async () => {
    const p = await newPage(browser);
    for (const rel of htmlPages(good)) {
      await p.goto(`${server.url}/${rel}`);
      const violations = await runAxe(p);
      assert.deepEqual(violations, [], `${rel}:\n${formatAxeViolations(violations)}`);
    }
    await p.context().close();
  });

  test('axe reports a critical violation on the broken page', async () => {
    const p = await newPage(browser);
    await p.goto(fileUrl(broken, 'index.html'));
    const violations = await runAxe(p);
    assert.ok(
      violations.some((v) => v.id === 'image-alt'),
      `expected image-alt, got:\n${formatAxeViolations(violations)}`,
    );
    await p.context().close();
  });

  test('vnu finds no errors in the good site', () => {
    const messages = runVnu(good, { css: true, svg: true });
    assert.deepEqual(messages, [], formatVnuMessages(messages));
  });

  test('vnu reports the invalid HTML of the broken site', () => {
    const messages = runVnu(broken);
    assert.ok(messages.length > 0, 'vnu found nothing');
    const text = formatVnuMessages(messages);
    assert.match(text, /index\.html:\d+:\d+: error: .*“p”/, text);
    assert.ok(messages.every((m) => m.url.endsWith('/index.html')), text);
  });

  test('lychee finds no broken links or fragments in the good site', () => {
    const result = runLychee(good);
    assert.equal(result.status, 0, formatLychee(result));
    assert.deepEqual(result.errors, []);
    assert.ok(result.report.total >= 8, `lychee checked ${result.report.total} links`);
  });

  test('lychee reports the missing page and the missing fragment', () => {
    const result = runLychee(broken);
    assert.equal(result.status, 2, formatLychee(result));
    const urls = result.errors.map((e) => e.url).sort();
    assert.deepEqual(
      urls.map((u) => u.replace(/^file:\/\/.*\//, '')),
      ['missing.html', 'second.html#no-such-id'],
      formatLychee(result),
    );
  });

  test('lychee requires an index.html in linked folders', () => {
    const dir = writeTree(makeTempDir('tooling-noindex'), {
      'index.html': page('No index', '<main><h1>x</h1><a href="empty/">empty</a></main>'),
      'empty/other.html': GOOD_SITE['sub/index.html'],
      'style.css': GOOD_SITE['style.css'],
    });
    const result = runLychee(dir);
    assert.equal(result.status, 2, formatLychee(result));
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].url, /\/empty\/?$/);
  });

  test('unzip and zipEntries read an archive', () => {
    const work = makeTempDir('tooling-zip');
    const zip = path.join(work, 'site.zip');
    const made = spawnSync('python3', ['-m', 'zipfile', '-c', zip, path.join(good, 'index.html'), path.join(good, 'sub')]);
    assert.equal(made.status, 0, String(made.stderr));
    assert.deepEqual(zipEntries(zip).sort(), ['index.html', 'sub/', 'sub/index.html']);
    const out = unzip(zip, path.join(work, 'out'));
    assert.deepEqual(listFiles(out), ['index.html', 'sub/index.html']);
    assert.equal(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), GOOD_SITE['index.html']);
  });
});
