/**
 * Measures the console (reported, never asserted), in Debian's Chromium against a local Backlot with scaled demo
 * data (`npm run measure:console`; needs the build: `npm run build:web`):
 *
 * - the JavaScript of a first screen, gzip: every script the browser fetched (its Resource Timing entries) before
 *   the screen's heading was in the page, with a cold cache — the sign-in page, then the dashboard of a signed-in
 *   user opening the console; each file is counted at its gzip size, as a compressing proxy would send it;
 * - the time from navigation (a full page load, which restores the session) to a rendered list of 50 movies, taken
 *   in the page from its navigation start; the median of several runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { seedScale } from '../src/db/seed.ts';
import { CONSOLE_DIR } from '../src/http/console.ts';
import { type ConsoleHarness, signIn, startConsole } from '../test/web/browser.ts';

const RUNS = 7;

// Marks, in the page's own clock (ms since navigation start), when its first heading and 50 table rows appeared.
const MARKS = `(() => {
  const marks = (window.__marks = {});
  new MutationObserver(() => {
    marks.heading ??= document.querySelector('h1') ? performance.now() : undefined;
    marks.rows50 ??= document.querySelectorAll('table tbody tr').length >= 50 ? performance.now() : undefined;
  }).observe(document, { childList: true, subtree: true });
})()`;

interface Marks {
  heading?: number;
  rows50?: number;
}

async function markedContext(
  harness: ConsoleHarness,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  const context = storageState
    ? await harness.browser.newContext({ baseURL: harness.url, storageState, viewport: { width: 1440, height: 900 } })
    : await harness.newContext({ width: 1440 });
  await context.addInitScript(MARKS);
  return context;
}

const marks = (page: Page) => page.evaluate('window.__marks') as Promise<Marks>;

/** The console's scripts the page fetched, those that started before `until` (ms since navigation start) at least. */
async function scripts(page: Page, until = Number.POSITIVE_INFINITY): Promise<string[]> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => ({ name: entry.name, startTime: entry.startTime })),
  );
  return entries
    .filter((entry) => entry.startTime <= until)
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/assets/') && path.endsWith('.js'));
}

const gzipKb = (paths: string[]) =>
  Math.round(
    [...new Set(paths)].reduce((sum, path) => sum + gzipSync(readFileSync(join(CONSOLE_DIR, path))).length, 0) / 1024,
  );

const harness = await startConsole({ prepare: (services) => seedScale(services, 200, () => {}) });
try {
  // The sign-in page, cold.
  const signInContext = await markedContext(harness);
  const signInPage = await signInContext.newPage();
  await signInPage.goto('/');
  await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
  await signInPage.waitForLoadState('networkidle');
  const signInScripts = await scripts(signInPage, (await marks(signInPage)).heading);
  await signIn(signInPage, 'admin@demo.backlot');
  const session = await signInContext.storageState();
  await signInContext.close();

  // The dashboard of a signed-in user opening the console, cold: its first screen, then with the charts.
  const context = await markedContext(harness, session);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByRole('heading', { name: 'Revenue by month' }).waitFor();
  await page.waitForLoadState('networkidle');
  const dashboardScripts = await scripts(page, (await marks(page)).heading);
  const withCharts = await scripts(page);

  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto('/movies');
    await page.getByRole('table', { name: 'Movies' }).getByRole('row').nth(50).waitFor();
    const { rows50 } = await marks(page);
    if (rows50 !== undefined) times.push(Math.round(rows50));
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      signInJsGzipKb: gzipKb(signInScripts),
      dashboardFirstScreenJsGzipKb: gzipKb(dashboardScripts),
      dashboardWithChartsJsGzipKb: gzipKb(withCharts),
      movieList50RowsMs: {
        runs: times.length,
        median: times[Math.floor(times.length / 2)],
        min: times[0],
        max: times.at(-1),
      },
    })}\n`,
  );
  await context.close();
} finally {
  await harness.close();
}
