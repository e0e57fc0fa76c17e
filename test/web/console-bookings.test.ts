import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { COUNTRY_CODES } from '../../src/modules/bookings/countries.ts';
import {
  type ConsoleHarness,
  checkAccessibility,
  LANGUAGES,
  type Language,
  messages,
  navigation,
  screenshot,
  settled,
  signedInPage,
  signIn,
  startConsole,
} from './browser.ts';

/** The web console's bookings: a requester's own page, management's decisions; and the dashboard's deferred charts. */
describe('the web console: bookings, and the dashboard before its charts', () => {
  let harness: ConsoleHarness;
  before(async () => {
    harness = await startConsole();
  });
  after(async () => {
    await harness?.close();
  });

  async function tokenOf(email: string): Promise<string> {
    const response = await fetch(`${harness.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: email, password: 'backlot-demo' }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function api(token: string, path: string, body?: unknown) {
    const response = await fetch(`${harness.url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The text of what a field's `aria-describedby` points at: its description and its error. */
  const description = (field: Locator) =>
    field.evaluate((element) => {
      const root = element.ownerDocument;
      return (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => root.getElementById(id)?.textContent ?? '')
        .join(' ');
    });

  /** A row's accessible name holds this text. */
  const holding = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

  /** Every language's data: its own topics, its own time zone, its own spelling of a country. */
  const cases = {
    en: {
      zone: 'America/New_York',
      at: '2031-06-12T10:00',
      utc: '2031-06-12T14:00:00.000Z',
      country: { search: 'Germ', option: 'Germany (DE)' },
    },
    fr: {
      zone: 'Europe/Paris',
      at: '2031-06-12T10:00',
      utc: '2031-06-12T08:00:00.000Z',
      country: { search: 'Allem', option: 'Allemagne (DE)' },
    },
  } satisfies Record<Language, unknown>;

  for (const language of Object.keys(LANGUAGES) as Language[]) {
    const t = messages(language);
    const data = cases[language];
    const topic = (what: string) => `${what} (${language})`;

    test(`${language}: a requester submits (a past date is refused beside its field), sees, withdraws; management decides; the requester sees the decisions`, async () => {
      const context = await harness.newContext({ locale: LANGUAGES[language], timezoneId: data.zone });
      const page = await context.newPage();
      await signIn(page, 'requester@demo.backlot', undefined, t);
      // A requester lands on their own page, the only one they have.
      await page.waitForURL(/\/my-bookings$/);
      await page.getByRole('heading', { level: 1, name: t('booking.mine') }).waitFor();
      assert.deepEqual(await navigation(page), [t('booking.mine')]);

      const form = page.getByRole('form', { name: t('booking.request') });
      const when = form.getByLabel(t('booking.startsAtLocal'));
      await form.getByLabel(t('booking.topic')).fill(topic('Press screening'));
      await when.fill('2020-03-01T10:00');
      assert.ok((await description(when)).includes(data.zone), 'the time zone is shown');
      await form.getByLabel(t('booking.durationMinutes')).fill('90');
      await form.getByLabel(t('booking.attendees')).fill('40');
      await form.getByLabel(t('booking.street')).fill('Unter den Linden 1');
      await form.getByLabel(t('booking.postalCode')).fill('10117');
      await form.getByLabel(t('booking.city')).fill('Berlin');
      const country = form.getByRole('combobox', { name: t('booking.country') });
      await country.click();
      if (language === 'en') {
        // The picker offers exactly the codes the server accepts, named in the console's language.
        assert.equal(await page.getByRole('option').count(), COUNTRY_CODES.length);
      }
      await country.fill(data.country.search);
      await page.getByRole('option', { name: data.country.option }).click();
      await form.getByRole('button', { name: t('booking.submit') }).click();
      // The server's own message (the API speaks English).
      await form.getByText('must be in the future').waitFor();
      assert.equal(await when.getAttribute('aria-invalid'), 'true');
      assert.match(await description(when), /must be in the future/, 'the message is the field’s own');
      await checkAccessibility(page, `the requester's form with an error (${language})`);

      await when.fill(data.at);
      // A double click submits one request: the same Idempotency-Key, and the button is busy.
      await form.getByRole('button', { name: t('booking.submit') }).dblclick();
      await page.getByText(t('booking.submitted')).waitFor();
      const own = page.getByRole('table', { name: t('booking.own') });
      const row = own.getByRole('row', { name: holding(topic('Press screening')) });
      await row.getByText(t('booking.statuses.pending')).waitFor();
      assert.equal(await form.getByLabel(t('booking.topic')).inputValue(), '', 'the form is cleared for the next one');

      const requester = await tokenOf('requester@demo.backlot');
      const filter = encodeURIComponent(`topic='${topic('Press screening')}'`);
      const submitted = (await api(requester, `/bookings?filter=${filter}`)).body.items as {
        startsAt: string;
        durationMinutes: number;
        address: { country: string };
      }[];
      assert.equal(submitted.length, 1, 'one booking for a double click');
      assert.equal(submitted[0]?.startsAt, data.utc, 'the local time is sent in UTC');
      assert.equal(submitted[0]?.durationMinutes, 90);
      assert.equal(submitted[0]?.address.country, 'DE');

      await row.getByRole('button', { name: t('booking.withdraw', { topic: topic('Press screening') }) }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('booking.withdrawConfirm') })
        .click();
      await page.getByText(t('booking.withdrawn')).waitFor();
      await row.waitFor({ state: 'detached' });

      // Two more requests, for management to decide.
      for (const what of ['Cast dinner', 'Studio tour']) {
        const created = await api(requester, '/bookings', {
          topic: topic(what),
          startsAt: '2031-09-01T17:00:00Z',
          durationMinutes: 120,
          attendees: 12,
          address: { street: '1 Quai', city: 'Lyon', postalCode: '69001', country: 'FR' },
        });
        assert.equal(created.status, 201);
      }

      const manager = await signedInPage(harness, 'management', language);
      await manager
        .getByRole('navigation', { name: t('shell.navigation') })
        .getByRole('link', { name: t('nav.bookings') })
        .click();
      // The bookings open on those waiting for a decision.
      await manager.waitForURL(/filter=status(=|%3D)pending/);
      assert.equal(
        await manager.getByRole('button', { name: t('quick.pending') }).getAttribute('aria-pressed'),
        'true',
      );
      const list = manager.getByRole('table', { name: t('nav.bookings') });
      await list.getByRole('row', { name: holding(topic('Cast dinner')) }).waitFor();

      await list.getByRole('button', { name: t('booking.accept', { topic: topic('Cast dinner') }) }).click();
      const accept = manager.getByRole('dialog', { name: t('booking.acceptTitle') });
      await accept
        .getByRole('table', { name: t('booking.details') })
        .getByText('Demo Requester')
        .waitFor();
      await checkAccessibility(manager, `the acceptance dialog (${language})`);
      await screenshot(manager, `booking-accept-${language}`);
      await accept.getByLabel(t('booking.note')).fill('See you there.');
      await accept.getByRole('button', { name: t('booking.acceptConfirm') }).click();
      await manager.getByText(t('booking.accepted')).waitFor();
      await accept.waitFor({ state: 'detached' });

      await list.getByRole('button', { name: t('booking.reject', { topic: topic('Studio tour') }) }).click();
      const reject = manager.getByRole('dialog', { name: t('booking.rejectTitle') });
      await reject.getByLabel(t('booking.reason')).fill('The studio is closed that week.');
      await reject.getByRole('button', { name: t('booking.rejectConfirm') }).click();
      await manager.getByText(t('booking.rejected')).waitFor();
      await list.getByRole('row', { name: holding(topic('Studio tour')) }).waitFor({
        state: 'detached',
      });

      // A decided booking says who decided, when, and the note or the reason.
      await manager.getByRole('button', { name: t('booking.decided') }).click();
      await manager.waitForURL(/filter=status(!=|%21%3D)pending/);
      const accepted = list.getByRole('row', { name: holding(topic('Cast dinner')) });
      await accepted.getByText('See you there.').waitFor();
      await accepted.getByText(t('booking.statuses.accepted')).waitFor();
      await accepted.getByText(/Demo Management/).waitFor();
      const rejected = list.getByRole('row', { name: holding(topic('Studio tour')) });
      await rejected.getByText('The studio is closed that week.').waitFor();
      await checkAccessibility(manager, `management's bookings (${language})`);
      await screenshot(manager, `bookings-decided-${language}`);
      await manager.context().close();

      await page.reload();
      const decided = page.getByRole('table', { name: t('booking.own') });
      const mine = (what: string) => decided.getByRole('row', { name: holding(topic(what)) });
      await mine('Cast dinner').getByText(t('booking.statuses.accepted')).waitFor();
      await mine('Cast dinner').getByText('See you there.').waitFor();
      await mine('Studio tour').getByText(t('booking.statuses.rejected')).waitFor();
      await mine('Studio tour').getByText('The studio is closed that week.').waitFor();
      assert.equal(await mine('Cast dinner').getByRole('button').count(), 0, 'a decided booking is not withdrawn');
      await checkAccessibility(page, `the requester's page (${language})`);
      await screenshot(page, `my-bookings-${language}`);
      await context.close();
    });
  }

  test('the requester’s page and management’s bookings, light and dark, laptop and tablet', async () => {
    const pages: [string, Page][] = [
      ['my-bookings', await signedInPage(harness, 'requester')],
      ['bookings', await signedInPage(harness, 'management')],
    ];
    const [, management] = pages[1]!;
    await management.getByRole('link', { name: 'Bookings' }).click();
    await management.getByRole('table', { name: 'Bookings' }).getByRole('row').nth(1).waitFor();
    for (const [name, page] of pages) {
      for (const [scheme, width] of [
        ['light', 1440],
        ['dark', 1440],
        ['light', 1024],
        ['dark', 1024],
      ] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await page.locator(`html[data-mantine-color-scheme="${scheme}"]`).waitFor({ state: 'attached' });
        await settled(page);
        if (width === 1440) await checkAccessibility(page, `${name} (${scheme})`);
        await screenshot(page, `${name}-${scheme}-${width}`);
      }
      await page.context().close();
    }
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
