import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleHarness, checkAccessibility, screenshot, settled, signIn, startConsole } from './browser.ts';

/** The web console's dashboard: its figures first, its charts after. */
describe('the web console: the dashboard before its charts', () => {
  let harness: ConsoleHarness;
  before(async () => {
    harness = await startConsole();
  });
  after(async () => {
    await harness?.close();
  });

  test('the dashboard shows its figures first, its charts after, in the places kept for them', async () => {
    const context = await harness.newContext({ width: 1440 });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const charts: string[] = [];
    await context.route(/\/assets\/DashboardCharts-[^/]*\.js$/, async (route) => {
      charts.push(route.request().url());
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await signIn(page, 'admin@demo.backlot');
    const panels = page.getByRole('main').getByRole('region');
    await page.getByRole('heading', { name: 'Revenue by month' }).waitFor();
    await page.getByRole('link', { name: /^Movies: \d+/ }).waitFor();
    const revenue = page.getByRole('region', { name: 'Revenue by month' });
    assert.equal(await revenue.getByRole('application').count(), 0, 'no chart yet');
    const boxes = async () => Promise.all((await panels.all()).map((panel) => panel.boundingBox()));
    const before = await boxes();
    assert.ok(before.length >= 5, `the dashboard's panels (${before.length})`);
    await screenshot(page, 'dashboard-before-charts');

    release();
    for (const name of ['Revenue by month', 'Orders by month', 'Orders by status']) {
      await page.getByRole('region', { name }).getByRole('application').waitFor();
    }
    await settled(page);
    assert.equal(charts.length, 1, 'the charts are one chunk');
    assert.deepEqual(await boxes(), before, 'nothing moved when the charts came');
    await checkAccessibility(page, 'the dashboard with its charts');
    await screenshot(page, 'dashboard-after-charts');
    await context.close();
  });

  test('no page broke the Content Security Policy', () => {
    assert.deepEqual(harness.cspViolations, []);
  });
});
