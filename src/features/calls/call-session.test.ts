import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cameraStream,
  FakePeerConnection,
  FakeSocket,
  installCallDoubles,
  removeCallDoubles,
} from '../../test/call-doubles';
import { CallSession, type CallSessionOptions } from './call-session';

const restartOffers = () => FakePeerConnection.latest().offers.filter((offer) => offer.iceRestart).length;

/** A host's session, connected to a guest. */
async function connectedHost(options: Partial<CallSessionOptions> = {}) {
  const session = new CallSession({
    callId: 'call-1',
    role: 'host',
    ice: { iceServers: [], iceTransportPolicy: 'all', expiresAt: null },
    name: 'Alex Agent',
    camera: cameraStream() as unknown as MediaStream,
    recording: false,
    ...options,
  });
  await vi.advanceTimersByTimeAsync(0);
  const socket = FakeSocket.latest();
  socket.receive({ type: 'welcome', role: 'host' });
  socket.receive({ type: 'ready', session: 'guest-page-1' });
  await vi.advanceTimersByTimeAsync(0);
  FakePeerConnection.latest().connect();
  return session;
}

beforeEach(() => {
  vi.useFakeTimers();
  installCallDoubles();
});
afterEach(() => {
  removeCallDoubles();
  vi.useRealTimers();
});

describe('a dropped connection', () => {
  it('lets a brief dropout heal, then restarts ICE, and again until the network is back', async () => {
    const session = await connectedHost();
    expect(session.getSnapshot().statusText).toBe('Connected');
    const pc = FakePeerConnection.latest();

    pc.setIceState('disconnected');
    expect(session.getSnapshot().statusText).toBe('Connection lost. Reconnecting…');
    await vi.advanceTimersByTimeAsync(1900);
    expect(restartOffers()).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(restartOffers()).toBe(1);

    // The first restart did not bring it back (the network is still gone): more follow.
    pc.setIceState('checking');
    pc.setIceState('failed');
    await vi.advanceTimersByTimeAsync(4000);
    expect(restartOffers()).toBe(2);
    await vi.advanceTimersByTimeAsync(6000);
    expect(restartOffers()).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(restartOffers()).toBe(4);

    pc.setIceState('connected');
    expect(session.getSnapshot().statusText).toBe('Connected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(restartOffers()).toBe(4);
    session.dispose();
  });

  it('restarts at once when ICE has failed', async () => {
    const session = await connectedHost();
    FakePeerConnection.latest().setIceState('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(restartOffers()).toBe(1);
    session.dispose();
  });

  it('heals without a restart when the dropout is brief', async () => {
    const session = await connectedHost();
    const pc = FakePeerConnection.latest();
    pc.setIceState('disconnected');
    await vi.advanceTimersByTimeAsync(1000);
    pc.setIceState('connected');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(restartOffers()).toBe(0);
    expect(session.getSnapshot().status).toBe('connected');
    session.dispose();
  });
});

describe('TURN credentials', () => {
  /** An ICE configuration whose TURN credentials (named `name`) expire a minute from now. */
  const expiringIn60s = (name: string) => ({
    iceServers: [{ urls: 'turn:relay.example:3478', username: name, credential: 'secret' }],
    iceTransportPolicy: 'relay' as const,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  const usernames = (pc: FakePeerConnection) =>
    pc.configurations.map((configuration) => configuration.iceServers?.[0]?.username);

  it('asks for fresh ones before they expire and gives them to the connection, every time', async () => {
    let asked = 0;
    const refreshIce = vi.fn(() => Promise.resolve(expiringIn60s(`fresh-${++asked}`)));
    const session = await connectedHost({ ice: expiringIn60s('first'), refreshIce });
    const pc = FakePeerConnection.latest();
    expect(pc.config.iceServers?.[0]?.username).toBe('first');

    // A quarter of their life before they expire.
    await vi.advanceTimersByTimeAsync(44_000);
    expect(refreshIce).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(usernames(pc)).toEqual(['fresh-1']);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(usernames(pc)).toEqual(['fresh-1', 'fresh-2']);
    // An ICE restart after that gathers with them: the connection was given them before.
    pc.setIceState('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(restartOffers()).toBe(1);
    session.dispose();
  });

  it('tries again soon when fresh ones cannot be had, and stops asking once the call is over', async () => {
    const refreshIce = vi
      .fn<() => Promise<ReturnType<typeof expiringIn60s>>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(expiringIn60s('fresh'));
    const session = await connectedHost({ ice: expiringIn60s('first'), refreshIce });
    const pc = FakePeerConnection.latest();
    await vi.advanceTimersByTimeAsync(45_000);
    expect(refreshIce).toHaveBeenCalledTimes(1);
    expect(usernames(pc)).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(refreshIce).toHaveBeenCalledTimes(2);
    expect(usernames(pc)).toEqual(['fresh']);

    session.hangup();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(refreshIce).toHaveBeenCalledTimes(2);
  });

  it('never asks when no credentials expire', async () => {
    const refreshIce = vi.fn(() => Promise.resolve(expiringIn60s('fresh')));
    const session = await connectedHost({ refreshIce });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(refreshIce).not.toHaveBeenCalled();
    session.dispose();
  });
});
