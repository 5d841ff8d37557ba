// The lists and the reader's basics of issue 11, in Chromium over http:// and over file:// from
// the unzipped offline build of the default archive: the filter box of the actors list, an
// alias query that shows the actor's page first, a result that opens its article with the
// query's words marked and scrolled to, and the print stylesheet of an article.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { REPO_ROOT, buildSite, fileUrl, launch, newPage, screenshot, serve, watchPage } from './lib.mjs';

const APT32_ARTICLE = /articles\/viet-nam-bac-cao-buoc-apt32\/(index\.html)?\?highlight=/;

/** The names of the rows of the actors list that are shown. */
async function shownActors(page) {
  return page.locator('tr[data-filter]:visible th a').allInnerTexts();
}

function expectations(label, urlOf) {
  describe(`lists over ${label}`, () => {
    let browser;
    let page;
    let watch;

    before(async () => {
      browser = await launch();
      page = await newPage(browser);
      watch = watchPage(page);
    });

    after(async () => {
      await browser?.close();
    });

    test('the filter box of the actors list filters by name and alias, without diacritics', async () => {
      await page.goto(urlOf('actors/'));
      const all = await shownActors(page);
      assert.ok(all.length > 20, `${all.length} actors`);
      await page.locator('#list-filter-q').fill('oceanlotus');
      assert.deepEqual(await shownActors(page), ['APT32']);
      // Groups without a shown row are hidden.
      assert.equal(await page.locator('section.list-group:visible').count(), 1);
      await page.locator('#list-filter-q').fill('an ninh mang');
      const found = await shownActors(page);
      assert.ok(found.length >= 1 && found.every((name) => /an ninh mạng/i.test(name) || name === 'NSA'), found.join(', '));
      assert.ok(found.some((name) => name.startsWith('Cục An ninh mạng')), found.join(', '));
      // A query nothing matches says so.
      await page.locator('#list-filter-q').fill('zzzz');
      assert.equal(await shownActors(page).then((rows) => rows.length), 0);
      assert.ok(await page.locator('[data-filter-empty]').isVisible());
      await page.locator('#list-filter-q').fill('');
      assert.equal((await shownActors(page)).length, all.length);
      await screenshot(page, `actors-list-${label}`);
    });

    test("an alias query shows the actor's page first, saying which alias matched", async () => {
      await page.goto(`${urlOf('search/')}?q=OceanLotus`);
      const first = page.locator('#search-results li.search-result').first();
      await first.waitFor({ timeout: 10_000 });
      assert.equal(await first.locator('.search-result-title').innerText(), 'APT32');
      assert.equal(await first.locator('.search-result-alias').innerText(), 'tên khác: OceanLotus');
      await screenshot(page, `search-alias-${label}`);
      await first.locator('.search-result-title a').click();
      await page.waitForURL(/actors\/apt32\//);
      assert.equal(await page.locator('h1').innerText(), 'APT32');
    });

    test('a search result opens its article with the words marked and scrolled to', async () => {
      const open = async (query) => {
        await page.goto(`${urlOf('search/')}?q=${encodeURIComponent(query)}`);
        await page.locator('#search-results li.search-result .search-result-title a', { hasText: 'APT32' }).first().click();
        await page.waitForURL(APT32_ARTICLE);
        return page.locator('mark.search-hit').allInnerTexts();
      };
      const folded = (words) => words.map((word) => word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
      // Typed without diacritics, the words are marked with them: "tin tac" marks "tin tặc".
      const inTitle = await open('tin tac');
      assert.ok(inTitle.includes('tặc'), inTitle.join(', '));
      assert.ok(folded(inTitle).every((word) => ['tin', 'tac'].includes(word)), inTitle.join(', '));
      await page.setViewportSize({ width: 390, height: 500 });
      try {
        const deep = await open('quoc hoi');
        assert.ok(deep.includes('Quốc') && deep.includes('hội'), deep.join(', '));
        await page.waitForFunction(() => {
          const box = document.querySelector('mark.search-hit').getBoundingClientRect();
          return window.scrollY > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        });
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });

    test('printed, an article hides the menu and search box and shows the addresses of its links', async () => {
      await page.goto(urlOf('articles/viet-nam-bac-cao-buoc-apt32/'));
      await page.emulateMedia({ media: 'print' });
      try {
        assert.equal(await page.locator('.site-nav').isVisible(), false);
        assert.equal(await page.locator('.site-search').isVisible(), false);
        const shown = await page.locator('.article-footer a[href^="http"]').first().evaluate((link) =>
          getComputedStyle(link, '::after').content);
        assert.match(shown, /http/);
        const [articleBottom, annotationsTop] = await page.evaluate(() => [
          document.querySelector('.article').getBoundingClientRect().bottom,
          document.querySelector('.annotations').getBoundingClientRect().top,
        ]);
        assert.ok(annotationsTop >= articleBottom, 'claims and notes come after the text');
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    });

    test('nothing failed to load', () => {
      assert.deepEqual(watch.all(), []);
    });
  });
}

const site = buildSite(REPO_ROOT, { zip: true, unzip: true });
let server;

before(async () => {
  server = await serve(site.out);
});

expectations('http://', (folder) => `${server.url}/${folder}`);
expectations('file://', (folder) => fileUrl(path.join(site.unzipped, 'site'), `${folder}index.html`));

after(async () => {
  await server?.close();
});
