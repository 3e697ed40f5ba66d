import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoSession, envelope, errorEnvelope, server } from '../../test/server';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { SetPasswordPage } from './SetPasswordPage';
import { SetupPage } from './SetupPage';

function renderAt(url: string) {
  return renderRoutes(
    [
      { path: '/setup/:token', element: <SetupPage /> },
      { path: '/set-password/:token', element: <SetPasswordPage /> },
      { path: '/', element: <LocationProbe label="Signed in" /> },
    ],
    { url },
  );
}

describe('the setup page', () => {
  it('names what is wrong in each field before sending anything', async () => {
    let sent = false;
    server.use(http.post('/api/setup', () => ((sent = true), envelope(demoSession))));
    renderAt('/setup/abc');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Password (at least 10 characters)'), 'short');
    await user.type(screen.getByLabelText('Repeat the password'), 'other');
    await user.click(screen.getByRole('button', { name: 'Create administrator' }));

    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('username is required');
    expect(screen.getByLabelText('Username')).toHaveFocus();
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('firstName is required');
    expect(screen.getByLabelText('Password (at least 10 characters)')).toHaveAccessibleDescription(
      'password must be at least 10 characters',
    );
    expect(screen.getByLabelText('Repeat the password')).toHaveAccessibleDescription(
      'The two passwords differ.',
    );
    expect(sent).toBe(false);
  });

  it('sends the token with the administrator and lands home, signed in', async () => {
    let body: unknown;
    server.use(
      http.post('/api/setup', async ({ request }) => {
        body = await request.json();
        return envelope(demoSession);
      }),
    );
    renderAt('/setup/the-token');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'Ada');
    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Password (at least 10 characters)'), 'long enough pw');
    await user.type(screen.getByLabelText('Repeat the password'), 'long enough pw');
    await user.click(screen.getByRole('button', { name: 'Create administrator' }));

    expect(await screen.findByText('Signed in at /')).toBeInTheDocument();
    expect(body).toEqual({
      token: 'the-token',
      username: 'ada',
      firstName: 'Ada',
      lastName: '',
      password: 'long enough pw',
    });
  });
});

describe('the set-password page', () => {
  it('says so when the link is spent', async () => {
    server.use(
      http.post('/api/set-password', () =>
        errorEnvelope(
          404,
          'token: This link has been used, has expired or was replaced. Ask an administrator for a new one.',
        ),
      ),
    );
    renderAt('/set-password/old');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Password (at least 10 characters)'), 'long enough pw');
    await user.type(screen.getByLabelText('Repeat the password'), 'long enough pw');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link has been used, has expired or was replaced. Ask an administrator for a new one.',
    );
  });
});
