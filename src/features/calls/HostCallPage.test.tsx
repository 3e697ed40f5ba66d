import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../../../contract/auth';
import type { Call } from '../../../contract/calls';
import {
  FakePeerConnection,
  FakeSocket,
  installCallDoubles,
  removeCallDoubles,
} from '../../test/call-doubles';
import { renderRoutes } from '../../test/Rendering';
import { envelope, server } from '../../test/server';
import { HostCallPage } from './HostCallPage';
import { startRecorder, type CallRecorder } from './recorder/recorder';
import type { UploadState } from './recorder/uploader';

// The recorder itself needs a real browser (canvas, Web Audio, MediaRecorder, IndexedDB): the e2e specs
// drive it. Here it is the real module unless a test stands in for `startRecorder`.
vi.mock(import('./recorder/recorder'), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, startRecorder: vi.fn(actual.startRecorder) };
});

const agent: CurrentUser = {
  id: '3',
  username: 'agent',
  first_name: 'Alex',
  last_name: 'Agent',
  role: 'agent',
  teams: [{ id: '1', name: 'Support EMEA' }],
};

const call: Call = {
  id: '00000000-0000-4000-8000-000000000001',
  objectId: 'conversation-1',
  objectTitle: 'Refund for order 1001',
  host: { id: '3', first_name: 'Alex', last_name: 'Agent', username: 'agent' },
  state: 'waiting',
  createdAt: '2026-12-02T10:00:00.000Z',
  endedAt: null,
  endReason: null,
  guestUrl: 'http://localhost/join/the-token',
  linkExpiresAt: '2026-12-02T11:00:00.000Z',
  guestJoined: false,
  ice: { iceServers: [], iceTransportPolicy: 'all', expiresAt: null },
};

interface FakeRecorder {
  recorder: CallRecorder;
  stop: ReturnType<typeof vi.fn>;
  report: (state: UploadState) => void;
}

/** Stands in for the next recorder started: resolves at once, and reports what the test says. */
function fakeRecorder(): FakeRecorder {
  const fake = {
    stop: vi.fn(() => Promise.resolve()),
    report: (_: UploadState) => undefined,
  } as FakeRecorder;
  vi.mocked(startRecorder).mockImplementationOnce((options) => {
    fake.report = (state) => act(() => options.onUpload(state));
    fake.recorder = { addAudio: vi.fn(), stop: fake.stop } as unknown as CallRecorder;
    return Promise.resolve(fake.recorder);
  });
  return fake;
}

function renderHost(url = `/objects/${call.objectId}/call`) {
  return renderRoutes(
    [{ path: '/objects/:objectId/call', element: <HostCallPage objectId={call.objectId} user={agent} /> }],
    { url },
  );
}

/** Counts what reaches the recordings lifecycle: nothing may, before the customer is there. */
function watchRecordingRequests() {
  const seen: string[] = [];
  server.use(
    http.all('/api/recordings*', ({ request }) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return envelope(null);
    }),
  );
  return seen;
}

async function startTheCall() {
  server.use(
    http.post(`/api/objects/${call.objectId}/calls`, () => envelope(call)),
    http.get(`/api/calls/${call.id}`, () => envelope(call)),
  );
  const rendered = renderHost();
  await userEvent.click(await screen.findByRole('button', { name: 'Start call' }));
  expect(await screen.findByLabelText('Guest link')).toHaveValue(call.guestUrl);
  const socket = FakeSocket.latest();
  await waitFor(() => expect(socket.sent[0]).toEqual({ type: 'hello', role: 'host' }));
  act(() => socket.receive({ type: 'welcome', role: 'host' }));
  return { ...rendered, socket };
}

/** The customer joins: their page says it is ready, the host offers, media flows. */
async function customerJoins(socket: FakeSocket) {
  act(() => socket.receive({ type: 'ready', session: 'guest-page-1' }));
  await waitFor(() => expect(socket.sent.some((message) => message.type === 'description')).toBe(true));
  act(() => FakePeerConnection.latest().connect());
}

beforeEach(() => installCallDoubles());
afterEach(() => {
  removeCallDoubles();
  vi.mocked(startRecorder).mockReset();
});

