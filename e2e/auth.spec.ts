import { expect, test } from '@playwright/test';
import { tapelineUrl as baseURL } from './support/person';

test('a QA manager signs in through the page, sees the shell with their name, and signs out', async ({
  page,
}) => {
  await page.goto(baseURL() + '/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Username').fill('qa');
  await page.getByLabel('Password').fill('tapeline');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('banner')).toContainText('Quinn Alvarez');
  await expect(page.getByRole('main')).toBeVisible();
  await page.screenshot({ path: 'test-results/shell.png', fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  // The session is really gone: a fresh visit asks to sign in again.
  await page.goto(baseURL() + '/');
  await expect(page).toHaveURL(/\/login/);
});

test('a wrong password shows the server’s message and keeps the user on the sign-in page', async ({
  page,
}) => {
  await page.goto(baseURL() + '/login');
  await page.getByLabel('Username').fill('qa');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Wrong username or password/);
  await expect(page).toHaveURL(/\/login/);
});
