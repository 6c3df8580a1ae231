// The pages the service serves load with no console error and no failed request: the explorer (which a browser also
// asks /favicon.ico for) and Swagger UI. BASE_URL points at a running service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

for (const path of ['/explorer', '/swagger-ui.html']) {
  test(`${path} loads with a clean console`, async () => {
    const browser = await chromium.launch({ executablePath, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
    const problems = [];
    try {
      const page = await browser.newPage();
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`); });
      page.on('requestfailed', (r) => problems.push(`failed ${new URL(r.url()).pathname}`));
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      // the icon is asked for after the page, on the browser's own time
      await page.waitForTimeout(1000);
      assert.deepEqual(problems, [], `what ${path} logged`);
    } finally {
      await browser.close();
    }
  });
}
