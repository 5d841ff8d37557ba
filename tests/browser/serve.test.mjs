// `dossier serve` as an editor uses it, in Chromium: the open page changes by itself after a
// save, a broken save shows the errors over the last good page, and fixing it clears them. And as
// an attacker's page would reach it: under a name of its own that resolves to the loopback
// address (DNS rebinding), it gets neither pages nor events.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, dossierBin, launch, makeTempDir, newPage, screenshot } from './lib.mjs';

const ARTICLE = 'articles/viet-nam-bac-cao-buoc-apt32/';
const MARKDOWN = 'content/articles/viet-nam-bac-cao-buoc-apt32.md';
const SIDECAR = 'content/articles/viet-nam-bac-cao-buoc-apt32.yaml';

/** Starts `dossier serve --port 0` on a copy of the editor fixture; resolves with its URL once the
 *  first build answers. */
async function startServer(root) {
  const child = spawn(dossierBin(), ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/https?:\/\/[^\s]+\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const deadline = Date.now() + 30_000;
  while ((await fetch(url).catch(() => ({ status: 0 }))).status !== 200) {
    if (Date.now() > deadline) throw new Error(`serve never answered 200:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child };
}

describe('dossier serve', () => {
  let root;
  let server;
  let browser;

  before(async () => {
    root = path.join(makeTempDir('serve'), 'site');
    fs.cpSync(path.join(REPO_ROOT, 'tests/fixtures/editor/site'), root, { recursive: true });
    server = await startServer(root);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    server?.child.kill();
  });

  test('an open page follows the edits: reload on save, errors shown, errors cleared', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}${ARTICLE}`);
    assert.equal(await page.locator('script[src="/__dossier/live.js"]').count(), 1, 'live reload script');

    const markdown = path.join(root, MARKDOWN);
    const original = fs.readFileSync(markdown, 'utf8');
    fs.writeFileSync(markdown, original.replace(/^title: .*$/m, 'title: Tiêu đề vừa sửa'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Tiêu đề vừa sửa'), null, {
      timeout: 20_000,
    });

    const sidecar = path.join(root, SIDECAR);
    const annotations = fs.readFileSync(sidecar, 'utf8');
    const broken = annotations.replace('about: apt32', 'about: apt-32');
    assert.notEqual(broken, annotations);
    fs.writeFileSync(sidecar, broken);
    const overlay = page.locator('#dossier-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 20_000 });
    const line = broken.split('\n').findIndex((text) => text.includes('apt-32')) + 1;
    assert.match(await overlay.locator('[data-dossier-location]').first().innerText(), new RegExp(`${SIDECAR}:${line}:`));
    assert.match(await overlay.locator('[data-dossier-message]').first().innerText(), /unknown actor `apt-32`/);
    assert.match(await page.locator('h1').innerText(), /Tiêu đề vừa sửa/, 'the last good page stays behind');
    await screenshot(page, 'serve-overlay', { fullPage: false });

    fs.writeFileSync(sidecar, annotations);
    await overlay.waitFor({ state: 'detached', timeout: 20_000 });
  });

  // Chromium resolves every `*.localhost` name to the loopback address, as a rebound name would.
  test('a page reached under another name gets neither pages nor events (DNS rebinding)', async () => {
    const page = await newPage(browser);
    const rebound = server.url.replace('127.0.0.1', 'rebound.localhost');
    const response = await page.goto(`${rebound}${ARTICLE}`);
    assert.equal(response.status(), 421);
    assert.equal(await page.locator('h1').count(), 0, 'no page of the site');
    const events = await page.evaluate(async () => (await fetch('/__dossier/events')).status);
    assert.equal(events, 421);
  });
});
