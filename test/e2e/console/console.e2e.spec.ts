import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app';
import {
  BROWSER_TIME_ZONE,
  checkPage,
  launchChromium,
  newConsoleContext,
  pickerValue,
  SCREENSHOT_DIR,
  seriousA11yViolations,
  type ConsoleBrowser,
} from './browser';
import { adminCall, eventually, scimCall, tenantWithScim, userBody } from './console-api';
import { consolePrerequisites } from './prerequisites';

jest.setTimeout(180_000);

const suffix = randomBytes(3).toString('hex');
/** The follower runtime (branch `followers`) brings the parked-events API; without it that view has nothing to show. */
const hasFollowerRuntime = existsSync(resolve(__dirname, '..', '..', '..', 'libs', 'follower', 'src', 'index.ts'));

describe('admin console in Chromium', () => {
  let app: TestApp;
  let chromium: ConsoleBrowser;
  let browser: Browser;
  let pool: Pool;

  beforeAll(async () => {
    const { chromium: executable } = consolePrerequisites();
    app = await startTestApp();
    pool = new Pool({ connectionString: app.databaseUrl, max: 2 });
    chromium = await launchChromium(executable);
    browser = chromium.browser;
  }, 600_000);
  afterAll(async () => {
    await chromium?.close();
    await pool?.end();
    await app?.close();
  });

  const open = async (path = '') => {
    const context = await newConsoleContext(browser, app.baseUrl);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/console/${path}`);
    return page;
  };
  const signIn = async (page: Page, role: 'operator' | 'auditor', credential: string, tenantId?: string) => {
    if (role === 'auditor') await page.getByLabel('Auditor (read-only, one tenant)').check();
    if (role === 'auditor') await page.getByLabel('Tenant id', { exact: true }).fill(tenantId ?? '');
    await page
      .getByLabel(role === 'operator' ? 'Operator token' : 'Auditor credential', { exact: true })
      .fill(credential);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: role === 'operator' ? 'Tenants' : 'Who had access' }).waitFor();
  };
  const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  it(
    'operator: creates a tenant, enables SCIM for Okta, copies the key, which provisions a user; the request is in ' +
      'the provisioning log; after a rotation the old key is refused',
    async () => {
      const tenantId = `acme-${suffix}`;
      const page = await open();
      await checkPage(page, '01-sign-in');
      await signIn(page, 'operator', app.operatorToken);
      await checkPage(page, '02-tenants');

      await page.getByLabel('Name', { exact: true }).fill('Acme Corp');
      await page.getByLabel('Id (optional)').fill(tenantId);
      await page.getByRole('button', { name: 'Create tenant' }).click();
      await h1(page, 'Acme Corp: SCIM settings');

      await page.getByLabel('Okta', { exact: true }).check();
      await page.getByText('SCIM connector base URL').waitFor();
      await checkPage(page, '03-scim-settings-idp-picker');
      await page.getByRole('button', { name: 'Enable SCIM for Okta' }).click();
      await page.getByRole('heading', { name: 'SCIM API key: shown once' }).waitFor();
      await checkPage(page, '04-scim-key-shown-once');
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      const key = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(key).toMatch(/^scim_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      const scimBaseUrl = await page.getByLabel('SCIM base URL').inputValue();
      expect(scimBaseUrl).toBe(`${app.baseUrl}/scim/v2/${tenantId}`);
      expect(await page.getByRole('button', { name: 'Hide it for good' }).isDisabled()).toBe(true);
      await page.getByLabel('I have stored it').check();
      await page.getByRole('button', { name: 'Hide it for good' }).click();
      expect(await page.getByLabel('SCIM API key', { exact: true }).count()).toBe(0);

      // The copied key, used as an IdP would.
      const created = await scimCall(scimBaseUrl, key, 'POST', '/Users', userBody('ada@acme.test'));
      expect(created.status).toBe(201);

      await page.getByRole('link', { name: 'Provisioning log' }).click();
      await h1(page, 'Provisioning log');
      await page.getByLabel('userName').fill('ada@acme.test');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const logged = page.getByRole('row').filter({ hasText: 'POST /Users' });
      // Rows are written in batches; the view refreshes itself every 5 s.
      await logged.first().waitFor({ timeout: 30_000 });
      expect(await logged.count()).toBe(1);
      expect(await logged.first().textContent()).toMatch(/ada@acme\.test.*201/);
      await checkPage(page, '05-provisioning-log');

      await page.getByRole('link', { name: 'SCIM settings' }).click();
      await h1(page, 'Acme Corp: SCIM settings');
      await page.getByLabel('Grace period').selectOption('0');
      await page.getByRole('button', { name: 'Rotate key' }).click();
      await page.getByRole('heading', { name: 'SCIM API key: shown once' }).waitFor();
      const newKey = await page.getByLabel('SCIM API key', { exact: true }).inputValue();
      expect(newKey).toMatch(/^scim_/);
      expect(newKey).not.toBe(key);
      expect((await scimCall(scimBaseUrl, key, 'GET', '/Users')).status).toBe(401);
      expect((await scimCall(scimBaseUrl, newKey, 'GET', '/Users')).status).toBe(200);
      const oldKeyId = key.split('_')[1]!;
      await page.getByRole('row').filter({ hasText: oldKeyId }).filter({ hasText: 'revoked' }).waitFor();
      await checkPage(page, '06-scim-key-rotated');
    },
  );

  it(
    'operator: HTTP Basic toggle with its warning, revoking one key, deleting the setup only after the tenant id ' +
      'is typed',
    async () => {
      const tenant = await tenantWithScim(app.baseUrl, app.operatorToken, `setup-${suffix}`, 'entra');
      const page = await open();
      await signIn(page, 'operator', app.operatorToken);
      await page.getByRole('searchbox', { name: 'Search by name or id' }).fill(`setup-${suffix}`);
      await page.getByRole('link', { name: `Tenant setup-${suffix}` }).click();
      await h1(page, `Tenant setup-${suffix}: SCIM settings`);

      await page.getByLabel(/Accept HTTP Basic/).check();
      await page.getByText(/HTTP Basic is on\. HTTP Basic is for test instances only/).waitFor();
      expect(
        (await adminCall(app.baseUrl, app.operatorToken, 'GET', `/admin/tenants/${tenant.tenantId}`)).body
          .basicAuthEnabled,
      ).toBe(true);

      const keyId = tenant.apiKey.split('_')[1]!;
      await page.getByRole('button', { name: `Revoke key ${keyId}` }).click();
      await page.getByRole('button', { name: `Revoke ${keyId} now` }).click();
      await page.getByText(`Key ${keyId} revoked.`).waitFor();
      expect((await scimCall(tenant.scimBaseUrl, tenant.apiKey, 'GET', '/Users')).status).toBe(401);

      const remove = page.getByRole('button', { name: 'Delete SCIM setup' });
      expect(await remove.isDisabled()).toBe(true);
      await page.getByLabel(/Type .* to confirm/).fill('setup-wrong');
      expect(await remove.isDisabled()).toBe(true);
      await page.getByLabel(/Type .* to confirm/).fill(tenant.tenantId);
      await checkPage(page, '07-scim-settings-delete-confirmation');
      await remove.click();
      await page.getByText('The SCIM setup is deleted; every key stopped working.').waitFor();
      expect(
        (await adminCall(app.baseUrl, app.operatorToken, 'GET', `/admin/tenants/${tenant.tenantId}`)).body.scimEnabled,
      ).toBe(false);
    },
  );

  it(
    'auditor: finds the user in "who had access" now and not before it was created, exports the CSV, reads its ' +
      'timeline, the role history and the chain status',
    async () => {
      const tenant = await tenantWithScim(app.baseUrl, app.operatorToken, `audit-${suffix}`);
      const beforeCreation = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
      const user = await scimCall(tenant.scimBaseUrl, tenant.apiKey, 'POST', '/Users', userBody('grace@audit.test'));
      expect(user.status).toBe(201);
      const userId = String(user.body.id);
      const group = await scimCall(tenant.scimBaseUrl, tenant.apiKey, 'POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Payroll Admins',
        members: [{ value: userId }],
      });
      expect(group.status).toBe(201);
      const groupId = String(group.body.id);

      // The operator issues the auditor credential in the console; it is shown once.
      const page = await open();
      await signIn(page, 'operator', app.operatorToken);
      await page.goto(`${app.baseUrl}/console/tenants/${tenant.tenantId}/auditors`);
      await h1(page, 'Auditor credentials');
      await page.getByRole('button', { name: 'Issue an auditor credential' }).click();
      const credential = await page.getByLabel('Auditor credential', { exact: true }).inputValue();
      expect(credential).toMatch(/^aud_[0-9a-f]{16}_/);
      await checkPage(page, '08-auditor-credentials');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You are signed out.').waitFor();

      await signIn(page, 'auditor', credential, tenant.tenantId);
      const row = page.getByRole('row').filter({ hasText: 'grace@audit.test' });
      await eventually('the audit projection to show the user', async () => {
        await page.getByRole('button', { name: 'Show access' }).click();
        return (await row.count()) === 1;
      });
      expect(await row.textContent()).toContain('Payroll Admins');
      await checkPage(page, '09-who-had-access');

      await page.getByLabel(/^At \(/).fill(pickerValue(beforeCreation));
      await page.getByRole('button', { name: 'Show access' }).click();
      await page
        .getByText(`0 users had access at ${beforeCreation.toLocaleString('en-GB', { timeZone: BROWSER_TIME_ZONE })}`)
        .waitFor();
      expect(await row.count()).toBe(0);

      await page.getByLabel(/^At \(/).fill('');
      await page.getByRole('button', { name: 'Show access' }).click();
      await row.waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Export the whole list as CSV' }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8')
        .trimEnd()
        .split('\r\n');
      expect(csv[0]).toBe('at,userId,userName,activeSince,groupId,roleName,grantedAt');
      expect(csv).toHaveLength(2);
      const cells = csv[1]!.split(',');
      expect(cells.slice(1, 3)).toEqual([userId, 'grace@audit.test']);
      expect(cells.slice(4, 6)).toEqual([groupId, 'Payroll Admins']);

      await page.getByRole('link', { name: 'Timeline of grace@audit.test' }).click();
      await h1(page, "A user's timeline");
      await page.getByText('user.provisioned').waitFor();
      await page.getByText('role.granted').waitFor();
      await checkPage(page, '10-user-timeline');

      await page.getByRole('link', { name: 'Role history' }).click();
      await h1(page, "A role's history");
      await page.getByLabel('Role (group id)').fill(groupId);
      await page.getByRole('button', { name: 'Show history' }).click();
      await page.getByRole('row').filter({ hasText: userId }).waitFor();
      await checkPage(page, '11-role-history');

      await page.getByRole('link', { name: 'Integrity' }).click();
      await page.getByRole('heading', { name: 'The chain is intact' }).waitFor();
      await checkPage(page, '12-audit-integrity');

      // Revoking the credential (here through the admin API) ends the auditor's console session at once.
      const credentialId = credential.split('_')[1]!;
      expect(
        (
          await adminCall(
            app.baseUrl,
            app.operatorToken,
            'DELETE',
            `/admin/tenants/${tenant.tenantId}/auditors/${credentialId}`,
          )
        ).status,
      ).toBe(204);
      await page.getByRole('button', { name: 'Verify again' }).click();
      await page.getByText(/Your session has ended .* its credential was revoked/).waitFor();
      await h1(page, 'Sign in to the SCIM console');
    },
  );

  it(
    'operator: the provisioning log pages back in time without losing or repeating a row, and filters by status to ' +
      'say why a user was not created',
    async () => {
      const tenant = await tenantWithScim(app.baseUrl, app.operatorToken, `log-${suffix}`);
      expect(
        (await scimCall(tenant.scimBaseUrl, tenant.apiKey, 'POST', '/Users', userBody('twice@log.test'))).status,
      ).toBe(201);
      const duplicate = await scimCall(tenant.scimBaseUrl, tenant.apiKey, 'POST', '/Users', userBody('TWICE@log.test'));
      expect(duplicate.status).toBe(409);
      for (let i = 0; i < 30; i++)
        expect((await scimCall(tenant.scimBaseUrl, tenant.apiKey, 'GET', `/Users?count=${i + 1}`)).status).toBe(200);
      const total = 32;
      const logged = async () =>
        (
          (
            await adminCall(
              app.baseUrl,
              app.operatorToken,
              'GET',
              `/admin/tenants/${tenant.tenantId}/provisioning-log?limit=1000`,
            )
          ).body.entries as unknown[]
        ).length;
      await eventually('every request to be in the provisioning log', async () => (await logged()) === total);

      const page = await open(`tenants/${tenant.tenantId}/log`);
      await page.getByLabel('Operator token').fill(app.operatorToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await h1(page, 'Provisioning log'); // the deep link opens after sign-in
      await page.getByLabel('Rows per page').selectOption('25');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText(/^Page 1: 25 requests/).waitFor();
      const requests = () =>
        page
          .getByRole('row')
          .filter({ has: page.getByRole('cell') })
          .allTextContents();
      const first = await requests();
      await page.getByRole('button', { name: 'Older' }).click();
      await page.getByText(`Page 2: ${total - 25} requests`, { exact: false }).waitFor();
      const second = await requests();
      expect(new Set([...first, ...second]).size).toBe(total);
      await page.getByRole('button', { name: 'Newer' }).click();
      await page.getByText(/^Page 1: 25 requests/).waitFor();

      await page.getByLabel('Status').selectOption('409');
      await page.getByLabel('userName').fill('twice@log.test');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText(/^Page 1: 1 request,/).waitFor();
      expect(await page.getByRole('row').filter({ hasText: '409' }).textContent()).toMatch(
        /POST \/Users.*TWICE@log\.test.*409.*uniqueness/,
      );
    },
  );

  it(
    'session: the cookie is HttpOnly, SameSite=Strict, scoped to /console and not Secure over http ' +
      '(X-Forwarded-Proto is not trusted); a change needs the CSRF token of the session and its origin; sign-out ' +
      'ends ' +
      'the session server-side',
    async () => {
      const page = await open();
      await signIn(page, 'operator', app.operatorToken);
      const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'scim_console');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/console' });
      expect(await page.evaluate<string>('document.cookie')).not.toContain('scim_console');

      const signedIn = await fetch(`${app.baseUrl}/console/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ role: 'operator', credential: app.operatorToken }),
      });
      expect(signedIn.status).toBe(201);
      const setCookie = signedIn.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^scim_console=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict$/);
      const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
      const sessionCookie = setCookie.split(';')[0]!;
      const create = (headers: Record<string, string>, id: string) =>
        fetch(`${app.baseUrl}/console/api/admin/tenants`, {
          method: 'POST',
          headers: { cookie: sessionCookie, 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ name: id, id }),
        });
      expect((await create({}, `csrf-none-${suffix}`)).status).toBe(403);
      expect((await create({ 'x-csrf-token': 'x'.repeat(43) }, `csrf-wrong-${suffix}`)).status).toBe(403);
      expect(
        (await create({ 'x-csrf-token': csrfToken, origin: 'http://evil.example' }, `csrf-origin-${suffix}`)).status,
      ).toBe(403);
      expect((await create({ 'x-csrf-token': csrfToken, origin: app.baseUrl }, `csrf-ok-${suffix}`)).status).toBe(201);
      const tenants = (await adminCall(app.baseUrl, app.operatorToken, 'GET', '/admin/tenants')).body.tenants as Array<{
        tenantId: string;
      }>;
      expect(tenants.map((t) => t.tenantId).filter((id) => id.startsWith('csrf-'))).toEqual([`csrf-ok-${suffix}`]);
      expect((await fetch(`${app.baseUrl}/console/api/admin/tenants`)).status).toBe(401);

      const rows = async () => Number((await pool.query('SELECT count(*) AS n FROM console_sessions_v1')).rows[0].n);
      const before = await rows();
      expect(
        (await fetch(`${app.baseUrl}/console/api/session`, { method: 'DELETE', headers: { cookie: sessionCookie } }))
          .status,
      ).toBe(403);
      const signOut = await fetch(`${app.baseUrl}/console/api/session`, {
        method: 'DELETE',
        headers: { cookie: sessionCookie, 'x-csrf-token': csrfToken },
      });
      expect(signOut.status).toBe(204);
      expect(signOut.headers.get('set-cookie')).toMatch(
        /^scim_console=; Path=\/console; Max-Age=0; HttpOnly; SameSite=Strict$/,
      );
      expect(await rows()).toBe(before - 1);
      expect(
        (await fetch(`${app.baseUrl}/console/api/admin/tenants`, { headers: { cookie: sessionCookie } })).status,
      ).toBe(401);

      // The browser's own session still works, and an operator session cannot read audit answers.
      expect(await page.evaluate<number>("fetch('/console/api/audit/verify').then((r) => r.status)")).toBe(403);
    },
  );

  it(
    'is usable with the keyboard alone, says clearly when a credential is wrong, and fits a narrow ' + 'window',
    async () => {
      const context = await newConsoleContext(browser, app.baseUrl, { width: 390, height: 844 });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/console/`);
      await h1(page, 'Sign in to the SCIM console');
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement?.id')).toBe('role-operator');
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement?.id')).toBe('credential');
      await page.keyboard.type('not-the-operator-token-at-all');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'Sign-in failed: that is not the operator token' }).waitFor();
      await page.getByLabel('Operator token').fill('');
      await page.getByLabel('Operator token').focus();
      await page.keyboard.type(app.operatorToken);
      await page.keyboard.press('Enter');
      await h1(page, 'Tenants');
      expect(await page.evaluate<string>('document.activeElement?.tagName')).toBe('H1');
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, '13-tenants-narrow.png'), fullPage: true });

      const tenant = await tenantWithScim(app.baseUrl, app.operatorToken, `narrow-${suffix}`, 'google');
      await page.goto(`${app.baseUrl}/console/tenants/${tenant.tenantId}`);
      await h1(page, `Tenant narrow-${suffix}: SCIM settings`);
      await page.getByText('Setting up Google Workspace').waitFor();
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, '14-scim-settings-narrow.png'), fullPage: true });
    },
  );

  (hasFollowerRuntime ? it : it.skip)(
    'operator: lists a tenant\'s parked events and skips one (needs the follower runtime of branch "followers")',
    async () => {
      const tenant = await tenantWithScim(app.baseUrl, app.operatorToken, `parked-${suffix}`, 'generic');
      const { PostgresEventStore } = await import('@lib/event-store');
      const { userStream } = await import('@lib/domain');
      const { randomUUID } = await import('node:crypto');
      const store = new PostgresEventStore({ pool });
      const requestId = randomUUID();
      // The poison: an update of a user the projections never saw, appended straight to the log.
      await store.append(userStream(tenant.tenantId, 'ghost'), 'any', [
        {
          eventId: randomUUID(),
          type: 'UserUpdated',
          data: {
            tenantId: tenant.tenantId,
            userId: 'ghost',
            userName: 'ghost@parked.test',
            changes: [],
            resource: { userName: 'ghost@parked.test' },
          },
          metadata: {
            tenantId: tenant.tenantId,
            actor: { kind: 'system' },
            requestId,
            correlationId: requestId,
            causationId: requestId,
            occurredAt: new Date().toISOString(),
            schemaVersion: 1,
          },
        },
      ]);
      const page = await open();
      await signIn(page, 'operator', app.operatorToken);
      await page.getByRole('link', { name: 'Parked events' }).click();
      await h1(page, 'Parked events');
      await page.getByLabel('Tenant id').fill(tenant.tenantId);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const parked = page.getByRole('row').filter({ hasText: tenant.tenantId });
      await eventually('the poison event to be parked', async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return (await parked.count()) > 0;
      });
      await checkPage(page, '15-parked-events');
      const first = parked.first();
      const id = (await first.getByRole('cell').first().textContent())!.trim();
      await page.getByRole('button', { name: `Skip parked event ${id}` }).click();
      await page.getByRole('button', { name: `Skip event ${id} for good` }).click();
      await page.getByText(`Skip of event ${id} recorded and requested.`).waitFor();
      const status = async () =>
        (
          (await adminCall(app.baseUrl, app.operatorToken, 'GET', `/admin/parked-events/${id}`)).body.parkedEvent as {
            status: string;
          }
        ).status;
      await eventually('the skip to be applied', async () => (await status()) === 'skipped');
    },
  );

  it(
    'refuses sign-in for a credential after 10 failures with 429 and Retry-After, even with the right ' + 'secret',
    async () => {
      const page = await open();
      await page.getByLabel('Auditor (read-only, one tenant)').check();
      const id = randomBytes(8).toString('hex');
      const attempt = (secret: string) =>
        fetch(`${app.baseUrl}/console/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'auditor', tenantId: 'throttled', credential: `aud_${id}_${secret}` }),
        });
      for (let i = 0; i < 10; i++) expect((await attempt(randomBytes(32).toString('base64url'))).status).toBe(401);
      const refused = await attempt(randomBytes(32).toString('base64url'));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      await page.getByLabel('Tenant id', { exact: true }).fill('throttled');
      await page
        .getByLabel('Auditor credential', { exact: true })
        .fill(`aud_${id}_${randomBytes(32).toString('base64url')}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /Too many failed sign-ins; try again in \d+ s\./ })
        .waitFor();
    },
  );
});
