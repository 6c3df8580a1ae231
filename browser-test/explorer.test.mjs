// The explorer page in a real browser: the seed post's example as the default state, output [1, 1] of convolution
// (the patch x[0..2, 0..2] met by the kernel rotated 180°), then mirrored cross-correlation at [−1, −1] (the same
// patch, the kernel as given). Screenshots under target/. BASE_URL points at a running service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = process.env.SCREENSHOT_DIR ?? '../target';

async function met(page, root) {
  return page.locator(`${root} .cell.met`).evaluateAll((cells) => cells.map((c) => [c.dataset.label, c.dataset.symbol]));
}

test('the explorer draws the seed post: convolution at [1,1], then mirrored correlation at [-1,-1]', async () => {
  const browser = await chromium.launch({ executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1700 } });
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) requests.push(new URL(r.url()).pathname); });
  try {
    await page.goto(`${base}/explorer`, { waitUntil: 'networkidle' });
    // pick output [1, 1] with the mouse
    await page.locator('#output-grid button[data-label="1,1"]').click();
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[1,1]'));
    await page.waitForLoadState('networkidle');
    const conv = Object.fromEntries(await met(page, '#input-grid'));
    assert.deepEqual(Object.keys(conv).sort(), ['0,0', '0,1', '0,2', '1,0', '1,1', '1,2', '2,0', '2,1', '2,2']);
    assert.equal(conv['0,0'], 'i', 'convolution: the kernel rotated 180°, i meets x[0,0]');
    assert.equal(conv['2,2'], 'a');
    assert.equal(await page.locator('#formula').textContent(),
      'y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b + x[2,2]·a');
    // the three-way comparison shows mirrored correlation at [-1,-1] on the same patch
    const mirroredPanel = Object.fromEntries(await met(page, '.panel[data-op="mirrored"][data-label="-1,-1"]'));
    assert.deepEqual(Object.keys(mirroredPanel).sort(), Object.keys(conv).sort());
    await page.screenshot({ path: `${shots}/explorer-convolution.png`, fullPage: true });
    // switch to mirrored correlation and move to [-1, -1] with the keyboard
    await page.locator('#op').selectOption('mirrored');
    await page.waitForLoadState('networkidle');
    await page.locator('#output-grid button[data-label="-1,-1"]').waitFor();
    await page.locator('#output-grid button[data-label="-1,-1"]').click();
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[-1,-1]'));
    await page.locator('#output-grid button.chosen').press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[-1,0]'));
    await page.locator('#output-grid button.chosen').press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[-1,-1]'));
    await page.waitForLoadState('networkidle');
    const mirrored = Object.fromEntries(await met(page, '#input-grid'));
    assert.deepEqual(Object.keys(mirrored).sort(), Object.keys(conv).sort(), 'the same patch');
    assert.equal(mirrored['0,0'], 'a', 'cross-correlation: the kernel as given, a meets x[0,0]');
    assert.equal(mirrored['2,2'], 'i');
    assert.equal(await page.locator('#formula').textContent(),
      'y[-1,-1] = x[0,0]·a + x[0,1]·b + x[0,2]·c + x[1,0]·d + x[1,1]·e + x[1,2]·f + x[2,0]·g + x[2,1]·h + x[2,2]·i');
    // the URL holds the view: reloading it draws the same
    assert.match(page.url(), /op=mirrored/);
    assert.match(page.url(), /selected=-1%2C-1/);
    await page.reload({ waitUntil: 'networkidle' });
    assert.deepEqual(Object.fromEntries(await met(page, '#input-grid')), mirrored);
    // padding shows where its value came from: reflect at a corner
    await page.locator('#boundary').selectOption('reflect');
    await page.locator('#output-grid button[data-label="-3,-3"]').click();
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[-3,-3]'));
    await page.waitForLoadState('networkidle');
    const padded = await page.locator('#input-grid .cell.pad.met .source').allTextContents();
    assert.ok(padded.length === 5 && padded.every((t) => /← x\[-?\d,-?\d\]/.test(t)), padded.join(' | '));
    await page.screenshot({ path: `${shots}/explorer-mirrored-reflect.png`, fullPage: true });
    // a phone-sized screen: the page fits its width
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
    await page.screenshot({ path: `${shots}/explorer-phone.png`, fullPage: false });
    assert.ok(requests.length > 0 && requests.every((p) => p === '/api/v1/explain'), 'only the public API: ' + requests.join(' '));
  } catch (e) {
    await page.screenshot({ path: `${shots}/explorer-failure.png`, fullPage: true });
    throw e;
  } finally {
    await browser.close();
  }
});

test('the explorer draws 1D signals and 3D volumes as slices', async () => {
  const browser = await chromium.launch({ executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1700 } });
  try {
    await page.goto(`${base}/explorer#rank=1&input=7&kernel=3&selected=1`, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[1]'));
    assert.equal(await page.locator('#formula').textContent(), 'y[1] = x[0]·c + x[1]·b + x[2]·a');
    assert.equal(await page.locator('#status').textContent(), '');
    await page.locator('#rank').selectOption('3');
    await page.waitForFunction(() => document.querySelector('#formula').textContent.startsWith('y[0,0,0]'));
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('#input-grid .grid').count(), 7, 'a slice per first-axis label, padding included');
    assert.equal(await page.locator('#input-grid .cell.met').count(), 27);
    await page.screenshot({ path: `${shots}/explorer-3d.png`, fullPage: true });
  } finally {
    await browser.close();
  }
});
