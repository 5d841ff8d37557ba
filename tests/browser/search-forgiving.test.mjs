// Search that forgives how readers type (issue 15), on the default archive, in Chromium over
// http:// and over file:// from the unzipped offline build: a word with two letters swapped, a
// word with a letter dropped or changed, and diacritics on some words only find the article
// meant first; a word that only one page has finds that page first and its correction after;
// when a word was corrected, the results say what was searched for instead.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launch, newPage, screenshot, searchPageWays, watchPage } from './lib.mjs';

const APT32 = 'Cáo buộc Việt Nam hỗ trợ nhóm tin tặc APT32 là “không có cơ sở”';
const CAMPAIGN = 'Trung Quốc phản ứng mạnh khi bị cáo buộc đứng sau chiến dịch tin tặc toàn cầu';
const DIALOGUE_2013 = 'Mỹ - Trung đối thoại về an ninh mạng';
const ASSOCIATION = 'Hiệp hội An ninh mạng quốc gia';

/** The titles of the results shown for `query`, and the correction line (null when hidden). */
async function results(page, searchUrl, query) {
  await page.goto(`${searchUrl}?q=${encodeURIComponent(query)}`);
  await page.locator('#search-results li.search-result').first().waitFor({ timeout: 10_000 });
  const titles = await page.locator('#search-results li.search-result .search-result-title a').allInnerTexts();
  const line = page.locator('#search-correction');
  return { titles, correction: (await line.isVisible()) ? await line.innerText() : null };
}

function expectations(label, searchUrlOf) {
  describe(`forgiving search over ${label}`, () => {
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

    test('two letters swapped find the word meant, and the results say so', async () => {
      const { titles, correction } = await results(page, searchUrl, 'tin tặc oceanltous');
      assert.equal(titles[0], APT32, titles.join('\n'));
      assert.match(correction ?? '', /kết quả cho: tin tặc oceanlotus/i, String(correction));
      await screenshot(page, `search-forgiving-${label}-swap`);
    });

    test('a letter changed finds the word meant by its typo keys', async () => {
      // A swap or a dropped letter is corrected from the word's own term shard (its slip); a
      // changed letter makes the page load the typo shards of its keys first.
      const { titles, correction } = await results(page, searchUrl, 'tin tặc oceanlitus');
      assert.equal(titles[0], APT32, titles.join('\n'));
      assert.match(correction ?? '', /kết quả cho: tin tặc oceanlotus/i, String(correction));
    });

    test('"chugn" in a phrase is read as "chung"', async () => {
      const { titles, correction } = await results(page, searchUrl, 'hợp tác chugn');
      assert.equal(titles[0], DIALOGUE_2013, titles.join('\n'));
      assert.match(correction ?? '', /kết quả cho: hợp tác chung/i, String(correction));
    });

    test('a letter dropped from the last word finds the word meant', async () => {
      const { titles, correction } = await results(page, searchUrl, 'snowdn');
      // The corrected word names an actor: its page comes first, then the article about him.
      assert.deepEqual(titles.slice(0, 2), ['Edward Snowden', DIALOGUE_2013], titles.join('\n'));
      assert.match(correction ?? '', /kết quả cho: snowden/i, String(correction));
    });

    test('a name that one page alone has comes first, then the more frequent word one edit away', async () => {
      // `quang` (of Lương Tam Quang) is rare: `quan`, far more frequent, is looked for too, below it.
      const { titles, correction } = await results(page, searchUrl, 'tam quang');
      assert.equal(titles[0], ASSOCIATION, titles.join('\n'));
      assert.ok(titles.length > 1, titles.join('\n'));
      assert.match(correction ?? '', /kết quả cho: tam quan/i, String(correction));
    });

    test('diacritics on some words only find the article meant first, with no correction', async () => {
      const { titles, correction } = await results(page, searchUrl, 'trung quốc phan ung manh');
      assert.equal(titles[0], CAMPAIGN, titles.join('\n'));
      assert.equal(correction, null);
    });

    test('nothing failed to load', () => {
      assert.deepEqual(watch.all(), []);
    });
  });
}

searchPageWays(expectations);
