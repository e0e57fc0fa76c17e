import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/db/seed.ts';
import { en, type Messages } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { until } from '../serve.ts';
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

/** The web console's people and access: users, roles, the signed-in user's page, and fields shown read-only with why. */
describe('the web console: people and access', () => {
  let harness: ConsoleHarness;
  before(async () => {
    harness = await startConsole();
  });
  after(async () => {
    await harness?.close();
  });

  /** The API as a demo user, for finding the items a flow works on. */
  async function apiAs(email: string, password = DEMO_PASSWORD) {
    const token = await fetch(`${harness.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).then((response) => response.json() as Promise<{ access_token: string }>);
    return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${harness.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token.access_token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      assert.ok(response.ok, `${method} ${path}: ${response.status}`);
      return response.json() as Promise<T>;
    };
  }

  type Item = { id: number; name: string };
  const firstOf = async (get: Awaited<ReturnType<typeof apiAs>>, path: string, filter: string) => {
    const page = await get<{ items: Item[] }>('GET', `${path}?filter=${encodeURIComponent(filter)}`);
    assert.ok(page.items[0], `the demo data has ${path} where ${filter}`);
    return page.items[0];
  };

  /** The console's messages by language, as objects: a key that does not exist fails to compile. */
  const MESSAGES: Record<Language, Messages> = { en, fr };

  async function newPage(language: Language): Promise<Page> {
    const context = await harness.newContext({ locale: LANGUAGES[language] });
    return context.newPage();
  }

  /** A new browser signed in as `email`, with the console in `language`. */
  async function signedIn(language: Language, email: string, password: string): Promise<Page> {
    const page = await newPage(language);
    await signIn(page, email, password, messages(language));
    return page;
  }

  type Field = ReturnType<Page['getByRole']>;

  /** Waits until the expression holds in the page (waitForFunction would need eval, which the CSP forbids). */
  const holds = (page: Page, expression: string) =>
    until(expression, async () => ((await page.evaluate(expression)) ? true : undefined), 10);

  /** What the field's `aria-describedby` says (what a screen reader reads on focus). */
  async function description(page: Page, field: Field): Promise<string> {
    const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    return texts.join(' ');
  }

  /** A read-only field shows why in a tooltip on hover, and says it to screen readers. */
  async function reasonOnHover(page: Page, field: Field, reason: string) {
    assert.equal(await field.isEditable(), false, `${reason}: the field is read-only`);
    assert.equal(await description(page, field), reason);
    await field.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.filter({ hasText: reason }).waitFor();
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
  }

  /** The same reason reached from the keyboard: Tab from the field before onto `field`. */
  async function reasonOnFocus(page: Page, from: Field, field: Field, reason: string) {
    await from.focus();
    await page.keyboard.press('Tab');
    // The tooltip of the field left (both may give the same reason) closes as this one opens: wait until the only one
    // left is beside `field` (placed to its right, centred on it).
    const box = await field.boundingBox();
    assert.ok(box, 'the field is on the page');
    await holds(
      page,
      `(() => { const t = document.querySelectorAll('[role=tooltip]'); if (t.length !== 1) return false; const r = t[0].getBoundingClientRect(); const middle = r.top + r.height / 2; return r.left > ${box.x + box.width - 4} && middle > ${box.y} && middle < ${box.y + box.height}; })()`,
    );
    const focused = await page.evaluate("document.activeElement?.getAttribute('aria-describedby')");
    assert.equal(focused, await field.getAttribute('aria-describedby'), 'Tab reaches it');
    await page.getByRole('tooltip').filter({ hasText: reason }).waitFor();
    await field.blur();
  }

  // The interface strings that French changes: none of them may be left on a French page.
  const english = new Set<string>();
  const collect = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      if (a !== b && !a.includes('{{')) english.add(a);
    } else {
      for (const [key, value] of Object.entries(a as object)) collect(value, (b as Record<string, unknown>)[key]);
    }
  };
  collect(en, fr);

  /** axe on the page; in French, also no line of English interface text (codes, in `<code>`, are data). */
  async function check(page: Page, m: Messages, where: string) {
    await checkAccessibility(page, where);
    if (m !== fr) return;
    const text = (await page.evaluate(
      "(() => { const copy = document.body.cloneNode(true); copy.querySelectorAll('code').forEach((c) => c.remove()); document.body.append(copy); const t = copy.innerText; copy.remove(); return t; })()",
    )) as string;
    const leftovers = text.split('\n').filter((line) => english.has(line.trim()));
    assert.deepEqual(leftovers, [], `English left on ${where}`);
  }

  /** Waits for the opening transition of the dialogs or tooltip to end (axe or a screenshot would see them faded). */
  async function shown(page: Page, role: 'dialog' | 'tooltip' = 'dialog') {
    await holds(
      page,
      `[...document.querySelectorAll('[role=${role}]')].every((e) => getComputedStyle(e).opacity === '1')`,
    );
  }

  /** A screenshot with the reason of `field` shown, as hovering it shows it. */
  async function withReason(page: Page, field: Field, name: string) {
    await field.hover();
    await holds(page, "document.querySelectorAll('[role=tooltip]').length === 1");
    await shown(page, 'tooltip');
    await screenshot(page, name);
    await page.mouse.move(0, 0);
  }

  /** Creates a user in the console, and reads the one-time password from its dialog. */
  async function createUser(page: Page, m: Messages, user: { email: string; fullName: string }): Promise<string> {
    await page.getByRole('textbox', { name: m.user.email, exact: true }).fill(user.email);
    await page.getByRole('textbox', { name: m.user.fullName, exact: true }).fill(user.fullName);
    await page.getByRole('button', { name: m.user.create }).click();
    return oneTimePassword(page, m, user);
  }

  /** Reads a one-time password from its dialog, copies it, and closes the dialog: it is then nowhere to be found. */
  async function oneTimePassword(page: Page, m: Messages, user: { email: string; fullName: string }) {
    const dialog = page.getByRole('dialog', { name: m.user.otpTitle });
    await dialog.waitFor();
    const statement = m.user.otpText.replaceAll('{{name}}', user.fullName).replace('{{email}}', user.email);
    await dialog.getByText(statement).waitFor();
    const password = (await dialog.locator('pre').innerText()).trim();
    assert.ok(password.length >= 12, 'a one-time password is shown');
    await shown(page);
    await check(page, m, 'the one-time password dialog');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByRole('button', { name: m.user.copy }).click();
    await dialog.getByRole('button', { name: m.user.copied, exact: true }).waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), password);

    await dialog.getByRole('button', { name: m.user.otpDone }).click();
    await page.getByRole('heading', { name: user.fullName, level: 1 }).waitFor();
    // Shown once: not in the page, the URL or the browser's storage once the dialog is closed, nor after a reload.
    const traces = async () =>
      page.url() +
      (await page.content()) +
      (await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })'));
    assert.ok(!(await traces()).includes(password), 'the one-time password is gone');
    await page.reload();
    await page.getByRole('heading', { name: user.fullName, level: 1 }).waitFor();
    assert.ok(!(await traces()).includes(password), 'the one-time password is not shown again');
    return password;
  }

  /** A new user's first sign-in: the one-time password must be changed, then the console opens. */
  async function firstSignIn(language: Language, email: string, oneTime: string): Promise<Page> {
    const m = MESSAGES[language];
    const page = await newPage(language);
    await page.goto('/');
    await page.getByLabel(m.signIn.email).fill(email);
    await page.getByRole('textbox', { name: m.signIn.password }).fill(oneTime);
    await page.getByRole('button', { name: m.signIn.submit }).click();
    await page.getByRole('heading', { name: m.password.title }).waitFor();
    await page.getByLabel(m.password.current).fill(oneTime);
    await page.getByLabel(m.password.new).fill('a brand new passphrase');
    await page.getByRole('button', { name: m.password.submit }).click();
    await page.getByRole('navigation', { name: m.shell.navigation }).waitFor();
    await settled(page);
    return page;
  }

  for (const lang of Object.keys(LANGUAGES) as Language[]) {
    const m = MESSAGES[lang];
    describe(`in ${lang === 'en' ? 'English' : 'French'}`, () => {
      test("sales: another salesperson's client is read-only with the reason; on their own only the salesperson is", async () => {
        const get = await apiAs('sales@demo.backlot');
        const me = await get<{ id: number }>('GET', '/auth/me');
        const others = await firstOf(get, '/clients', `salesContactId!=${me.id}`);
        const own = await firstOf(get, '/clients', `salesContactId=${me.id}`);

        const page = await signedInPage(harness, 'sales', lang);
        await page.goto(`/clients/${others.id}`);
        const name = page.getByRole('textbox', { name: m.client.fullName, exact: true });
        await name.waitFor();
        await page.getByText(m.reason.client.notYours).first().waitFor();
        await reasonOnHover(page, name, m.reason.client.notYours);
        const email = page.getByRole('textbox', { name: m.client.email, exact: true });
        await reasonOnFocus(page, name, email, m.reason.client.notYours);
        assert.equal(await email.isEditable(), false);
        if (lang === 'en') await withReason(page, name, 'client-not-yours');
        assert.equal(await page.getByRole('button', { name: m.common.save }).count(), 0);
        await check(page, m, "another salesperson's client");

        await page.goto(`/clients/${own.id}`);
        const phone = page.getByRole('textbox', { name: m.client.phone, exact: true });
        await phone.waitFor();
        assert.equal(await name.isEditable(), true, 'a salesperson edits their own client');
        const salesContact = page.getByRole('textbox', { name: m.client.salesContact, exact: true });
        await reasonOnHover(page, salesContact, m.reason.client.salesContact);
        const company = page.getByRole('textbox', { name: m.client.companyName, exact: true });
        await reasonOnFocus(page, company, salesContact, m.reason.client.salesContact);
        if (lang === 'en') await withReason(page, salesContact, 'client-sales');
        await phone.fill(`+44 20 7946 00${lang === 'en' ? '21' : '33'}`);
        await page.getByRole('button', { name: m.common.save }).click();
        await page.getByText(m.common.saved).waitFor();
        await check(page, m, 'their own client');
        await page.context().close();
      });

      test('support: edits their own event, where contract and support are read-only with the reason; not another’s', async () => {
        const get = await apiAs('support@demo.backlot');
        const me = await get<{ id: number }>('GET', '/auth/me');
        const own = await firstOf(get, '/events', `supportContactId=${me.id}`);
        const others = await firstOf(get, '/events', `supportContactId!=${me.id}`);

        const page = await signedInPage(harness, 'support', lang);
        await page.goto(`/events/${own.id}`);
        const location = page.getByRole('textbox', { name: m.event.location, exact: true });
        await location.waitFor();
        const contract = page.getByRole('textbox', { name: m.event.contract, exact: true });
        const support = page.getByRole('textbox', { name: m.event.support, exact: true });
        await reasonOnHover(page, contract, m.reason.event.contract);
        await reasonOnHover(page, support, m.reason.event.support);
        await reasonOnFocus(page, contract, support, m.reason.event.support);
        if (lang === 'en') await withReason(page, contract, 'event-support');
        await location.fill(`Main hall (${lang})`);
        await page.getByRole('button', { name: m.common.save }).click();
        await page.getByText(m.common.saved).waitFor();
        const saved = await get<{ location: string }>('GET', `/events/${own.id}`);
        assert.equal(saved.location, `Main hall (${lang})`);
        await check(page, m, 'their own event');

        await page.goto(`/events/${others.id}`);
        const name = page.getByRole('textbox', { name: m.event.name, exact: true });
        await name.waitFor();
        await reasonOnHover(page, name, m.reason.event.notYours);
        assert.equal(await location.isEditable(), false);
        assert.equal(await page.getByRole('button', { name: m.common.save }).count(), 0);
        await check(page, m, 'another’s event');
        await page.context().close();
      });

      test('management: creates a user with a role it may grant, who must change the one-time password; resets it; deactivates them', async () => {
        const page = await signedInPage(harness, 'management', lang);
        await page.goto('/users');
        await page.getByRole('main').getByRole('link', { name: m.user.new }).click();
        const roles = page.getByRole('combobox', { name: m.user.roles });
        await roles.waitFor();
        await page.getByText(m.user.rolesTyped).waitFor();
        await check(page, m, 'the new user form');
        // Granting sales needs permissions management does not hold: the server says so, plainly.
        const user = { email: `new.hire.${lang}@example.com`, fullName: `New Hire ${lang.toUpperCase()}` };
        await page.getByRole('textbox', { name: m.user.email, exact: true }).fill(user.email);
        await page.getByRole('textbox', { name: m.user.fullName, exact: true }).fill(user.fullName);
        await roles.fill('sales');
        await roles.press('Enter');
        await page.getByRole('button', { name: m.user.create }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: /Granting the role sales needs every permission/ })
          .waitFor();
        await roles.press('Backspace');
        await roles.fill('support');
        await roles.press('Enter');
        const password = await createUser(page, m, user);
        await check(page, m, 'a user page');

        const newcomer = await firstSignIn(lang, user.email, password);
        assert.deepEqual(await navigation(newcomer), [
          m.nav.dashboard,
          m.nav.clients,
          m.nav.contracts,
          m.nav.events,
          m.nav.users,
        ]);

        // A reset ends the user's sessions and gives a new one-time password, shown once.
        await page.getByRole('button', { name: m.user.resetPassword }).click();
        const reset = page.getByRole('dialog', { name: m.user.resetTitle.replace('{{name}}', user.fullName) });
        await reset.getByText(m.user.resetText.replaceAll('{{name}}', user.fullName)).waitFor();
        await reset.getByRole('button', { name: m.user.resetPassword }).click();
        const again = await oneTimePassword(page, m, user);
        assert.notEqual(again, password);
        await newcomer.reload();
        await newcomer.getByRole('button', { name: m.signIn.submit }).waitFor();
        await newcomer.context().close();
        const returning = await firstSignIn(lang, user.email, again);

        await page.getByRole('button', { name: m.user.deactivate }).click();
        const confirm = page.getByRole('dialog', { name: m.user.deactivateTitle.replace('{{name}}', user.fullName) });
        await confirm.getByText(m.user.deactivateText.replaceAll('{{name}}', user.fullName)).waitFor();
        await shown(page);
        await check(page, m, 'the deactivation confirmation');
        await confirm.getByRole('button', { name: m.user.deactivate }).click();
        await page.getByText(m.user.deactivated.replace('{{name}}', user.fullName)).waitFor();
        await page.getByText(m.user.inactive, { exact: true }).waitFor();
        // The deactivated user's open session is refused at its next request: back to the sign-in page.
        await returning
          .getByRole('navigation', { name: m.shell.navigation })
          .getByRole('link', { name: m.nav.clients })
          .click();
        await returning.getByRole('button', { name: m.signIn.submit }).waitFor();
        await returning.context().close();
        await page.context().close();
      });

      test('admin: creates a custom role from the checkboxes and grants it; its holder sees exactly its pages', async () => {
        const admin = await apiAs('admin@demo.backlot');
        const page = await signedInPage(harness, 'admin', lang);
        await page.goto('/roles');
        await page.getByRole('main').getByRole('link', { name: m.role.new }).click();
        const role = `event_auditor_${lang}`;
        await page.getByRole('textbox', { name: m.role.name, exact: true }).fill(role);
        await page
          .getByRole('textbox', { name: m.role.description, exact: true })
          .fill('Follows the events and the trail.');
        const group = (resource: 'events' | 'audit' | 'clients') => page.getByRole('group', { name: m.nav[resource] });
        await group('events').getByText(m.permission.own.patch_events).waitFor();
        await group('clients').getByText(m.permission.own.patch_clients).waitFor();
        await check(page, m, 'the role editor');
        await group('events')
          .getByRole('checkbox', { name: /get:events/ })
          .check();
        await group('audit')
          .getByRole('checkbox', { name: /get:audit/ })
          .check();
        await page.getByRole('button', { name: m.common.create }).click();
        await page.getByRole('heading', { name: role, level: 1 }).waitFor();
        assert.equal(
          await group('events')
            .getByRole('checkbox', { name: /get:events/ })
            .isChecked(),
          true,
        );
        assert.equal(
          await group('events')
            .getByRole('checkbox', { name: /patch:events:own/ })
            .isChecked(),
          false,
        );

        // Someone else changes the role meanwhile: the save is refused (412), their version shown, and taken.
        const id = Number(/\/roles\/(\d+)$/.exec(page.url())?.[1]);
        await admin('PATCH', `/roles/${id}`, { description: 'Changed elsewhere.' });
        const description = page.getByRole('textbox', { name: m.role.description, exact: true });
        await description.fill('Changed here.');
        await page.getByRole('button', { name: m.common.save }).click();
        const notice = page.getByRole('alert').filter({ hasText: m.conflict.title });
        await notice.getByText('Changed elsewhere.').waitFor();
        await check(page, m, 'the 412 notice of a role');
        await notice.getByRole('button', { name: m.conflict.reload }).click();
        assert.equal(await description.inputValue(), 'Changed elsewhere.');

        await page.goto('/users/new');
        const user = { email: `auditor.${lang}@example.com`, fullName: `Event Auditor ${lang.toUpperCase()}` };
        const roles = page.getByRole('combobox', { name: m.user.roles });
        await roles.fill(role);
        await page.getByRole('option', { name: role }).click();
        const password = await createUser(page, m, user);

        const holder = await firstSignIn(lang, user.email, password);
        assert.deepEqual(await navigation(holder), [m.nav.dashboard, m.nav.events, m.nav.audit]);
        await holder.context().close();

        // A built-in role is shown read-only.
        await page.goto('/roles?filter=name%3Dsupport');
        await page.getByRole('main').getByRole('link', { name: 'support', exact: true }).click();
        await page.getByText(m.role.builtInNotice).first().waitFor();
        assert.equal(
          await group('events')
            .getByRole('checkbox', { name: /patch:events:own/ })
            .isChecked(),
          true,
        );
        assert.equal(
          await group('events')
            .getByRole('checkbox', { name: /patch:events:own/ })
            .isDisabled(),
          true,
        );
        assert.equal(await page.getByRole('button', { name: m.common.save }).count(), 0);
        assert.equal(await page.getByRole('button', { name: m.common.delete }).count(), 0);
        await page.context().close();
      });

      test('account: signing out everywhere ends the session of another browser too', async () => {
        const admin = await apiAs('admin@demo.backlot');
        const email = `traveller.${lang}@example.com`;
        await admin('POST', '/users', {
          email,
          fullName: 'Traveller',
          roles: ['casting_assistant'],
          password: 'a long enough passphrase',
        });
        const elsewhere = await signedIn(lang, email, 'a long enough passphrase');
        const page = await signedIn(lang, email, 'a long enough passphrase');
        await page.goto('/account');
        await page.getByText(m.account.everywhereText).waitFor();
        await check(page, m, 'the account page');
        await page.getByRole('main').getByRole('button', { name: m.account.everywhere }).click();
        const confirm = page.getByRole('dialog', { name: m.account.everywhereTitle });
        await confirm.getByText(m.account.everywhereConfirm).waitFor();
        await confirm.getByRole('button', { name: m.account.everywhere }).click();
        await page.getByRole('button', { name: m.signIn.submit }).waitFor();
        // The other browser's next request is refused, and so is its refresh: it is back on the sign-in page.
        await elsewhere
          .getByRole('navigation', { name: m.shell.navigation })
          .getByRole('link', { name: m.nav.movies })
          .click();
        await elsewhere.getByRole('button', { name: m.signIn.submit }).waitFor();
        await elsewhere.context().close();
        await page.context().close();
      });
    });
  }

  test('the new pages at 1024 and 1440 px, light and dark', async () => {
    const get = await apiAs('admin@demo.backlot');
    const user = await firstOf(get, '/users', "email='management@demo.backlot'");
    const page = await signedInPage(harness, 'admin');
    const pages = [
      ['users', '/users', en.nav.users],
      ['user', `/users/${user.id}`, 'Demo Management'],
      ['role-editor', '/roles/new', en.role.new],
      ['account', '/account', en.nav.account],
    ] as const;
    for (const [name, path, heading] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      for (const [scheme, width] of [
        ['light', 1440],
        ['dark', 1440],
        ['light', 1024],
        ['dark', 1024],
      ] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await settled(page);
        if (width === 1440) await checkAccessibility(page, `${name} (${scheme})`);
        await screenshot(page, `${name}-${scheme}-${width}`);
      }
    }
    await page.context().close();
  });

  test('no page broke the Content Security Policy', () => {
    assert.deepEqual(harness.cspViolations, []);
  });
});
