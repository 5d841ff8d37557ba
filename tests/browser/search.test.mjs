// Search as readers use it, on the default archive, in Chromium over http:// and over file://
// from the unzipped offline build: without diacritics, with them, by an actor's alias, by the
// prefix of a word, narrowed by a filter; results are links that open the article.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, newPage, screenshot, searchPageWays, watchPage } from './lib.mjs';

const APT32 = 'Cáo buộc Việt Nam hỗ trợ nhóm tin tặc APT32 là “không có cơ sở”';
const CAMPAIGN = 'Trung Quốc phản ứng mạnh khi bị cáo buộc đứng sau chiến dịch tin tặc toàn cầu';
const DIALOGUE_2013 = 'Mỹ - Trung đối thoại về an ninh mạng';
// A result that is an article (an actor's or a country's page may come first).
const ARTICLE_RESULT = '#search-results li.search-result:not(.search-result-entity)';

/** The titles of the results shown for `query` on the search page at `searchUrl`. */
async function results(page, searchUrl, query) {
  await page.goto(`${searchUrl}?q=${encodeURIComponent(query)}`);
  await page.locator('#search-results li.search-result').first().waitFor({ timeout: 10_000 });
  return page.locator('#search-results li.search-result .search-result-title a').allInnerTexts();
}

function expectations(label, searchUrlOf) {
  describe(`search over ${label}`, () => {
    let browser;
    let page;
    let watch;
    let searchUrl;

    before(async () => {
      browser = await launch();
      page = await newPage(browser);
      watch = watchPage(page);
      searchUrl = await searchUrlOf();
    });

    after(async () => {
      await browser?.close();
    });

    test('a query without diacritics finds the words with them', async () => {
      const titles = await results(page, searchUrl, 'tin tac');
      assert.ok(titles.includes(APT32) && titles.includes(CAMPAIGN), titles.join('\n'));
      const snippet = await page.locator('#search-results li.search-result .search-result-snippet').first().innerHTML();
      assert.match(snippet, /<mark>tin<\/mark> <mark>tặc<\/mark>|<mark>tin tặc<\/mark>/i, snippet);
      await screenshot(page, `search-${label}-tin-tac`);
    });

    test('a snippet shows where a phrase is, deep in a long text, however it is typed', async () => {
      // "hậu quả nghiêm trọng" first stands some 2,300 characters into this article's text: the
      // snippet is looked for in its folded copy, case and diacritics aside.
      await results(page, searchUrl, 'HAU QUA  nghiem trong');
      const result = page.locator(ARTICLE_RESULT, { hasText: 'nói sẵn sàng đối thoại' }).first();
      const snippet = await result.locator('.search-result-snippet').innerHTML();
      assert.match(snippet, /<mark>hậu quả nghiêm trọng<\/mark>/, snippet);
      assert.match(snippet, /^…/, 'the passage is from inside the text');
    });

    test('a query with diacritics finds the same articles', async () => {
      const titles = await results(page, searchUrl, 'tin tặc');
      assert.ok(titles.includes(APT32) && titles.includes(CAMPAIGN), titles.join('\n'));
    });

    test("an actor's alias finds the actor's page first, then its articles", async () => {
      const titles = await results(page, searchUrl, 'OceanLotus');
      assert.equal(titles[0], 'APT32', titles.join('\n'));
      assert.equal(titles[1], APT32, titles.join('\n'));
    });

    test("a page found by its description shows the passage; one found by an alias, the alias", async () => {
      await results(page, searchUrl, 'tin tac');
      const hacker = page.locator('#search-results li.search-result-entity', { hasText: 'Wu Shurong' });
      const passage = await hacker.locator('.search-result-snippet').innerHTML();
      assert.match(passage, /<mark>tin tặc<\/mark>/, passage);
      await results(page, searchUrl, 'OceanLotus');
      const apt32 = page.locator('#search-results li.search-result-entity').first();
      assert.match(await apt32.locator('.search-result-alias').innerText(), /OceanLotus/);
      assert.equal(await apt32.locator('.search-result-snippet').count(), 0);
    });

    test('the prefix of a word finds it', async () => {
      const titles = await results(page, searchUrl, 'snowd');
      // His page, then the article that names him.
      assert.deepEqual(titles.slice(0, 2), ['Edward Snowden', DIALOGUE_2013], titles.join('\n'));
    });

    test('a year filter keeps the results of that year only', async () => {
      await results(page, searchUrl, 'mang');
      const all = await page.locator('#search-results li.search-result').count();
      await page.locator('#search-filter-year').selectOption('2025');
      await page.waitForFunction(() => /khớp bộ lọc/.test(document.getElementById('search-status').textContent));
      const dates = await page
        .locator('#search-results li.search-result time')
        .evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
      assert.ok(dates.length >= 1 && dates.length < all, `${dates.length} of ${all}`);
      assert.ok(dates.every((date) => date.startsWith('2025')), dates.join(', '));
    });

    test('typing updates the results and the address; a click opens the article', async () => {
      await page.goto(searchUrl);
      await page.locator('#q').fill('oceanlotus');
      await page.locator('#search-results li.search-result').first().waitFor({ timeout: 10_000 });
      // The address follows shortly after the results, so that it is not rewritten on every key.
      await page.waitForFunction(() => /[?&]q=oceanlotus/.test(location.search), null, { timeout: 5_000 });
      assert.match(await page.locator('#search-status').innerText(), /\d/, 'the result count is announced');
      await page.locator(`${ARTICLE_RESULT} .search-result-title a`).first().click();
      await page.waitForURL(/articles\/viet-nam-bac-cao-buoc-apt32\//);
      assert.equal(await page.locator('h1').innerText(), APT32);
    });

    // The date format and the page URLs come from the search manifest; they must agree with the pages.
    test("a result shows its date as the article's page does; its chips open their pages", async () => {
      await results(page, searchUrl, 'oceanlotus');
      const result = page.locator(ARTICLE_RESULT).first();
      const shownDate = await result.locator('time').innerText();
      await result.locator('.search-result-title a').click();
      await page.waitForURL(/articles\/viet-nam-bac-cao-buoc-apt32\//);
      const pageDate = await page.locator('main time[datetime="2020-04-23"]').first().innerText();
      assert.equal(shownDate, pageDate);
      assert.equal(shownDate, '23/4/2020');
      await results(page, searchUrl, 'oceanlotus');
      await page.locator(ARTICLE_RESULT).first().locator('a.chip-actor', { hasText: 'APT32' }).click();
      await page.waitForURL(/actors\/apt32\//);
      assert.equal(await page.locator('h1').innerText(), 'APT32');
    });

    test('the header search box of any page leads to the results', async () => {
      await page.goto(searchUrl.replace(/search\/(index\.html)?$/, label === 'file://' ? 'index.html' : ''));
      await page.locator('#site-search-q').fill('tin tac');
      await page.locator('#site-search-q').press('Enter');
      await page.locator('#search-results li.search-result').first().waitFor({ timeout: 10_000 });
      assert.ok((await page.locator('#search-results li.search-result').count()) >= 2);
    });

    test('nothing failed to load', () => {
      assert.deepEqual(watch.all(), []);
    });
  });
}

searchPageWays(expectations);
