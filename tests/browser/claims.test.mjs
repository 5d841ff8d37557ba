// The claims of the default archive's Exchange article as a reader follows them, over http://
// and over file:// from the offline zip: the allies' claims of 19/7/2021 name every party with a
// link to its page, each party's page lists the claim and links back to it, and a denial links to
// the accusation it answers while the accusation links to its answers.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { newPage, readerWays, screenshot, useDefaultArchive, watchPage } from './lib.mjs';

const SLUG = 'trung-quoc-bac-cao-buoc-chien-dich-tin-tac-toan-cau';

// Each ally's claim and the pages of the parties that make it (content/articles/<SLUG>.yaml).
const ALLIED_CLAIMS = {
  'dong-minh-quy-trach-nhiem': ['countries/us/', 'countries/gb/', 'countries/ca/', 'countries/au/', 'countries/nz/'],
  'nhat-ban-quy-trach-nhiem': ['countries/jp/'],
  'eu-quy-trach-nhiem': ['actors/eu/'],
  'nato-keu-goi': ['actors/nato/'],
};

// A denial and the claim it answers (`responds_to`), both in the Exchange article.
const ANSWERS = [
  ['co-quan-dai-dien-bac-bo', 'dong-minh-quy-trach-nhiem'],
  ['dai-su-quan-oslo-bac-bo', 'na-uy-quy-trach-nhiem'],
];

/** The absolute URLs of the links inside a claim's sentence, without their fragment. */
async function sentenceLinks(claim) {
  const hrefs = await claim.locator('.sentence a').evaluateAll((links) => links.map((link) => link.href));
  return hrefs.map((href) => href.split('#')[0]);
}

describe('claims in the default archive', () => {
  const archive = useDefaultArchive();

  test("the allies' claims name every party with a link to its page, which links back", async () => {
    for (const way of readerWays(archive)) {
      const page = await newPage(archive.browser);
      const watch = watchPage(page);
      const article = way.page(`articles/${SLUG}/`);
      await page.goto(article);
      await screenshot(page, `claims-${way.name.replace(/\W/g, '')}`);
      for (const [id, parties] of Object.entries(ALLIED_CLAIMS)) {
        const claim = page.locator(`li#claim-${id}`);
        assert.ok(await claim.isVisible(), `${way.name} claim ${id}`);
        const links = await sentenceLinks(claim);
        for (const party of parties) {
          assert.ok(links.includes(way.page(party)), `${way.name} ${id} links ${party}: ${links.join(' ')}`);
        }
      }
      for (const [id, parties] of Object.entries(ALLIED_CLAIMS)) {
        for (const party of parties) {
          const response = await page.goto(way.page(party));
          if (way.name === 'http://') assert.equal(response.status(), 200, party);
          assert.ok((await page.locator('h1').innerText()).length > 0, party);
          const back = page.locator(`a[href*="${SLUG}/"][href$="#claim-${id}"]`);
          assert.ok((await back.count()) > 0, `${way.name} ${party} lists claim ${id}`);
          await back.first().click();
          assert.equal(new URL(page.url()).hash, `#claim-${id}`, `${way.name} ${party} → ${id}`);
          assert.ok(await page.locator(`li#claim-${id}`).isVisible());
        }
      }
      assert.deepEqual(watch.all(), [], way.name);
      await page.close();
    }
  });

  test('a denial links to the accusation it answers, and the accusation back to it', async () => {
    for (const way of readerWays(archive)) {
      const page = await newPage(archive.browser);
      const article = way.page(`articles/${SLUG}/`);
      for (const [denial, accusation] of ANSWERS) {
        for (const [from, to] of [
          [denial, accusation],
          [accusation, denial],
        ]) {
          await page.goto(`${article}#claim-${from}`);
          // The lines "Trả lời ..." and "Được trả lời bởi ..."; the exchange under them links it too.
          const link = page.locator(`li#claim-${from} :is(.claim-answers, .claim-responses) a[href$="#claim-${to}"]`);
          assert.equal(await link.count(), 1, `${way.name} ${from} links ${to}`);
          await link.click();
          assert.equal(new URL(page.url()).hash, `#claim-${to}`, `${way.name} ${from} → ${to}`);
          assert.ok(await page.locator(`li#claim-${to}`).isVisible(), `${way.name} ${to}`);
        }
      }
      await page.close();
    }
  });
});
