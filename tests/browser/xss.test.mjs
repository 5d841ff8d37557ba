// Stored XSS (issue 9, item 2) as a reader's Chromium meets it. The fixture (tests/sites/base
// with tests/sites/xss laid over it) carries, in an article body, a claim note, an editor's note,
// an actor and a country description, payloads that call window.__pwn(name) if they ever run.
// Every page is loaded over http:// and over file:// from the offline zip; toggles are toggled,
// script links clicked, forms submitted and every element hovered: nothing may run, and no
// Content-Security-Policy violation may be reported, so dossier's own scripts (the search client
// and the index shards it loads by <script> tags) live under the policy. With unsafe_html = true
// an <iframe> embed is kept, and the policy still stops the inline scripts.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, buildSite, fileUrl, htmlPages, launch, makeTempDir, serve, watchPage } from './lib.mjs';

const ARTICLE = 'articles/ma-doc-trong-bai-viet/';
const EMBED = '<iframe src="../doi-thoai-2013/" title="Bài nhúng"></iframe>';

/** The xss fixture in a fresh folder, with `siteToml` appended to its site.toml and `body`
 *  to its article. Without its base_url, so that 404.html works at the top of any host. */
function fixture({ siteToml = '', body = '' } = {}) {
  const root = path.join(makeTempDir('xss'), 'site');
  for (const layer of ['base', 'xss']) {
    fs.cpSync(path.join(REPO_ROOT, 'tests', 'sites', layer), root, { recursive: true });
  }
  const config = path.join(root, 'site.toml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^base_url = .*\n/m, '') + siteToml);
  fs.appendFileSync(path.join(root, 'content', ARTICLE.replace(/\/$/, '.md')), body);
  return root;
}

/** Before any of a page's own scripts: the function payloads call, and a record of CSP
 *  violations. Added through the DevTools protocol, so the page's policy does not apply to it. */
function record() {
  window.__pwned = [];
  window.__pwn = (name) => window.__pwned.push(name);
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}`);
  });
}

/** A page in a new context that runs `record` before each document's own scripts. */
async function recordingPage(browser) {
  const context = await browser.newContext();
  await context.addInitScript(record);
  return context.newPage();
}

/** Does what a reader might: opens and closes every <details>, clicks every link that leaves
 *  the web, submits every form that does, hovers every element; then lets queued tasks run.
 *  Returns what ran and what the policy reported. */
function provoke() {
  const web = ['http:', 'https:', 'file:', 'mailto:'];
  for (const details of document.querySelectorAll('details')) details.open = !details.open;
  // An SVG <a> (the actor graph's nodes) has neither `protocol` nor `click()`: read its href as
  // a URL and dispatch the click, which follows a link as a reader's click does.
  for (const link of document.querySelectorAll('a[href], area[href]')) {
    if (!web.includes(new URL(link.getAttribute('href'), location.href).protocol)) {
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }
  }
  for (const form of document.querySelectorAll('form')) {
    if (!web.includes(new URL(form.action, location.href).protocol)) form.requestSubmit();
  }
  for (const element of document.querySelectorAll('body *')) {
    element.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
  }
  // Settling, not timing: toggle events and javascript: navigations run as later tasks.
  return new Promise((resolve) => setTimeout(resolve, 100)).then(() => ({
    pwned: window.__pwned,
    violations: window.__violations,
  }));
}

describe('payloads in every Markdown field', () => {
  let site;
  let server;
  let browser;

  before(async () => {
    site = buildSite(fixture(), { zip: true, unzip: true });
    server = await serve(site.out);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const offline = () => path.join(site.unzipped, 'site');
  const overHttp = (file) => `${server.url}/${file.replace(/index\.html$/, '')}`;
  for (const [label, urlOf, root] of [
    ['http://', overHttp, () => site.out],
    ['file:// from the zip', (file) => fileUrl(offline(), file), offline],
  ]) {
    test(`run nowhere over ${label}, and the policy blocks nothing of dossier's`, async () => {
      const page = await recordingPage(browser);
      // The payload <img src=x> is kept without its handler; the file x does not exist.
      const watch = watchPage(page, { ignore: [/\/favicon\.ico\b/, /\/x(?=$|[):\s])/] });
      const problems = [];
      const pages = htmlPages(root()).map(urlOf);
      assert.ok(pages.some((url) => url.includes(ARTICLE)), 'the article with the payloads is among the pages');
      for (const url of pages) {
        watch.clear();
        await page.goto(url, { waitUntil: 'load' });
        const { pwned, violations } = await page.evaluate(provoke);
        if (pwned.length) problems.push(`${url}: ran ${pwned.join(', ')}`);
        if (violations.length) problems.push(`${url}: ${violations.join('; ')}`);
        if (page.url() !== url) problems.push(`${url}: went to ${page.url()}`);
        problems.push(...watch.all().map((message) => `${url}: ${message}`));
      }
      await page.context().close();
      assert.deepEqual(problems, []);
    });

    test(`search works under the policy over ${label}`, async () => {
      const page = await recordingPage(browser);
      const watch = watchPage(page);
      await page.goto(`${urlOf('search/index.html')}?q=apt32`);
      await page.locator('#search-results li.search-result').first().waitFor({ timeout: 10_000 });
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      // Words of the actor's description only: its result shows a passage of the hostile text.
      await page.goto(`${urlOf('search/index.html')}?q=${encodeURIComponent('liên hệ')}`);
      const passage = page.locator('#search-results li.search-result-entity .search-result-snippet').first();
      await passage.waitFor({ timeout: 10_000 });
      const elements = await passage.evaluate((node) => Array.from(node.querySelectorAll('*'), (child) => child.tagName));
      assert.ok(elements.length > 0 && elements.every((tag) => tag === 'MARK'), elements.join(' '));
      assert.deepEqual(await page.evaluate(() => [window.__pwned, window.__violations]), [[], []]);
      assert.deepEqual(watch.all(), []);
      await page.context().close();
    });
  }
});

describe('unsafe_html = true', () => {
  let site;
  let server;
  let browser;

  before(async () => {
    site = buildSite(fixture({ siteToml: 'unsafe_html = true\n', body: `\n${EMBED}\n` }));
    server = await serve(site.out);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('keeps an <iframe> embed, and the policy still stops inline scripts', async () => {
    const page = await recordingPage(browser);
    await page.goto(`${server.url}/${ARTICLE}`, { waitUntil: 'load' });
    const embedded = page.frameLocator('iframe[title="Bài nhúng"]').locator('h1');
    assert.equal(await embedded.innerText(), 'Mỹ - Trung đối thoại về an ninh mạng');
    assert.ok(await page.locator('script:not([src])').count() > 0, 'the raw <script> is published');
    const { pwned, violations } = await page.evaluate(provoke);
    assert.deepEqual(pwned, []);
    assert.ok(violations.some((violation) => violation.startsWith('script-src')), violations.join('\n'));
    await page.context().close();
  });
});
