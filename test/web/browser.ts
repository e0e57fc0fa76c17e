/**
 * The harness of the console's browser tests: one real Backlot (fresh, seeded with the demo data) listening on a
 * loopback port, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import i18next, { type TFunction } from 'i18next';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed.ts';
import { CONSOLE_DIR } from '../../src/http/console.ts';
import { createBacklot } from '../../src/server.ts';
import type { Services } from '../../src/services.ts';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { testConfig } from '../support.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The console's languages, with the browser locale that chooses each. */
export const LANGUAGES = { en: 'en-GB', fr: 'fr-FR' } as const;
export type Language = keyof typeof LANGUAGES;

/** The console's own messages in `language`: tests find controls by the names a user of that language reads. */
export function messages(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.t;
}

const english = messages('en');
export const OUTPUT_DIR = join(import.meta.dirname, '..', '..', 'test-output', 'console');

/** The console's build: made once if missing (`npm run setup` normally makes it). */
function ensureBuild(): void {
  if (existsSync(join(CONSOLE_DIR, 'index.html'))) return;
  execFileSync('npm', ['run', 'build:web'], { cwd: join(import.meta.dirname, '..', '..'), stdio: 'ignore' });
}

export interface ConsoleHarness {
  url: string;
  browser: Browser;
  /** CSP violations reported by any page so far. */
  cspViolations: string[];
  newContext(options?: {
    locale?: string;
    colorScheme?: 'light' | 'dark';
    width?: number;
    timezoneId?: string;
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startConsole(
  options: { prepare?: (services: Services) => Promise<void> } = {},
): Promise<ConsoleHarness> {
  ensureBuild();
  const backlot = await createBacklot(testConfig('sqlite::memory:'), false, { migrate: true });
  await seedDemo(backlot.services);
  await options.prepare?.(backlot.services);
  await backlot.app.listen({ host: '127.0.0.1', port: 0 });
  const address = backlot.app.server.address();
  assert.ok(address && typeof address === 'object');
  const url = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const cspViolations: string[] = [];
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return {
    url,
    browser,
    cspViolations,
    async newContext({ locale = 'en-GB', colorScheme = 'light', width = 1280, timezoneId } = {}) {
      const context = await browser.newContext({
        baseURL: url,
        locale,
        timezoneId,
        colorScheme,
        viewport: { width, height: 900 },
        acceptDownloads: true,
      });
      // The default of 30 s only slows a failing run down.
      context.setDefaultTimeout(15_000);
      context.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      return context;
    },
    async close() {
      await browser.close();
      await backlot.close();
    },
  };
}

/** Signs in on the sign-in page, whose labels are read in the console's language (`t`, English by default). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, t = english): Promise<void> {
  await page.goto('/');
  await page.getByLabel(t('signIn.email')).fill(email);
  await page.getByRole('textbox', { name: t('signIn.password') }).fill(password);
  await page.getByRole('button', { name: t('signIn.submit') }).click();
  await page.getByRole('navigation', { name: t('shell.navigation') }).waitFor();
}

/** A new browser signed in as the demo user of `role`, with the console in `language`. */
export async function signedInPage(harness: ConsoleHarness, role: string, language: Language = 'en'): Promise<Page> {
  const context = await harness.newContext({ locale: LANGUAGES[language] });
  const page = await context.newPage();
  await signIn(page, `${role}@demo.backlot`, DEMO_PASSWORD, messages(language));
  return page;
}

/** The names of the main navigation's links. */
export async function navigation(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: /./ }).getByRole('link');
  return (await links.allInnerTexts()).map((text) => text.trim());
}

/**
 * Waits until no transition or animation runs (a notification fading in, a modal closing) and none has started for
 * two frames: axe reads colours as they are drawn, and text half faded in is paler than the text itself.
 */
async function stillness(page: Page): Promise<void> {
  // A spinner's endless animation is left alone, and the wait is bounded: axe then runs on the page as it is.
  await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const until = performance.now() + 5000;
    for (let quiet = 0; quiet < 2 && performance.now() < until; ) {
      const running = document.getAnimations().filter(
        (animation) =>
          animation.playState === 'running' && animation.effect?.getComputedTiming().iterations !== Infinity,
      );
      if (running.length === 0) {
        quiet++;
      } else {
        quiet = 0;
        await Promise.race([
          Promise.all(running.map((animation) => animation.finished.catch(() => undefined))),
          new Promise((resolve) => setTimeout(resolve, until - performance.now())),
        ]);
      }
      await frame();
    }
  })()`);
}

/** axe on the page once it is still: no serious or critical violation. */
export async function checkAccessibility(page: Page, what: string): Promise<void> {
  await stillness(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  assert.deepEqual(
    bad.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => `${node.html.slice(0, 160)} ${node.failureSummary ?? ''}`).join(' | ')}`,
    ),
    [],
    `accessibility of ${what}`,
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}

/** Waits until the page's requests have settled. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}
