// The timeline and an actor's relationship graph in the default archive, as a reader opens them
// over http:// and over file:// from the offline zip: the graph is drawn (a box of real size) and
// has its text alternative with the same parties, its nodes lead to those parties' pages, and the
// timeline's years, months and rows lead to the pages and claims they name.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { fileUrl, newPage, screenshot, useDefaultArchive, watchPage } from './lib.mjs';

// The US Department of Justice charges four people and appears with four other parties: a graph
// of eight neighbours, the most the drawing shows (content/articles/*.yaml).
const ACTOR = 'actors/us-doj/';

/** The two ways a reader opens the site: the served folder and the unzipped offline copy. */
function ways({ site, server }) {
  const offline = path.join(site.unzipped, 'site');
  return [
    { name: 'http', page: (folder) => `${server.url}/${folder}` },
    { name: 'file', page: (folder) => fileUrl(offline, `${folder}index.html`) },
  ];
}

/** The page a link leads to, as a folder URL: `…/actors/x/index.html` and `…/actors/x/` alike. */
function folderOf(href) {
  return href.split('#')[0].replace(/index\.html$/, '');
}

describe('timeline and relationship graph in the default archive', () => {
  const archive = useDefaultArchive();

  test("an actor's graph is drawn, has its text alternative and leads to its parties", async () => {
    for (const way of ways(archive)) {
      for (const width of [1280, 390]) {
        const page = await newPage(archive.browser, { viewport: { width, height: 900 } });
        const watch = watchPage(page);
        await page.goto(way.page(ACTOR));
        const graph = page.locator('svg.graph');
        await graph.scrollIntoViewIfNeeded();
        const box = await graph.boundingBox();
        assert.ok(box && box.width > 200 && box.height > 150, `${way.name} ${width}px: drawn at ${JSON.stringify(box)}`);
        await screenshot(page, `timeline-graph-${way.name}-${width}`);
        const drawn = await graph.locator('a').evaluateAll((links) => links.map((link) => link.href.baseVal ?? link.getAttribute('href')));
        const listed = await page.locator('.graph-list a.chip').evaluateAll((links) => links.map((link) => link.href));
        assert.equal(drawn.length, 8, `${way.name}: eight neighbours drawn`);
        assert.equal(listed.length, drawn.length, `${way.name}: the list names every drawn party`);
        const resolved = drawn.map((href) => new URL(href, page.url()).href);
        assert.deepEqual(resolved.map(folderOf).sort(), listed.map(folderOf).sort(), way.name);
        assert.equal(await graph.getAttribute('aria-hidden'), 'true', 'the drawing is hidden from screen readers');
        assert.ok((await page.locator('.graph-list li').first().innerText()).includes(':'), 'with relations');
        assert.deepEqual(watch.all(), [], `${way.name} ${width}px`);
        await page.close();
      }
      const page = await newPage(archive.browser);
      await page.goto(way.page(ACTOR));
      const first = page.locator('.graph-list a.chip').first();
      const name = (await first.innerText()).trim();
      await page.locator('svg.graph a').first().click();
      assert.equal((await page.locator('h1').innerText()).trim(), name, `${way.name}: the first node opens ${name}`);
      await page.close();
    }
  });

  test("the timeline's years, months and rows lead to what they name", async () => {
    for (const way of ways(archive)) {
      const page = await newPage(archive.browser);
      const watch = watchPage(page);
      await page.goto(way.page('timeline/'));
      await screenshot(page, `timeline-index-${way.name}`);
      const years = await page.locator('.timeline-year h2 a').allInnerTexts();
      assert.ok(years.length >= 2, `${way.name}: several years: ${years}`);
      await page.locator('.timeline-year h2 a').first().click();
      assert.equal((await page.locator('h1').innerText()).trim(), years[0].trim(), `${way.name}: the year's page`);
      await page.goto(way.page('timeline/'));
      const month = page.locator('.timeline-months a').last();
      await month.click();
      const anchor = new URL(page.url()).hash.slice(1);
      assert.match(anchor, /^month-/, `${way.name}: a month link names its month`);
      assert.ok(await page.locator(`[id="${anchor}"]`).isVisible(), `${way.name}: #${anchor} is on the page`);
      const claim = page.locator('.timeline-rows a[href*="#"]').first();
      const target = new URL(await claim.evaluate((link) => link.href)).hash.slice(1);
      await claim.click();
      assert.ok(await page.locator(`[id="${target}"]`).isVisible(), `${way.name}: the claim #${target} is shown`);
      await page.goBack();
      const article = page.locator('.timeline-rows a:not([href*="#"])').first();
      const title = (await article.innerText()).trim();
      await article.click();
      assert.equal((await page.locator('h1').innerText()).trim(), title, `${way.name}: the article's page`);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(way.page('timeline/'));
        await screenshot(page, `timeline-index-${way.name}-${width}`);
        await page.locator('.timeline-year h2 a').first().click();
        await screenshot(page, `timeline-year-${way.name}-${width}`);
      }
      assert.deepEqual(watch.all(), [], way.name);
      await page.close();
    }
  });
});
