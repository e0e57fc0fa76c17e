import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import {
  type ConsoleHarness,
  checkAccessibility,
  navigation,
  screenshot,
  settled,
  signedInPage,
  startConsole,
} from './browser.ts';

/** The web console, part 2: relations, bookings, people, the audit trail, and French. */
describe('the web console: relations, audit, French', () => {
  let harness: ConsoleHarness;
  before(async () => {
    harness = await startConsole();
  });
  after(async () => {
    await harness?.close();
  });

  async function apiAs(email: string) {
    const token = await fetch(`${harness.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: email, password: 'backlot-demo' }),
    }).then((response) => response.json() as Promise<{ access_token: string }>);
    return (path: string) =>
      fetch(`${harness.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token.access_token}` } }).then(
        (response) => response.json() as Promise<{ id: number; items: { id: number; salesContactId: number }[] }>,
      );
  }

  test('sales: my clients, signs a contract of their own, a second signature is refused, creates its event', async () => {
    const get = await apiAs('sales@demo.backlot');
    const me = await get('/auth/me');
    const drafts = await get(`/contracts?filter=${encodeURIComponent(`salesContactId=${me.id} and status=draft`)}`);
    const contract = drafts.items[0];
    assert.ok(contract, 'the demo data has a draft contract of this salesperson');

    const page = await signedInPage(harness, 'sales');
    await page.goto('/clients');
    await page.getByRole('button', { name: 'My clients' }).click();
    await page.waitForURL(/filter=salesContactId(=|%3D)me/);
    await settled(page);
    assert.equal(await page.getByRole('button', { name: 'My clients' }).getAttribute('aria-pressed'), 'true');
    await checkAccessibility(page, 'the client list');
    await screenshot(page, 'clients');

    // The current filter saved under a name follows the user to another browser.
    await page.getByLabel('View name').fill('Mine');
    await page.getByRole('button', { name: 'Save this view' }).click();
    await page.getByRole('button', { name: 'Mine', exact: true }).waitFor();
    const elsewhere = await signedInPage(harness, 'sales');
    await elsewhere.goto('/clients');
    await elsewhere.getByRole('button', { name: 'Mine', exact: true }).click();
    await elsewhere.waitForURL(/filter=salesContactId(=|%3D)me/);
    await elsewhere.context().close();

    await page.goto(`/contracts/${contract.id}`);
    await page.getByRole('button', { name: 'Sign the contract' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign the contract' }).click();
    await page.getByText('The contract is signed.').waitFor();
    await page.getByText('Signed', { exact: true }).first().waitFor();
    await page.getByRole('tabpanel', { name: 'Details' }).getByRole('button', { name: 'Sign the contract' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign the contract' }).click();
    await page.getByText(/already signed/i).waitFor();
    // The confirmation closes with a fade: the page is checked once it has gone.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await checkAccessibility(page, 'a contract page');
    await screenshot(page, 'contract');

    await page.getByLabel('Name').fill('Launch party');
    await page.getByLabel('Starts').fill('2027-03-01T18:00');
    await page.getByLabel('Ends').fill('2027-03-01T23:00');
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.getByRole('heading', { name: 'Launch party' }).waitFor();
    assert.match(page.url(), /\/events\/\d+$/);
    await page.context().close();
  });

  test('management: assigns support from a picker of support staff only; the history and the chain check', async () => {
    const page = await signedInPage(harness, 'management');
    await page.goto('/events');
    await page.getByRole('button', { name: 'Events without support' }).click();
    await page.waitForURL(/filter=/);
    const link = page.getByRole('table', { name: 'Events' }).getByRole('link').first();
    await link.click();
    await page.getByRole('combobox', { name: 'Support contact' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    assert.ok(options.length >= 2, `support staff offered: ${options.join(', ')}`);
    assert.ok(!options.some((name) => /sales|management|admin/i.test(name)), options.join(', '));
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Assign support' }).click();
    await page.getByText('Support is assigned.').waitFor();
    await checkAccessibility(page, 'an event page');
    await screenshot(page, 'event');

    await page.goto('/contracts?filter=status%3Dsigned');
    await page.getByRole('table', { name: 'Contracts' }).getByRole('link').first().click();
    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByRole('table', { name: 'History' })
      .getByText(/contract\.signed|contract\.created/)
      .first()
      .waitFor();

    await page.goto('/audit');
    await page.getByRole('button', { name: 'Verify the trail' }).click();
    await page.getByText(/The chain holds: \d+ entries checked\./).waitFor();
    await checkAccessibility(page, 'the audit trail');
    await screenshot(page, 'audit');
    await page.context().close();
  });

  test('every page in French: no English interface text and no untranslated key', async () => {
    const english = new Set<string>();
    const walk = (a: unknown, b: unknown) => {
      if (typeof a === 'string') {
        if (a !== b && !a.includes('{{')) english.add(a);
        return;
      }
      for (const [key, value] of Object.entries(a as Record<string, unknown>)) {
        walk(value, (b as Record<string, unknown>)[key]);
      }
    };
    walk(en, fr);
    const keyLike = new RegExp(`\\b(${Object.keys(en).join('|')})\\.[a-zA-Z]+`);

    const context = await harness.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('E-mail').fill('admin@demo.backlot');
    await page.getByRole('textbox', { name: 'Mot de passe' }).fill('backlot-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    const check = async (where: string, target: Page) => {
      await settled(target);
      // Text outside data: codes (audit actions such as `contract.signed`) are data, not interface.
      const text = (await target.evaluate(
        "(() => { const copy = document.body.cloneNode(true); copy.querySelectorAll('code').forEach((c) => c.remove()); document.body.append(copy); copy.hidden = false; const t = copy.innerText; copy.remove(); return t; })()",
      )) as string;
      const lines = text.split('\n').map((line) => line.trim());
      const leftovers = lines.filter((line) => english.has(line) || keyLike.test(line));
      assert.deepEqual(leftovers, [], where);
    };
    for (const path of [
      '/',
      '/movies',
      '/movies/1',
      '/actors',
      '/orders',
      '/clients',
      '/contracts',
      '/events',
      '/bookings',
      '/users',
      '/roles',
      '/audit',
      '/account',
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await check(path, page);
    }
    assert.deepEqual(await navigation(page), [
      'Tableau de bord',
      'Films',
      'Acteurs',
      'Inventaire',
      'Commandes',
      'Clients',
      'Contrats',
      'Événements',
      'Réservations',
      'Utilisateurs',
      'Rôles',
      'Journal d’audit',
    ]);
    await screenshot(page, 'account-fr');
    await context.close();
  });

  test('no page broke the Content Security Policy', () => {
    assert.deepEqual(harness.cspViolations, []);
  });
});