describe('the agent’s call page', () => {
  it('starts the call, then waits for the customer: the call will be recorded, nothing is recorded yet', async () => {
    const recordings = watchRecordingRequests();
    let answer: () => void = () => undefined;
    server.use(
      http.post(`/api/objects/${call.objectId}/calls`, async () => {
        await new Promise<void>((resolve) => (answer = resolve));
        return envelope(call);
      }),
      http.get(`/api/calls/${call.id}`, () => envelope(call)),
    );
    const { router } = renderHost();
    expect(screen.getByRole('heading', { name: 'Video call' })).toBeInTheDocument();
    expect(screen.getByText('This call is recorded.')).toBeInTheDocument();
    const start = await screen.findByRole('button', { name: 'Start call' });
    await waitFor(() => expect(start).toBeEnabled());
    await userEvent.click(start);
    expect(start).toBeDisabled();

    answer();
    expect(await screen.findByLabelText('Guest link')).toHaveValue(call.guestUrl);
    expect(router.state.location.search).toBe(`?call=${call.id}`);
    expect(screen.getByRole('heading', { name: 'Call · Refund for order 1001' })).toBeInTheDocument();
    const socket = FakeSocket.latest();
    await waitFor(() => expect(socket.sent[0]).toEqual({ type: 'hello', role: 'host' }));
    act(() => socket.receive({ type: 'welcome', role: 'host' }));

    expect(screen.getByTestId('call-status')).toHaveTextContent('Waiting for the customer to join…');
    expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Will be recorded');
    expect(screen.getByTestId('recording-status')).toHaveTextContent(
      'The recording starts when the customer joins.',
    );
    expect(startRecorder).not.toHaveBeenCalled();
    expect(recordings).toEqual([]);
  });

  it('records from the moment the customer is connected, and says so to both', async () => {
    const recorder = fakeRecorder();
    const { socket } = await startTheCall();
    act(() => socket.receive({ type: 'ready', session: 'guest-page-1' }));
    await waitFor(() => expect(socket.sent.some((message) => message.type === 'description')).toBe(true));
    // Negotiating is not being connected: still nothing recorded.
    expect(startRecorder).not.toHaveBeenCalled();

    act(() => FakePeerConnection.latest().connect());
    expect(screen.getByTestId('call-status')).toHaveTextContent('Connected');
    await waitFor(() => expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Recording'));
    expect(startRecorder).toHaveBeenCalledTimes(1);
    expect(startRecorder).toHaveBeenCalledWith(
      expect.objectContaining({ callId: call.id, objectId: call.objectId, agent: 'agent' }),
    );
    expect(socket.sent).toContainEqual({
      type: 'media',
      state: expect.objectContaining({ recording: true, name: 'Alex Agent' }),
    });

    recorder.report({ kind: 'uploading', pendingBytes: 0, retrying: false });
    expect(screen.getByTestId('recording-status')).toHaveTextContent(
      'Recording; uploading as the call goes.',
    );
    recorder.report({ kind: 'uploading', pendingBytes: 2_500_000, retrying: true });
    expect(screen.getByTestId('recording-status')).toHaveTextContent(
      'Uploading is paused: the server can’t be reached. The recording is kept in this browser and sent when the connection returns. 2.5 MB waiting.',
    );
  });

  it('shows what the customer does: muted, camera off, sharing, and a dropped connection', async () => {
    fakeRecorder();
    const { socket } = await startTheCall();
    await customerJoins(socket);
    act(() =>
      socket.receive({
        type: 'media',
        state: { muted: true, cameraOff: true, sharing: false, recording: false, name: 'Casey Customer' },
      }),
    );
    expect(screen.getByText('Casey Customer is muted')).toBeInTheDocument();
    expect(screen.getByText('Casey Customer’s camera is off')).toBeInTheDocument();
    act(() =>
      socket.receive({
        type: 'media',
        state: { muted: false, cameraOff: true, sharing: true, recording: false, name: 'Casey Customer' },
      }),
    );
    expect(screen.getByText('Casey Customer is sharing their screen')).toBeInTheDocument();
    expect(screen.queryByText('Casey Customer is muted')).not.toBeInTheDocument();

    const pc = FakePeerConnection.latest();
    act(() => pc.setIceState('failed'));
    expect(screen.getByTestId('call-status')).toHaveTextContent('Connection lost. Reconnecting…');
    await waitFor(() => expect(pc.offers.at(-1)).toEqual({ iceRestart: true }));
    act(() => pc.setIceState('connected'));
    expect(screen.getByTestId('call-status')).toHaveTextContent('Connected');
  });

  it('ends when the customer hangs up: the last slice is sent and the recording saved', async () => {
    const recorder = fakeRecorder();
    const { socket } = await startTheCall();
    await customerJoins(socket);
    await waitFor(() => expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Recording'));

    act(() => socket.receive({ type: 'ended', reason: 'hangup', by: 'guest' }));
    expect(screen.getByTestId('call-status')).toHaveTextContent('The customer hung up. The call has ended.');
    expect(screen.queryByRole('button', { name: 'Hang up' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('recording-indicator')).not.toBeInTheDocument();
    expect(recorder.stop).toHaveBeenCalledTimes(1);

    recorder.report({ kind: 'uploading', pendingBytes: 300_000, retrying: false });
    expect(screen.getByTestId('recording-status')).toHaveTextContent('Saving the recording… 0.3 MB waiting.');
    recorder.report({
      kind: 'completed',
      result: { activity: { duration: 20 } },
    } as unknown as UploadState);
    expect(screen.getByTestId('recording-status')).toHaveTextContent('Recording saved (0:20).');
    expect(screen.getByRole('link', { name: 'See it on the conversation' })).toHaveAttribute(
      'href',
      `/objects/${call.objectId}`,
    );
  });

  it('hangs up for both', async () => {
    const recorder = fakeRecorder();
    const { socket } = await startTheCall();
    await customerJoins(socket);
    await userEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(socket.sent).toContainEqual({ type: 'hangup', reason: 'hangup' });
    expect(screen.getByTestId('call-status')).toHaveTextContent('You hung up. The call has ended.');
    await waitFor(() => expect(recorder.stop).toHaveBeenCalledTimes(1));
  });

  it('a call ended before the customer joined leaves no recording', async () => {
    const recordings = watchRecordingRequests();
    const { socket } = await startTheCall();
    await userEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(screen.getByTestId('call-status')).toHaveTextContent('You hung up. The call has ended.');
    expect(socket.sent).toContainEqual({ type: 'hangup', reason: 'hangup' });
    expect(startRecorder).not.toHaveBeenCalled();
    expect(recordings).toEqual([]);
  });

  it('says when the call opened by its address has ended', async () => {
    server.use(http.get(`/api/calls/${call.id}`, () => envelope({ ...call, state: 'ended' })));
    renderHost(`/objects/${call.objectId}/call?call=${call.id}`);
    expect(await screen.findByRole('heading', { name: 'This call has ended' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start call' })).not.toBeInTheDocument();
  });
});

describe('in a browser that cannot record', () => {
  it('without MediaRecorder: warns before the call, holds it unrecorded, and tells the customer', async () => {
    const recordings = watchRecordingRequests();
    server.use(
      http.post(`/api/objects/${call.objectId}/calls`, () => envelope(call)),
      http.get(`/api/calls/${call.id}`, () => envelope(call)),
    );
    renderHost();
    const warning =
      'This browser cannot record video (it has no MediaRecorder). The call can go ahead, but it will not be recorded.';
    expect(screen.getByText(new RegExp(`^${warning.replace(/[().]/g, '\\$&')}`))).toBeInTheDocument();

    await userEvent.click(await screen.findByRole('button', { name: 'Start call' }));
    await screen.findByLabelText('Guest link');
    const socket = FakeSocket.latest();
    await waitFor(() => expect(socket.sent[0]).toEqual({ type: 'hello', role: 'host' }));
    act(() => socket.receive({ type: 'welcome', role: 'host' }));
    await customerJoins(socket);

    await waitFor(() => expect(screen.getByTestId('recording-indicator')).toHaveTextContent('Not recorded'));
    expect(screen.getByTestId('recording-status')).toHaveTextContent(warning);
    expect(screen.getByTestId('call-status')).toHaveTextContent('Connected');
    expect(socket.sent).toContainEqual({
      type: 'media',
      state: expect.objectContaining({ recording: false, recordingUnavailable: true }),
    });
    expect(recordings).toEqual([]);
  });

  it('without a WebM or MP4 codec: says so before the call', async () => {
    vi.stubGlobal(
      'MediaRecorder',
      class {
        static isTypeSupported = () => false;
      },
    );
    renderHost();
    expect(
      screen.getByText(
        /^This browser cannot record in WebM or MP4\. The call can go ahead, but it will not be recorded\./,
      ),
    ).toBeInTheDocument();
  });
});
