import { expect, test } from '@playwright/test';
import { freePort } from '../server/test/free-port';
import { OIDC_CLIENT, startOidcProvider } from '../server/test/oidc-provider';
import { apiData } from './support/person';
import { startTapeline } from './support/tapeline-server';

// The provider's development pages carry a strict Content-Security-Policy.
test.use({ bypassCSP: true });

test('sign-in through the OIDC provider lands a new user with the mapped role', async ({ page }) => {
  // A second Tapeline starts for this test: its own configuration, with single sign-on only.
  test.setTimeout(180_000);
  // The provider's development pages import a web font; this machine is offline.
  await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
  // Tapeline discovers the provider on first use, so the provider can start once Tapeline's URL is known.
  const providerPort = await freePort();
  const tapeline = await startTapeline({
    OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
    OIDC_CLIENT_ID: OIDC_CLIENT.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_GROUP_MAP: JSON.stringify({ 'cc-agents-nordics': { role: 'agent', teams: ['Nordics'] } }),
    OIDC_BUTTON_LABEL: 'Sign in with Example ID',
    PASSWORD_LOGIN: '0',
  });
  const provider = await startOidcProvider([`${tapeline.url}/api/auth/oidc/callback`], providerPort);
  try {
    await page.goto(tapeline.url + '/');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('link', { name: 'Sign in with Example ID' })).toBeVisible();
    await expect(page.getByLabel('Username')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/sso-login.png' });

    await page.getByRole('link', { name: 'Sign in with Example ID' }).click();
    // The provider's own sign-in page, then its consent page.
    await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
    await page.locator('input[name="login"]').fill('bo.lindqvist');
    await page.locator('input[name="password"]').fill('whatever');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page).toHaveURL(`${tapeline.url}/`);
    const banner = page.getByRole('banner');
    // The first page after the provider loads the whole SPA, on a busy machine.
    await expect(banner).toContainText('Bo Lindqvist', { timeout: 30_000 });
    await expect(banner).toContainText('Agent');
    const { user } = await apiData<{ user: { username: string; role: string; teams: { name: string }[] } }>(
      page,
      tapeline.url + '/api/me',
    );
    expect(user).toMatchObject({ username: 'bo.lindqvist', role: 'agent', teams: [{ name: 'Nordics' }] });
  } finally {
    await provider.stop();
    await tapeline.stop();
  }
});
