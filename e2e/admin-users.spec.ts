// People managed from the product alone: an administrator creates a team, then a user in it with a role,
// and hands over the one-time set-password link; the new person sets a password in their own browser and
// lands signed in with the nav their role allows; once deactivated, their next step signs them out.
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn, tapelineUrl } from './support/person';

const PASSWORD = 'a long enough password';

test('an admin creates a team and a user who signs in through their link, then deactivates them', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Names of their own, so the spec can run again on the same instance.
  const suffix = Date.now().toString(36);
  const teamName = `Night shift ${suffix}`;
  const username = `nia-${suffix}`;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: tapelineUrl() });
  await signIn(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Primary' });

  // 1. A team, from /admin/teams.
  await nav.getByRole('link', { name: 'Teams' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  const newTeam = page.getByRole('region', { name: 'New team' });
  await newTeam.getByLabel('Team name').fill(teamName);
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  await expect(newTeam.getByRole('status')).toHaveText(`Team “${teamName}” created.`);
  const teamCard = page.getByRole('list', { name: 'Teams' }).getByRole('listitem', { name: teamName });
  await expect(teamCard).toContainText('No members yet.');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/admin-teams.png', fullPage: true });

  // 2. A supervisor in that team, from /admin/users; the link is copied as the admin would copy it.
  await nav.getByRole('link', { name: 'Users' }).click();
  const newUser = page.getByRole('region', { name: 'New user' });
  await newUser.getByLabel('Username').fill(username);
  await newUser.getByLabel('First name').fill('Nia');
  await newUser.getByLabel('Last name').fill('Okafor');
  await newUser.getByLabel('Role').selectOption({ label: 'Supervisor' });
  await newUser.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: teamName }).check();
  await newUser.getByRole('button', { name: 'Create user' }).click();
  const linkField = newUser.getByLabel('One-time set-password link');
  await expect(linkField).toHaveValue(new RegExp(`^${tapelineUrl()}/set-password/[\\w-]{40,}$`));
  await newUser.getByRole('button', { name: 'Copy' }).click();
  await expect(newUser.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  const copiedLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(copiedLink).toBe(await linkField.inputValue());
  const users = page.getByRole('list', { name: 'Users' });
  const row = users.getByRole('listitem').filter({ hasText: `@${username}` });
  await expect(row).toContainText(teamName);
  await expect(row).toContainText('has not set a password yet');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/admin-users-created.png', fullPage: true });
  await newUser.getByRole('button', { name: 'I have copied it' }).click();
  await expect(linkField).toBeHidden();

  // 3. The new person, in a browser of their own, sets a password and is signed in as a supervisor.
  const theirContext = await browser.newContext();
  const theirPage = await theirContext.newPage();
  await theirPage.goto(copiedLink);
  await expect(theirPage.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await theirPage.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
  await theirPage.getByLabel('Repeat the password').fill(PASSWORD);
  await theirPage.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(theirPage.getByRole('banner')).toContainText('Nia Okafor', { timeout: 20_000 });
  await expect(theirPage.getByRole('banner')).toContainText('Supervisor');
  await expect(theirPage.getByRole('navigation', { name: 'Primary' }).getByRole('link')).toHaveText([
    'Home',
    'Search',
    'Playlists',
  ]);

  // The team lists its new member.
  await nav.getByRole('link', { name: 'Teams' }).click();
  await expect(teamCard.getByRole('list', { name: `Members of ${teamName}` })).toContainText(
    `Nia Okafor @${username}`,
  );

  // 4. Deactivated: the person's next step in the app finds them signed out.
  await nav.getByRole('link', { name: 'Users' }).click();
  await row.getByRole('button', { name: `Deactivate ${username}` }).click();
  await row
    .getByRole('group', { name: `Deactivate ${username}?` })
    .getByRole('button', { name: `Deactivate ${username}` })
    .click();
  await expect(row).toContainText('Deactivated');
  await expect(row.getByRole('button', { name: `Reactivate ${username}` })).toBeVisible();

  await theirPage.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Search' }).click();
  await expect(theirPage).toHaveURL(/\/login/, { timeout: 20_000 });
  await expect(theirPage.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await theirContext.close();
});
