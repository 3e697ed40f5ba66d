import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../../contract/account';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { ProfilePage } from './ProfilePage';

const renderProfile = () =>
  renderRoutes([{ path: '/profile', element: <ProfilePage /> }], { url: '/profile' });

const key = (id: string, overrides: Partial<ApiKey> = {}): ApiKey => ({
  id,
  name: `Key ${id}`,
  createdAt: '2026-11-20T10:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

describe('ProfilePage', () => {
  it('checks the new password before sending it: the rule, and the same twice', async () => {
    const sent: unknown[] = [];
    server.use(
      http.get('/api/me/api-keys', () => envelope([])),
      http.put('/api/me/password', async ({ request }) => {
        sent.push(await request.json());
        return envelope(null);
      }),
    );
    renderProfile();
    const user = userEvent.setup();
    const password = await screen.findByRole('region', { name: 'Password' });

    await user.type(within(password).getByLabelText('Current password'), 'tapeline');
    await user.type(within(password).getByLabelText('New password'), 'short');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(within(password).getByText('New password must be at least 10 characters')).toBeInTheDocument();
    expect(within(password).getByLabelText('New password')).toHaveFocus();

    await user.type(within(password).getByLabelText('New password'), ' and long');
    await user.type(within(password).getByLabelText('Repeat the new password'), 'short and lon');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(within(password).getByText('The two new passwords differ.')).toBeInTheDocument();
    expect(sent).toEqual([]);
  }, 20_000);

  it('shows the server’s refusal of the current password, then changes it and clears the form', async () => {
    const sent: unknown[] = [];
    server.use(
      http.get('/api/me/api-keys', () => envelope([])),
      http.put('/api/me/password', async ({ request }) => {
        const body = (await request.json()) as { currentPassword: string };
        sent.push(body);
        return body.currentPassword === 'tapeline'
          ? envelope(null)
          : errorEnvelope(400, 'currentPassword: that is not your current password.');
      }),
    );
    renderProfile();
    const user = userEvent.setup();
    const password = await screen.findByRole('region', { name: 'Password' });

    await user.type(within(password).getByLabelText('Current password'), 'tapelin');
    await user.type(within(password).getByLabelText('New password'), 'long enough');
    await user.type(within(password).getByLabelText('Repeat the new password'), 'long enough');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(await within(password).findByRole('alert')).toHaveTextContent('not your current password');

    await user.type(within(password).getByLabelText('Current password'), 'e');
    await user.click(within(password).getByRole('button', { name: 'Change password' }));
    expect(await within(password).findByText('Your password has been changed.')).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({ currentPassword: 'tapeline', newPassword: 'long enough' });
    expect(within(password).getByLabelText('Current password')).toHaveValue('');
  }, 20_000);

  it('creates a key shown once, lists keys, and revokes one after confirming', async () => {
    let keys = [
      key('2', { lastUsedAt: '2026-11-21T09:00:00Z' }),
      key('1', { revokedAt: '2026-11-22T09:00:00Z' }),
    ];
    server.use(
      http.get('/api/me/api-keys', () => envelope(keys)),
      http.post('/api/me/api-keys', async ({ request }) => {
        const { name } = (await request.json()) as { name: string };
        const made = key('3', { name });
        keys = [made, ...keys];
        return envelope({ ...made, key: 'tpl_secret-value' }, { status: 201 });
      }),
      http.delete('/api/me/api-keys/:id', ({ params }) => {
        keys = keys.map((k) => (k.id === params.id ? { ...k, revokedAt: '2026-11-23T09:00:00Z' } : k));
        return envelope(keys.find((k) => k.id === params.id));
      }),
    );
    renderProfile();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'API keys' });
    const list = await within(section).findByRole('list', { name: 'Your API keys' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('Revoked')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Create key' }));
    expect(within(section).getByText('Name is required')).toBeInTheDocument();
    await user.type(within(section).getByLabelText('Name of the new key'), 'Nightly export');
    await user.click(within(section).getByRole('button', { name: 'Create key' }));
    expect(await within(section).findByLabelText('New key “Nightly export”')).toHaveValue('tpl_secret-value');
    expect(await within(list).findByText('Nightly export', { selector: 'p' })).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'I have copied it' }));
    expect(within(section).queryByDisplayValue('tpl_secret-value')).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Revoke Key 2' }));
    const confirm = within(list).getByRole('group', { name: 'Revoke Key 2?' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke Key 2' }));
    expect(await within(list).findAllByText('Revoked')).toHaveLength(2);
  }, 20_000);

  it('shows an error with a retry when the keys cannot be loaded', async () => {
    let calls = 0;
    server.use(
      http.get('/api/me/api-keys', () =>
        ++calls === 1 ? errorEnvelope(429, 'Too many requests.') : envelope([]),
      ),
    );
    renderProfile();
    const user = userEvent.setup();
    expect(await screen.findByText('Your API keys could not be loaded.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('You have no API keys yet.')).toBeInTheDocument();
  });
});
