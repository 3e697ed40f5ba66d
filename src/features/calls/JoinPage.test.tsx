import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuestCall, MediaState } from '../../../contract/calls';
import {
  cameraStream,
  domError,
  FakeSocket,
  installCallDoubles,
  removeCallDoubles,
  stubMediaDevices,
} from '../../test/call-doubles';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { JoinPage } from './JoinPage';

const guestCall: GuestCall = {
  callId: '00000000-0000-4000-8000-000000000001',
  guestKey: 'the-guest-key',
  hostName: 'Alex Agent',
  state: 'waiting',
  ice: { iceServers: [], iceTransportPolicy: 'all', expiresAt: null },
};

const hostMedia = (patch: Partial<MediaState> = {}): MediaState => ({
  muted: false,
  cameraOff: false,
  sharing: false,
  recording: false,
  name: 'Alex Agent',
  ...patch,
});

const renderJoin = (token = 'the-token') =>
  renderRoutes([{ path: '/join/:token', element: <JoinPage /> }], { url: `/join/${token}` });

beforeEach(() => installCallDoubles());
afterEach(() => {
  removeCallDoubles();
  sessionStorage.clear();
});

describe('joining a call by its link', () => {
  it.each([
    ['expired', 'This call link has expired. Ask the person who invited you for a new one.'],
    ['used', 'This call link was already used: it lets one person join, once. Ask for a new link.'],
    ['ended', 'This call has ended.'],
  ])('refuses a link that is %s, says why, and lets the camera go', async (_, description) => {
    const stream = cameraStream();
    stubMediaDevices({ getUserMedia: () => Promise.resolve(stream) });
    server.use(http.post('/api/calls/join', () => errorEnvelope(410, description)));
    renderJoin();
    await userEvent.click(await screen.findByRole('button', { name: 'Join call' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'You can’t join with this link' }),
    ).toBeInTheDocument();
    expect(screen.getByText(description)).toBeInTheDocument();
    expect(stream.getTracks().every((track) => track.readyState === 'ended')).toBe(true);
    expect(FakeSocket.instances).toHaveLength(0);
  });

  it('explains a denied camera and does not let the guest join without one', async () => {
    stubMediaDevices({ getUserMedia: () => Promise.reject(domError('NotAllowedError')) });
    renderJoin();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Camera and microphone access was denied. Allow it in your browser’s site settings',
    );
    expect(screen.getByRole('button', { name: 'Join call' })).toBeDisabled();
    expect(screen.getByText('This call is recorded.')).toBeInTheDocument();
  });

  it('says when there is no camera or microphone', async () => {
    stubMediaDevices({ getUserMedia: () => Promise.reject(domError('NotFoundError')), devices: [] });
    renderJoin();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No camera or microphone was found. Connect one, then try again.',
    );
    expect(screen.getByRole('combobox', { name: 'Camera' })).toHaveDisplayValue('No camera');
    expect(screen.getByRole('button', { name: 'Join call' })).toBeDisabled();
  });

  it('joins with the link, keeps its key for a reload, and shows the recording as the host reports it', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/calls/join', async ({ request }) => {
        bodies.push(await request.json());
        return envelope(guestCall);
      }),
    );
    renderJoin();
    await userEvent.click(await screen.findByRole('button', { name: 'Join call' }));
    expect(await screen.findByRole('heading', { name: 'Call with Alex Agent' })).toBeInTheDocument();
    expect(bodies).toEqual([{ token: 'the-token' }]);

    const socket = FakeSocket.latest();
    await waitFor(() =>
      expect(socket.sent[0]).toEqual({ type: 'hello', role: 'guest', guestKey: 'the-guest-key' }),
    );
    act(() => socket.receive({ type: 'welcome', role: 'guest' }));
    expect(screen.getByTestId('call-status')).toHaveTextContent('Waiting for the agent to join…');
    expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Will be recorded');

    act(() => socket.receive({ type: 'media', state: hostMedia({ recording: true }) }));
    expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Recording');

    act(() => socket.receive({ type: 'ended', reason: 'hangup', by: 'host' }));
    expect(screen.getByTestId('call-status')).toHaveTextContent('The agent hung up. The call has ended.');
    expect(screen.getByText('Thank you. You can close this page.')).toBeInTheDocument();
    expect(screen.queryByTestId('recording-indicator')).not.toBeInTheDocument();
    expect(sessionStorage.getItem('tapeline-guest-key:the-token')).toBe('the-guest-key');
  });

  it('sends the key it got before when the page is opened again', async () => {
    sessionStorage.setItem('tapeline-guest-key:the-token', 'the-guest-key');
    let body: unknown;
    server.use(
      http.post('/api/calls/join', async ({ request }) => {
        body = await request.json();
        return envelope(guestCall);
      }),
    );
    renderJoin();
    await userEvent.click(await screen.findByRole('button', { name: 'Join call' }));
    await screen.findByRole('heading', { name: 'Call with Alex Agent' });
    expect(body).toEqual({ token: 'the-token', guestKey: 'the-guest-key' });
  });

  it('tells the guest when the host’s browser cannot record the call', async () => {
    server.use(http.post('/api/calls/join', () => envelope(guestCall)));
    renderJoin();
    await userEvent.click(await screen.findByRole('button', { name: 'Join call' }));
    await screen.findByRole('heading', { name: 'Call with Alex Agent' });
    act(() =>
      FakeSocket.latest().receive({ type: 'media', state: hostMedia({ recordingUnavailable: true }) }),
    );
    expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Not recorded');
    expect(
      screen.getByText('This call is not being recorded: Alex Agent’s browser cannot record it.'),
    ).toBeInTheDocument();
  });
});
