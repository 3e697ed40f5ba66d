import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn, tapelineUrl } from './support/person';

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone-width screen the nav folds into a menu, by keyboard, and "Sign out" is in reach', async ({
  page,
}) => {
  await signIn(page, 'qa');
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();

  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await expect(nav.getByRole('link')).toHaveText(['Home', 'Search', 'Playlists', 'Disputes', 'Scorecards']);
  await page.screenshot({ path: 'test-results/nav-menu-390.png' });
  await expectNoSeriousA11yViolations(page);

  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();

  await menu.click();
  await nav.getByRole('link', { name: 'Scorecards' }).click();
  await expect(page).toHaveURL(/\/admin\/scorecards$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(tapelineUrl() + '/');
  await expect(page).toHaveURL(/\/login/);
});
