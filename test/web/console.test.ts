import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
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

/** A pattern that matches `text` literally. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The web console in a real browser against a real Backlot: part 1 (shell, sign-in, dashboard, casting, store). */
describe('the web console', () => {
  let harness: ConsoleHarness;
  before(async () => {
    harness = await startConsole();
  });
  after(async () => {
    await harness?.close();
  });

  const main = (page: Page) => page.getByRole('main');

  test('each built-in role sees exactly the navigation its permissions allow, in English and in French', async () => {
    const casting = ['nav.dashboard', 'nav.movies', 'nav.actors'];
    const relations = ['nav.dashboard', 'nav.clients', 'nav.contracts', 'nav.events', 'nav.users'];
    const expected: Record<string, string[]> = {
      casting_assistant: casting,
      casting_director: casting,
      executive_producer: casting,
      store_clerk: [...casting, 'nav.inventory', 'nav.orders', 'nav.clients'],
      sales: relations,
      support: relations,
      management: [
        'nav.dashboard',
        'nav.clients',
        'nav.contracts',
        'nav.events',
        'nav.bookings',
        'nav.users',
        'nav.audit',
      ],
      requester: ['booking.mine'],
      admin: [
        ...casting,
        'nav.inventory',
        'nav.orders',
        'nav.clients',
        'nav.contracts',
        'nav.events',
        'nav.bookings',
        'nav.users',
        'nav.roles',
        'nav.audit',
      ],
    };
    const [en, fr] = [messages('en'), messages('fr')];
    for (const [role, links] of Object.entries(expected)) {
      const page = await signedInPage(harness, role);
      await settled(page);
      assert.deepEqual(
        await navigation(page),
        links.map((key) => en(key)),
        role,
      );
      // The same user switches the console to French in the account menu.
      await page.getByRole('button', { name: /^Account menu of / }).click();
      await page.getByRole('menuitem', { name: 'Français' }).click();
      await page.getByRole('navigation', { name: fr('shell.navigation') }).waitFor();
      assert.deepEqual(
        await navigation(page),
        links.map((key) => fr(key)),
        `${role} in French`,
      );
      await page.context().close();
    }
  });

  test('the actions offered follow the permissions; the server still refuses the rest with a plain message', async () => {
    const assistant = await signedInPage(harness, 'casting_assistant');
    await assistant.goto('/movies');
    await main(assistant).getByRole('link', { name: 'Static' }).waitFor();
    assert.equal(await main(assistant).getByRole('link', { name: 'New movie' }).count(), 0);
    await main(assistant).getByRole('link', { name: 'Static' }).click();
    await assistant.getByLabel('Title').waitFor();
    assert.equal(await assistant.getByLabel('Title').isEditable(), false);
    assert.equal(await assistant.getByRole('button', { name: 'Save' }).count(), 0);
    assert.equal(await assistant.getByRole('button', { name: 'Delete' }).count(), 0);
    await assistant.goto('/orders');
    await assistant.getByRole('alert').filter({ hasText: 'You are not allowed to do this.' }).waitFor();
    await assistant.context().close();

    const clerk = await signedInPage(harness, 'store_clerk');
    await clerk.goto('/movies');
    await main(clerk).getByRole('link', { name: 'Static' }).click();
    await clerk.getByLabel('Stock').waitFor();
    assert.equal(await clerk.getByLabel('Title').isEditable(), false, 'a clerk does not edit titles');
    assert.equal(await clerk.getByLabel('Stock').isEditable(), true, 'a clerk sets stock');
    assert.equal(await clerk.getByLabel('Price').isEditable(), true, 'a clerk sets prices');
    await clerk.context().close();

    const producer = await signedInPage(harness, 'executive_producer');
    await producer.goto('/movies');
    await main(producer).getByRole('link', { name: 'New movie' }).waitFor();
    await main(producer).getByRole('link', { name: 'Static' }).click();
    await producer.getByRole('button', { name: 'Delete' }).waitFor();
    await producer.context().close();
  });

  // The flows of part 1 pass with the console in English and in French; each language works on data of its own.
  const flows = {
    en: {
      casting: {
        movie: 'Paper Moons',
        actor: { search: 'Sofia', name: 'Sofia Rossi' },
        character: 'the night editor',
        billing: '4',
      },
      premiere: 'Console Premiere',
      shortLine: { search: 'Northern', title: 'Northern Line' },
      edited: { search: 'Glass', title: 'Glass Houses', restored: 'Glass Houses (restored)', other: 'Glass Houses II' },
    },
    fr: {
      casting: {
        movie: 'Low Tide',
        actor: { search: 'Noor', name: 'Noor Haddad' },
        character: 'la gardienne du phare',
        billing: '5',
      },
      premiere: 'Première de la console',
      shortLine: { search: 'Understudy', title: 'The Understudy' },
      edited: {
        search: 'Harbour',
        title: 'Harbour Lights',
        restored: 'Harbour Lights (restaurée)',
        other: 'Harbour Lights II',
      },
    },
  } satisfies Record<Language, unknown>;

  for (const language of Object.keys(LANGUAGES) as Language[]) {
    const t = messages(language);
    const data = flows[language];
    const suffix = language === 'en' ? '' : '-fr';

    test(`${language}: the director casts an actor and sees it on the movie and on the actor`, async () => {
      const { movie, actor, character, billing } = data.casting;
      const page = await signedInPage(harness, 'casting_director', language);
      await page.goto('/movies');
      await main(page).getByRole('link', { name: movie }).click();
      await page.getByRole('tab', { name: t('movie.cast') }).click();
      await page.getByRole('combobox', { name: t('movie.actor') }).fill(actor.search);
      await page.getByRole('option', { name: actor.name }).click();
      await page.getByLabel(t('movie.character')).fill(character);
      await page.getByLabel(t('movie.billing')).fill(billing);
      await page.getByRole('button', { name: t('movie.castSubmit'), exact: true }).click();
      const row = page.getByRole('table', { name: t('movie.cast') }).getByRole('row', { name: new RegExp(actor.name) });
      await row.getByText(character).waitFor();
      await checkAccessibility(page, `a movie page (${language})`);
      await screenshot(page, `movie${suffix}`);
      await row.getByRole('link', { name: actor.name }).click();
      await page.getByRole('tab', { name: t('actor.filmography') }).click();
      const role = page
        .getByRole('table', { name: t('actor.filmography') })
        .getByRole('row', { name: new RegExp(movie) });
      await role.getByText(character).waitFor();
      await checkAccessibility(page, `an actor page (${language})`);
      await screenshot(page, `actor${suffix}`);
      await page.context().close();
    });

    test(`${language}: the producer creates a movie, sees the validation error beside its field, fixes it`, async () => {
      const page = await signedInPage(harness, 'executive_producer', language);
      await page.goto('/movies/new');
      await page.getByLabel(t('movie.title')).fill(data.premiere);
      await page.getByLabel(t('movie.releaseDate')).fill('2024-13-45');
      await page.getByLabel(t('movie.genres')).fill('drama, documentary');
      await page.getByRole('button', { name: t('common.create') }).click();
      const date = page.getByLabel(t('movie.releaseDate'));
      // The server's own message (the API speaks English).
      await page.getByText('must match format "date"').waitFor();
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, `the movie form with an error (${language})`);
      await date.fill('2024-12-24');
      await page.getByRole('button', { name: t('common.create') }).click();
      await page.getByRole('heading', { name: data.premiere }).waitFor();
      assert.match(page.url(), /\/movies\/\d+$/);
      assert.equal(await page.getByLabel(t('movie.genres')).inputValue(), 'drama, documentary');
      await page.context().close();
    });

    test(`${language}: the clerk places an order: refused on the short line, a smaller one goes through, then fulfils it`, async () => {
      const page = await signedInPage(harness, 'store_clerk', language);
      const short = data.shortLine;
      await page.goto('/orders');
      await main(page)
        .getByRole('link', { name: t('order.new') })
        .click();
      await page.getByRole('combobox', { name: t('order.client') }).fill('Ada');
      await page.getByRole('option', { name: /Ada Whitfield/ }).click();
      await page.getByRole('combobox', { name: t('order.movieN', { n: 1 }) }).fill('Static');
      await page.getByRole('option', { name: /^Static/ }).click();
      await page.getByRole('button', { name: t('order.addLine') }).click();
      await page.getByRole('combobox', { name: t('order.movieN', { n: 2 }) }).fill(short.search);
      await page.getByRole('option', { name: new RegExp(`^${short.title}`) }).click();
      await page.getByLabel(t('order.quantityN', { n: 2 })).fill('50');
      await page.getByRole('button', { name: t('order.place') }).click();
      const line2 = page.getByRole('combobox', { name: t('order.movieN', { n: 2 }) });
      // The server's own message (the API speaks English).
      await page.getByText(/in stock, 50 wanted/).waitFor();
      assert.equal(await line2.getAttribute('aria-invalid'), 'true');
      assert.equal(
        await page.getByRole('combobox', { name: t('order.movieN', { n: 1 }) }).getAttribute('aria-invalid'),
        null,
      );
      await checkAccessibility(page, `the order form with a short line (${language})`);
      await screenshot(page, `order-new${suffix}`);
      await page.getByLabel(t('order.quantityN', { n: 2 })).fill('1');
      // A double click places one order: the same Idempotency-Key, and the button is busy.
      await page.getByRole('button', { name: t('order.place') }).dblclick();
      const title = new RegExp(`^${literally(t('order.title', { id: 'ID' })).replace('ID', '\\d+')}$`);
      await page.getByRole('heading', { name: title }).waitFor();
      const id = Number(/\/orders\/(\d+)$/.exec(page.url())?.[1]);
      await page.getByRole('button', { name: t('order.fulfil') }).click();
      await page.getByText(t('order.statuses.fulfilled'), { exact: true }).first().waitFor();
      await checkAccessibility(page, `an order page (${language})`);
      await screenshot(page, `order${suffix}`);
      await page.goto('/orders?sort=-createdAt');
      await main(page)
        .getByRole('link', { name: `#${id}` })
        .waitFor();
      assert.equal(
        await main(page)
          .getByRole('link', { name: `#${id + 1}` })
          .count(),
        0,
        'one order was placed',
      );
      await page.context().close();
    });

    test(`${language}: two people edit the same movie: the second is told, and shown the new values`, async () => {
      const { search, title, restored, other } = data.edited;
      const first = await signedInPage(harness, 'casting_director', language);
      const second = await signedInPage(harness, 'casting_director', language);
      for (const page of [first, second]) {
        await page.goto(`/movies?q=${search}`);
        await main(page).getByRole('link', { name: title }).click();
        await page.getByLabel(t('movie.title')).waitFor();
      }
      await first.getByLabel(t('movie.title')).fill(restored);
      await first.getByRole('button', { name: t('common.save') }).click();
      await first.getByText(t('common.saved')).waitFor();
      await second.getByLabel(t('movie.title')).fill(other);
      await second.getByRole('button', { name: t('common.save') }).click();
      const notice = second.getByRole('alert').filter({ hasText: t('conflict.title') });
      await notice.getByText(restored).waitFor();
      await checkAccessibility(second, `the 412 notice (${language})`);
      await notice.getByRole('button', { name: t('conflict.reload') }).click();
      assert.equal(await second.getByLabel(t('movie.title')).inputValue(), restored);
      await first.context().close();
      await second.context().close();
    });
  }

  test('lists: sort, search, filter builder, a 400 at its column, paging, state in the URL, CSV of every page', async () => {
    const page = await signedInPage(harness, 'admin');
    await page.goto('/movies');
    const table = page.getByRole('table', { name: 'Movies' });
    await table.getByRole('link', { name: 'A Quiet Riot' }).waitFor();
    await table.getByRole('button', { name: 'Stock' }).click();
    await page.waitForURL(/sort=stock/);
    await table.getByRole('button', { name: /Stock/ }).click();
    await page.waitForURL(/sort=-stock/);
    assert.equal(await table.getByRole('columnheader', { name: /Stock/ }).getAttribute('aria-sort'), 'descending');

    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByRole('combobox', { name: 'Field of condition 1' }).click();
    await page.getByRole('option', { name: 'Genres' }).click();
    await page.getByRole('combobox', { name: 'Operator of condition 1' }).click();
    await page.getByRole('option', { name: 'contains' }).click();
    await page.getByLabel('Value of condition 1').fill('drama');
    assert.equal(await page.getByLabel('Filter (language)').inputValue(), 'genres~drama');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForURL(/filter=genres(~|%7E)drama/);
    await table.getByRole('link', { name: 'Static' }).waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'Glass Houses' }).first().waitFor();
    await checkAccessibility(page, 'the movie list');
    await screenshot(page, 'movies');

    // The URL alone restores the view.
    const copy = await page.context().newPage();
    await copy.goto(page.url());
    await copy.getByRole('table', { name: 'Movies' }).getByRole('link', { name: 'Glass Houses' }).first().waitFor();
    assert.equal(await copy.getByLabel('Filter (language)').inputValue(), 'genres~drama');
    await copy.close();

    await page.getByLabel('Filter (language)').fill('titel=x');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText("at 1: unknown field 'titel'").first().waitFor();
    assert.equal(await page.getByLabel('Filter (language)').getAttribute('aria-invalid'), 'true');

    await page.goto('/actors?filter=');
    await page.getByLabel('Search').fill('Sofia');
    await page.waitForURL(/q=Sofia/);
    await page.getByRole('table', { name: 'Actors' }).getByRole('link', { name: 'Sofia Rossi' }).waitFor();
    // The earlier page stays on screen until the search's answer replaces it.
    await page.getByText('1 row on this page').waitFor();
    assert.equal(await page.getByRole('table', { name: 'Actors' }).getByRole('row').count(), 2);

    // Keyset paging over the orders, one page of 50 at a time, and a CSV of all of them.
    await page.goto('/movies');
    await table.getByRole('link', { name: 'A Quiet Riot' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\r\n');
    assert.equal(lines[0], 'Title,Release date,Genres,Price,Stock');
    assert.ok(lines.length >= 13, `every movie is exported (${lines.length - 1})`);
    await page.context().close();
  });

  test('keyset paging follows nextCursor and keeps it in the URL', async () => {
    const token = await fetch(`${harness.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin@demo.backlot', password: 'backlot-demo' }),
    }).then((response) => response.json() as Promise<{ access_token: string }>);
    for (let i = 0; i < 45; i++) {
      const response = await fetch(`${harness.url}/api/v1/actors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify({ name: `Zed Extra ${String(i).padStart(2, '0')}` }),
      });
      assert.equal(response.status, 201);
    }
    const page = await signedInPage(harness, 'admin');
    await page.goto('/actors');
    const table = page.getByRole('table', { name: 'Actors' });
    await table.getByRole('link', { name: 'Amara Okafor' }).waitFor();
    await page.getByText('50 rows on this page').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByText('5 rows on this page').waitFor();
    await table.getByRole('link', { name: 'Zed Extra 44' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Next page' }).count(), 0);
    await page.reload();
    await table.getByRole('link', { name: 'Zed Extra 44' }).waitFor();
    await page.getByRole('button', { name: 'First page' }).click();
    await table.getByRole('link', { name: 'Amara Okafor' }).waitFor();
    await page.context().close();
  });

  test('the command palette (Ctrl+K) jumps to a page or finds a movie', async () => {
    const page = await signedInPage(harness, 'admin');
    await page.keyboard.press('Control+k');
    const search = page.getByRole('textbox', { name: 'Go to a page, or find a movie, actor or client…' });
    await search.fill('Low Ti');
    await page.getByRole('button', { name: /Low Tide/ }).click();
    await page.getByRole('heading', { name: 'Low Tide' }).waitFor();
    // The palette closes with a fade: it is opened again once it has gone.
    await search.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+k');
    await search.fill('Orders');
    await page.getByRole('button', { name: 'Orders' }).waitFor();
    // The first match is selected as the query changes: Enter opens it.
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/orders(\?|$)/);
    await page.context().close();
  });

  test('the dashboard: figures and charts, light and dark, laptop and tablet', async () => {
    const context = await harness.newContext();
    const page = await context.newPage();
    await signIn(page, 'admin@demo.backlot');
    for (const [scheme, width] of [
      ['light', 1440],
      ['dark', 1440],
      ['light', 1024],
      ['dark', 1024],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      // The charts come after the figures, in places kept for them.
      await page.getByRole('region', { name: 'Revenue by month' }).getByRole('application').waitFor();
      // The theme follows the system's as soon as Mantine has seen the media change.
      await page.locator(`html[data-mantine-color-scheme="${scheme}"]`).waitFor({ state: 'attached' });
      await settled(page);
      await page.mouse.move(0, 0);
      // axe once per theme (the slowest step of the file); a screenshot of each.
      if (width === 1440) await checkAccessibility(page, `the dashboard (${scheme})`);
      await screenshot(page, `dashboard-${scheme}-${width}`);
    }
    await context.close();
  });

  test('the session survives a reload, is shared by tabs, and sign-out ends it on the server', async () => {
    const context = await harness.newContext();
    const page = await context.newPage();
    await signIn(page, 'casting_assistant@demo.backlot');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 0);

    // The refresh token is in an HttpOnly cookie: no script of the page reads it.
    const cookies = await context.cookies();
    const refresh = cookies.find((cookie) => cookie.name === 'backlot_refresh');
    assert.ok(refresh);
    assert.equal(refresh.httpOnly, true);
    assert.equal(refresh.sameSite, 'Strict');
    assert.equal(await page.evaluate('document.cookie'), '');

    // A second tab joins the session, and both keep working.
    const tab = await context.newPage();
    await tab.goto('/actors');
    await tab.getByRole('table', { name: 'Actors' }).getByRole('link', { name: 'Sofia Rossi' }).waitFor();
    await page.goto('/movies');
    await page.getByRole('table', { name: 'Movies' }).getByRole('link', { name: 'Static' }).waitFor();

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await tab.getByRole('button', { name: 'Sign in' }).waitFor();
    await checkAccessibility(page, 'the sign-in page');
    await screenshot(page, 'sign-in');

    // The old refresh token is refused by the server.
    const refused = await fetch(`${harness.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-refresh-cookie': '1',
        cookie: `backlot_refresh=${refresh.value}`,
      },
      body: JSON.stringify({ grant_type: 'refresh_token' }),
    });
    assert.equal(refused.status, 400);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  test('a wrong password is told plainly', async () => {
    const context = await harness.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill('store_clerk@demo.backlot');
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await context.close();
  });

  test('no page broke the Content Security Policy', () => {
    assert.deepEqual(harness.cspViolations, []);
  });
});
