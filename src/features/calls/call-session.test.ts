import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cameraStream,
  FakePeerConnection,
  FakeSocket,
  installCallDoubles,
  removeCallDoubles,
} from '../../test/call-doubles';
import { CallSession } from './call-session';

const restartOffers = () => FakePeerConnection.latest().offers.filter((offer) => offer.iceRestart).length;

/** A host's session, connected to a guest. */
async function connectedHost() {
  const session = new CallSession({
    callId: 'call-1',
    role: 'host',
    ice: { iceServers: [], iceTransportPolicy: 'all' },
    name: 'Alex Agent',
    camera: cameraStream() as unknown as MediaStream,
    recording: false,
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
