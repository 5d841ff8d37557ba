// The default archive, built with the real binary, as readers and outside checkers see it:
// every page loads in Chromium over http:// without errors, axe-core finds no serious or critical
// WCAG 2 A/AA violation, the W3C Nu checker finds no error, lychee finds no broken link or
// fragment, and the offline zip works page to page over file://.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  fileUrl,
  formatAxeViolations,
  formatLychee,
  formatVnuMessages,
  htmlPages,
  newPage,
  runAxe,
  runLychee,
  runVnu,
  screenshot,
  useDefaultArchive,
  watchPage,
} from './lib.mjs';

const ARTICLE = 'articles/trung-quoc-bac-cao-buoc-chien-dich-tin-tac-toan-cau/';
// The allies' claim of 19/7/2021 in that article (its `id` in the sidecar).
const CLAIM = 'claim-dong-minh-quy-trach-nhiem';

describe('the default archive', () => {
  const archive = useDefaultArchive();

  test('every page loads over http:// without console errors or failed requests', async () => {
    const page = await newPage(archive.browser);
    const problems = [];
    for (const file of htmlPages(archive.site.out)) {
      const url = `${archive.server.url}/${file.replace(/index\.html$/, '')}`;
      const watch = watchPage(page);
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response.status() !== 200) problems.push(`${url}: HTTP ${response.status()}`);
      problems.push(...watch.all().map((message) => `${url}: ${message}`));
      page.removeAllListeners();
    }
    assert.deepEqual(problems, []);
  });

  test('axe-core finds no serious or critical WCAG 2 A/AA violation on any page', async () => {
    const page = await newPage(archive.browser);
    const report = [];
    for (const file of htmlPages(archive.site.out)) {
      await page.goto(`${archive.server.url}/${file.replace(/index\.html$/, '')}`);
      const violations = await runAxe(page);
      if (violations.length) report.push(`${file}\n${formatAxeViolations(violations)}`);
    }
    assert.equal(report.join('\n'), '');
  });

  test('axe-core is also satisfied in dark mode and on a phone', async () => {
    const report = [];
    for (const [name, options] of [
      ['dark', { colorScheme: 'dark' }],
      ['phone', { viewport: { width: 390, height: 844 }, isMobile: true }],
    ]) {
      const page = await newPage(archive.browser, options);
      for (const file of ['', ARTICLE, 'actors/apt32/', 'countries/cn/', 'search/']) {
        await page.goto(`${archive.server.url}/${file}`);
        const violations = await runAxe(page);
        if (violations.length) report.push(`${name} ${file}\n${formatAxeViolations(violations)}`);
        await screenshot(page, `${name}-${file.replace(/\//g, '_') || 'home'}`);
      }
    }
    assert.equal(report.join('\n'), '');
  });

  test('the W3C Nu checker finds no error in any page', () => {
    const messages = runVnu(archive.site.out);
    assert.equal(formatVnuMessages(messages), '');
  });

  test('lychee finds no broken link or fragment', () => {
    const result = runLychee(archive.site.out);
    assert.ok(result.ok, formatLychee(result));
  });

  test('a quote mark leads to its claim and back', async () => {
    const page = await newPage(archive.browser);
    await page.goto(`${archive.server.url}/${ARTICLE}`);
    await screenshot(page, 'article');
    const reference = page.locator(`a.ref[href="#${CLAIM}"]`);
    await reference.click();
    assert.equal(new URL(page.url()).hash, `#${CLAIM}`);
    const claim = page.locator(`li#${CLAIM}`);
    assert.ok(await claim.isVisible());
    await claim.locator(`a[href="#q-${CLAIM}"]`).click();
    assert.equal(new URL(page.url()).hash, `#q-${CLAIM}`);
    assert.equal(await page.locator(`mark#q-${CLAIM}`).count(), 1);
  });

  test('the offline zip works from disk: links name files and lead to the pages', async () => {
    const root = path.join(archive.site.unzipped, 'site');
    const page = await newPage(archive.browser);
    const watch = watchPage(page);
    await page.goto(fileUrl(root, 'index.html'));
    // The header fits: at 1280 px the search box beside the menu, at 390 px the menu on one row;
    // the views open from their group without JavaScript's help.
    const boxes = (selector) => page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => element.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })));
    const [[search], [nav]] = [await boxes('.site-search'), await boxes('.site-nav')];
    assert.ok(search.top < nav.bottom && nav.top < search.bottom, 'the search box beside the menu');
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      const entries = await boxes('.site-nav > ul > li');
      assert.ok(entries.every((entry) => entry.top < entries[0].bottom), 'the menu on one row at 390 px');
      await page.locator('.nav-group summary').click();
      await page.locator('.nav-group a', { hasText: 'Ma trận cáo buộc' }).click();
      assert.match(page.url(), /\/matrix\/index\.html$/);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.locator('.site-nav a', { hasText: 'Tác nhân' }).click();
    assert.match(page.url(), /\/actors\/index\.html$/);
    await page.locator('a', { hasText: 'APT32' }).first().click();
    assert.match(page.url(), /\/actors\/apt32\/index\.html$/);
    assert.equal(await page.locator('h1').innerText(), 'APT32');
    await page.locator('.rows a').first().click();
    assert.match(page.url(), /\/articles\/[a-z0-9-]+\/index\.html$/);
    assert.ok((await page.locator('mark').count()) > 0, 'quotes are highlighted offline too');
    assert.deepEqual(watch.all(), []);
  });

  test('no offline page links a folder (a folder opened from disk shows a listing)', () => {
    const root = path.join(archive.site.unzipped, 'site');
    const folderLinks = [];
    for (const file of htmlPages(root)) {
      const html = fs.readFileSync(path.join(root, file), 'utf8');
      for (const [, quoted, bare] of html.matchAll(/\shref=(?:"([^"]*)"|([^\s>]+))/g)) {
        const href = quoted ?? bare;
        if (/^[a-z]+:/.test(href) || href.startsWith('#')) continue;
        const target = href.split(/[?#]/)[0];
        if (target === '' || target === '.' || target.endsWith('/')) folderLinks.push(`${file}: ${href}`);
      }
    }
    assert.deepEqual(folderLinks, []);
  });
});
