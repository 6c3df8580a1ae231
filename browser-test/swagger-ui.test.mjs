// Opens Swagger UI in a real browser, runs the seed 1D example through "Try it out" and reads the
// result on the page. BASE_URL points at a running service; CHROMIUM at the browser binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshot = process.env.SCREENSHOT ?? '../target/swagger-ui.png';

test('Swagger UI runs the seed 1D convolution through "Try it out"', async () => {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  try {
    await page.goto(`${base}/swagger-ui.html`, { waitUntil: 'networkidle' });
    const op = page.locator('#operations-signals-convolveSignal');
    await op.waitFor({ timeout: 30000 });
    await op.locator('.opblock-summary-control').first().click();
    await op.locator('button.execute, button.try-out__btn').first().waitFor({ state: 'visible' });
    // springdoc opens operations in try-out mode (try-it-out-enabled); otherwise press "Try it out"
    if (!(await op.locator('button.execute').isVisible())) {
      await op.locator('button.try-out__btn').click();
    }
    // the request body editor holds the selected example: the Q&A seed's numpy example
    const editor = op.locator('textarea.body-param__text');
    await editor.waitFor();
    const sent = JSON.parse(await editor.inputValue());
    assert.deepEqual(sent.signal, [2, 1, 3, 5, 4]);
    assert.deepEqual(sent.kernel, [1, -1]);
    assert.equal(sent.mode, 'valid');
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 30000 });
    assert.equal((await status.innerText()).trim(), '200');
    const body = await op.locator('.live-responses-table .response .response-col_description pre').first().innerText();
    const result = JSON.parse(body);
    assert.deepEqual(result.output, [-1, 2, 2, -1]);
    assert.deepEqual(result.kernelAsApplied, [-1, 1]);
    assert.equal(result.operation, 'convolution');
    await page.screenshot({ path: screenshot, fullPage: false });
  } catch (e) {
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png'), fullPage: false });
    throw e;
  } finally {
    await browser.close();
  }
});

test('Swagger UI uploads a PNG with a named kernel and shows the filtered picture', async () => {
  const { readFile } = await import('node:fs/promises');
  const picture = await readFile(new URL('../src/test/resources/png/rgb8.png', import.meta.url));
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 2600 } });
  const shot = screenshot.replace(/\.png$/, '-png-upload.png');
  try {
    await page.goto(`${base}/swagger-ui.html`, { waitUntil: 'networkidle' });
    const op = page.locator('#operations-images-convolveImage');
    await op.waitFor({ timeout: 30000 });
    await op.locator('.opblock-summary-control').first().click();
    await op.locator('button.execute, button.try-out__btn').first().waitFor({ state: 'visible' });
    if (!(await op.locator('button.execute').isVisible())) {
      await op.locator('button.try-out__btn').click();
    }
    // the request body as multipart/form-data: a file input per part
    await op.locator('.opblock-section-request-body select').first().selectOption('multipart/form-data');
    const files = op.locator('input[type=file]');
    await files.first().waitFor();
    await files.nth(0).setInputFiles({ name: 'picture.png', mimeType: 'image/png', buffer: picture });
    await files.nth(1).setInputFiles({ name: 'kernel.json', mimeType: 'application/json',
      buffer: Buffer.from('{"name": "gaussian", "size": 5}') });
    const options = op.locator('.opblock-section-request-body textarea').last();
    await options.fill('{"mode": "same", "boundary": "reflect"}');
    // the answer as a picture: the response media type sets Accept
    await op.locator('.responses-wrapper select').first().selectOption('image/png');
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 30000 });
    assert.equal((await status.innerText()).trim(), '200');
    const img = op.locator('.live-responses-table .response .response-col_description img').first();
    await img.waitFor({ timeout: 30000 });
    const size = await img.evaluate((el) => new Promise((resolve) => {
      const done = () => resolve([el.naturalWidth, el.naturalHeight]);
      if (el.complete) done(); else el.onload = done;
    }));
    assert.deepEqual(size, [256, 192]);
    await img.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot, fullPage: false });
  } catch (e) {
    await page.screenshot({ path: shot.replace(/\.png$/, '-failure.png'), fullPage: true });
    throw e;
  } finally {
    await browser.close();
  }
});
