/**
 * Measures the console (reported, never asserted): the JavaScript a first screen loads (gzip), and the time from
 * navigation to a rendered list of 50 movies, in Debian's Chromium against a local Backlot with scaled demo data.
 * `node scripts/console-measure.ts` (needs the build: `npm run build:web`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seedScale } from '../src/db/seed.ts';
import { CONSOLE_DIR } from '../src/http/console.ts';
import { signIn, startConsole } from '../test/web/browser.ts';

const harness = await startConsole({ prepare: (services) => seedScale(services, 200, () => {}) });
try {
  const context = await harness.newContext();
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  const gzip = () =>
    [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(CONSOLE_DIR, path))).length, 0);

  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  const signInKb = gzip() / 1024;
  await signIn(page, 'admin@demo.backlot');
  await page.getByRole('heading', { name: 'Revenue by month' }).waitFor();
  await page.waitForLoadState('networkidle');
  const dashboardKb = gzip() / 1024;

  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = Date.now();
    await page.goto('/movies');
    await page.getByRole('table', { name: 'Movies' }).getByRole('row').nth(50).waitFor();
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      signInJsGzipKb: Math.round(signInKb),
      dashboardJsGzipKb: Math.round(dashboardKb),
      movieList50RowsMs: { median: times[2], min: times[0], max: times[4] },
    })}\n`,
  );
} finally {
  await harness.close();
}
