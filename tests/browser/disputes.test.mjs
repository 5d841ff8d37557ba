// The claims list and the disputes of the default archive as a reader uses them, over http://
// and over file:// from the offline zip: the kind and basis filter hides the rows of the page that
// do not match, keeps itself in the address and in the links to the other years, and comes back
// from the address; a dispute shows its opening claim and its answers, side by side on a wide
// screen and one under the other at 390 px; an article's claim leads to its dispute.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { newPage, readerWays, screenshot, useDefaultArchive, watchPage } from './lib.mjs';

/** The kind (class claim-<kind>) of every row of the page, split into the shown and the hidden. */
async function rowKinds(page) {
  return page.locator('#claim-rows > li').evaluateAll((rows) => {
    const kind = (row) => [...row.classList].find((name) => name.startsWith('claim-')).slice('claim-'.length);
    return {
      shown: rows.filter((row) => !row.hidden && row.offsetHeight > 0).map(kind),
      hidden: rows.filter((row) => row.hidden).map(kind),
    };
  });
}

describe('the claims list and the disputes of the default archive', () => {
  const archive = useDefaultArchive();

  test('the kind filter shows exactly the matching rows and is kept in the address and the links', async () => {
    for (const way of readerWays(archive)) {
      const page = await newPage(archive.browser);
      const watch = watchPage(page);
      await page.goto(way.page('claims/'));
      assert.ok(await page.locator('#claims-filter').isVisible(), `${way.name}: the filter shows with JavaScript`);
      const all = await rowKinds(page);
      assert.deepEqual(all.hidden, [], `${way.name}: no filter, every row`);
      assert.ok(all.shown.includes('accuses') && all.shown.some((kind) => kind !== 'accuses'), way.name);

      await page.selectOption('#filter-kind', 'accuses');
      const accusations = await rowKinds(page);
      assert.ok(accusations.shown.length > 0, way.name);
      assert.ok(accusations.shown.every((kind) => kind === 'accuses'), `${way.name}: ${accusations.shown}`);
      assert.ok(accusations.hidden.every((kind) => kind !== 'accuses'), `${way.name}: ${accusations.hidden}`);
      assert.match(await page.locator('#filter-status').innerText(), new RegExp(`^${accusations.shown.length}/${all.shown.length} `));
      if (way.name === 'http://') assert.equal(new URL(page.url()).search, '?kind=accuses');
      await screenshot(page, `claims-filtered-${way.name.replace(/\W/g, '')}`);

      // Another year keeps the filter.
      const other = page.locator('.year-filter a[aria-current="false"]').first();
      assert.match(await other.getAttribute('href'), /\?kind=accuses$/, way.name);
      await other.click();
      await page.waitForLoadState();
      assert.equal(await page.locator('#filter-kind').inputValue(), 'accuses', `${way.name}: the next year keeps it`);
      const next = await rowKinds(page);
      assert.ok(next.shown.every((kind) => kind === 'accuses'), `${way.name}: ${next.shown}`);

      // Back to every kind.
      await page.selectOption('#filter-kind', '');
      assert.deepEqual((await rowKinds(page)).hidden, [], way.name);
      assert.deepEqual(watch.all(), [], way.name);
      await page.close();
    }
  });

  test('the basis filter comes back from the address, combined with the kind', async () => {
    for (const way of readerWays(archive)) {
      const page = await newPage(archive.browser);
      await page.goto(way.page('claims/page/3/', '?kind=attributes&basis=political'));
      assert.equal(await page.locator('#filter-kind').inputValue(), 'attributes', way.name);
      assert.equal(await page.locator('#filter-basis').inputValue(), 'political', way.name);
      const rows = await page.locator('#claim-rows > li:not([hidden])').evaluateAll((shown) =>
        shown.map((row) => ['claim-', 'basis-'].map((prefix) =>
          ([...row.classList].find((name) => name.startsWith(prefix)) ?? prefix).slice(prefix.length),
        )),
      );
      assert.ok(rows.length > 0, `${way.name}: the allies' attributions of 2021`);
      assert.ok(rows.every(([kind, basis]) => kind === 'attributes' && basis === 'political'), `${way.name}: ${rows}`);
      await page.close();
    }
  });

  for (const width of [1280, 390]) {
    test(`a dispute shows both sides at ${width} px, and an article's claim leads to it`, async () => {
      for (const way of readerWays(archive)) {
        const page = await newPage(archive.browser, { viewport: { width, height: 900 } });
        const watch = watchPage(page);
        await page.goto(way.page('disputes/'));
        const dispute = page.locator('article.dispute').first();
        const sides = dispute.locator('.dispute-side');
        assert.equal(await sides.count(), 2, way.name);
        const opening = await sides.nth(0).boundingBox();
        const answers = await sides.nth(1).boundingBox();
        assert.ok(await dispute.locator('.dispute-opening .row-quote a').isVisible(), `${way.name}: the opening quote`);
        assert.ok((await dispute.locator('.dispute-answers > li').count()) > 0, `${way.name}: its answers`);
        assert.ok(await dispute.locator('.dispute-answers .row-quote a').first().isVisible(), `${way.name}: an answer's quote`);
        if (width === 1280) {
          assert.ok(answers.x >= opening.x + opening.width, `${way.name}: side by side`);
        } else {
          assert.ok(answers.y >= opening.y + opening.height, `${way.name}: one under the other`);
          assert.ok(answers.x + answers.width <= width, `${way.name}: within the screen`);
        }
        await screenshot(page, `dispute-${width}-${way.name.replace(/\W/g, '')}`, { fullPage: false });

        // From the opening claim in its article, the thread leads back to this dispute.
        const id = await dispute.getAttribute('id');
        await dispute.locator('.dispute-opening .row-quote a').click();
        await page.waitForLoadState();
        const thread = page.locator(`.claim-thread a[href$="#${id}"]`).first();
        assert.ok(await thread.isVisible(), `${way.name}: the article shows the thread`);
        await thread.click();
        await page.waitForLoadState();
        assert.equal(new URL(page.url()).hash, `#${id}`, way.name);
        assert.ok(await page.locator(`#${id}`).isVisible(), way.name);
        assert.deepEqual(watch.all(), [], way.name);
        await page.close();
      }
    });
  }
});
