// The attribution matrix of the default archive as a reader uses it, over http:// and over
// file:// from the offline zip: a cell of the grid leads to the quotes it counts, a year of the
// menu to that year's grid, and at 390 px the grid scrolls in its own box with its header row and
// first column held in view.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { newPage, readerWays, screenshot, useDefaultArchive, watchPage } from './lib.mjs';

describe('the attribution matrix of the default archive', () => {
  const archive = useDefaultArchive();

  test('clicking a cell leads to the quotes it counts', async () => {
    for (const way of readerWays(archive)) {
      const page = await newPage(archive.browser);
      const watch = watchPage(page);
      await page.goto(way.page('matrix/'));
      await screenshot(page, `matrix-${way.name.replace(/\W/g, '')}`);
      const cells = page.locator('table.matrix td a');
      const count = await cells.count();
      assert.ok(count > 0, `${way.name}: the grid has cells`);
      for (let index = 0; index < count; index += 1) {
        await page.goto(way.page('matrix/'));
        const cell = page.locator('table.matrix td a').nth(index);
        const name = await cell.getAttribute('aria-label');
        assert.match(name, /^\d+ cáo buộc của .+ nhằm vào .+$/, `${way.name}: the cell's name`);
        const number = Number(await cell.innerText());
        assert.ok(name.startsWith(`${number} `), `${way.name}: the name begins with the number shown`);
        await cell.click();
        const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
        assert.ok(hash.length > 0, `${way.name} ${name}: the cell leads to a section`);
        const section = page.locator(`[id="${hash}"]`);
        assert.ok(await section.isVisible(), `${way.name} ${name}: #${hash} is shown`);
        const quotes = section.locator('.row-quote');
        assert.equal(await quotes.count(), number, `${way.name} ${name}: as many quotes as the cell counts`);
        assert.ok((await quotes.first().innerText()).length > 0, `${way.name} ${name}: a quote is there`);
        assert.equal(await section.locator('.row-quote a[href*="articles/"]').count(), number, `${way.name} ${name}: article links`);
      }
      assert.deepEqual(watch.all(), [], way.name);
      await page.close();
    }
  });

  test("the year menu leads to each year's grid, whose cells lead to that year's quotes", async () => {
    for (const way of readerWays(archive)) {
      const page = await newPage(archive.browser);
      await page.goto(way.page('matrix/'));
      const years = await page.locator('.year-menu a').allInnerTexts();
      assert.ok(years.length > 1, `${way.name}: the menu has years`);
      const year = years[1];
      await page.locator('.year-menu a', { hasText: year }).click();
      assert.equal(await page.locator('.year-menu a[aria-current="page"]').innerText(), year);
      const cell = page.locator('table.matrix td a').first();
      const number = Number(await cell.innerText());
      await cell.click();
      const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
      const quotes = await page.locator(`[id="${hash}"] .row-quote`).count();
      assert.equal(quotes, number, `${way.name} ${year}: exactly the cell's claims are listed`);
      await page.close();
    }
  });

  test('at 390 px the grid scrolls in its own box, its header row and first column in view', async () => {
    const page = await newPage(archive.browser, { viewport: { width: 390, height: 844 } });
    await page.goto(readerWays(archive)[0].page('matrix/'));
    await screenshot(page, 'matrix-390', { fullPage: false });
    const box = page.locator('.matrix-wrap');
    const scrollable = await box.evaluate((element) => element.scrollWidth > element.clientWidth);
    assert.ok(scrollable, 'the grid is wider than its box');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'the page itself does not scroll');
    await box.evaluate((element) => element.scrollTo(element.scrollWidth, element.scrollHeight));
    const wrap = await box.boundingBox();
    const rowHeader = await page.locator('table.matrix tbody th').last().boundingBox();
    const columnHeader = await page.locator('table.matrix thead th').last().boundingBox();
    assert.ok(Math.abs(rowHeader.x - (wrap.x + 1)) < 2, `the first column stays at the left: ${rowHeader.x} vs ${wrap.x}`);
    const scrolledDown = await box.evaluate((element) => element.scrollTop > 0);
    if (scrolledDown) {
      assert.ok(Math.abs(columnHeader.y - (wrap.y + 1)) < 2, `the header row stays at the top: ${columnHeader.y} vs ${wrap.y}`);
    }
    assert.ok(columnHeader.y >= wrap.y && columnHeader.y + columnHeader.height <= wrap.y + wrap.height, 'the header row is in view');
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'matrix-390-scrolled', { fullPage: false });
    await page.close();
  });
});
