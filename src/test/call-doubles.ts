// Stand-ins for what jsdom lacks and a call needs: camera and microphone streams, getUserMedia and the
// device list, a signalling socket the test speaks through as the server, and a peer connection the test
// connects. Installed with `installCallDoubles()`, removed with `removeCallDoubles()`.
import { vi } from 'vitest';

let trackCount = 0;

export class FakeTrack {
  readonly id = `track-${++trackCount}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  onended: (() => void) | null = null;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId = `${kind}-device-1`,
  ) {}
  stop() {
    this.readyState = 'ended';
  }
  getSettings() {
    return { deviceId: this.deviceId };
  }
}

export class FakeMediaStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  addTrack(track: FakeTrack) {
    this.tracks.push(track);
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((track) => track.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((track) => track.kind === 'video');
  }
}

/** A camera and microphone stream, from the given devices. */
export function cameraStream(cameraId = 'camera-1', microphoneId = 'microphone-1') {
  return new FakeMediaStream([new FakeTrack('audio', microphoneId), new FakeTrack('video', cameraId)]);
}

export const twoCameras = [
  { kind: 'videoinput', deviceId: 'camera-1', label: 'Front camera', groupId: '1' },
  { kind: 'videoinput', deviceId: 'camera-2', label: 'Desk camera', groupId: '2' },
  { kind: 'audioinput', deviceId: 'microphone-1', label: 'Built-in microphone', groupId: '1' },
];

/** What the page's getUserMedia answers; by default a stream from the asked-for devices. */
export function stubMediaDevices({
  getUserMedia = (constraints: MediaStreamConstraints) => {
    const exact = (c: boolean | MediaTrackConstraints | undefined) =>
      typeof c === 'object' && c.deviceId && typeof c.deviceId === 'object' && 'exact' in c.deviceId
        ? String(c.deviceId.exact)
        : undefined;
    return Promise.resolve(cameraStream(exact(constraints.video), exact(constraints.audio)));
  },
  devices = twoCameras,
}: {
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<FakeMediaStream>;
  devices?: { kind: string; deviceId: string; label: string; groupId: string }[];
} = {}) {
  const mediaDevices = {
    getUserMedia: vi.fn(getUserMedia),
    enumerateDevices: vi.fn(() => Promise.resolve(devices)),
  };
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: mediaDevices });
  return mediaDevices;
}

export const domError = (name: string) => new DOMException('refused', name);

/** The signalling socket; the test plays the server with `receive` and `closeWith`. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  readonly sent: { type: string; [key: string]: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
    queueMicrotask(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.();
    });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as { type: string });
  }
  close() {
    this.readyState = FakeSocket.CLOSED;
  }
  /** A message from the server. */
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  closeWith(code: number, reason = '') {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
  static latest() {
    return FakeSocket.instances.at(-1)!;
  }
}

/** The peer connection; `connect` plays the other side arriving, `drop` the network going. */
export class FakePeerConnection {
  static instances: FakePeerConnection[] = [];
  iceConnectionState: RTCIceConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: { type: string; sdp: string; toJSON(): object } | null = null;
  remoteDescription: object | null = null;
  readonly offers: { iceRestart?: boolean }[] = [];
  private readonly senders: {
    track: FakeTrack | null;
    replaceTrack(track: FakeTrack | null): Promise<void>;
  }[] = [];
  ontrack: ((event: { track: FakeTrack }) => void) | null = null;
  onicecandidate: ((event: { candidate: null }) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  /** What `setConfiguration` was given, in order. */
  readonly configurations: RTCConfiguration[] = [];
  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.instances.push(this);
  }
  setConfiguration(configuration: RTCConfiguration) {
    this.configurations.push(configuration);
  }
  addTrack(track: FakeTrack) {
    const sender = {
      track: track as FakeTrack | null,
      replaceTrack: (next: FakeTrack | null) => {
        sender.track = next;
        return Promise.resolve();
      },
    };
    this.senders.push(sender);
    return sender;
  }
  getSenders() {
    return this.senders;
  }
  createOffer(options: { iceRestart?: boolean } = {}) {
    this.offers.push(options);
    return Promise.resolve({ type: 'offer', sdp: `offer ${this.offers.length}` });
  }
  createAnswer() {
    return Promise.resolve({ type: 'answer', sdp: 'answer' });
  }
  setLocalDescription(description: { type: string; sdp?: string }) {
    if (description.type === 'rollback') {
      this.signalingState = 'stable';
      return Promise.resolve();
    }
    const sdp = description.sdp ?? '';
    this.localDescription = { type: description.type, sdp, toJSON: () => ({ type: description.type, sdp }) };
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
    return Promise.resolve();
  }
  setRemoteDescription(description: object) {
    this.remoteDescription = description;
    this.signalingState = this.signalingState === 'have-local-offer' ? 'stable' : 'have-remote-offer';
    return Promise.resolve();
  }
  addIceCandidate() {
    return Promise.resolve();
  }
  getStats() {
    return Promise.resolve(new Map());
  }
  close() {
    this.iceConnectionState = 'closed';
  }
  /** The other side's media arrives and ICE connects. */
  connect(tracks: FakeTrack[] = [new FakeTrack('audio'), new FakeTrack('video')]) {
    tracks.forEach((track) => this.ontrack?.({ track }));
    this.setIceState('connected');
  }
  setIceState(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.oniceconnectionstatechange?.();
  }
  static latest() {
    return FakePeerConnection.instances.at(-1)!;
  }
}

export function installCallDoubles() {
  FakeSocket.instances = [];
  FakePeerConnection.instances = [];
  vi.stubGlobal('MediaStream', FakeMediaStream);
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  return stubMediaDevices();
}

export function removeCallDoubles() {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'mediaDevices');
}
