// One party's side of a call: the signalling socket (reconnecting), the RTCPeerConnection (the host
// offers, the guest answers; an ICE restart when the connection drops), the local media controls and
// what is known of the other side. React reads it through subscribe/snapshot.
import {
  CALL_CLOSE,
  type CallRole,
  type IceConfig,
  type MediaState,
  type ServerSignal,
} from '../../../contract/calls';
import { apiSocketUrl } from '../../lib/api-client';

export type CallStatus = 'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'ended' | 'refused';
export type Quality = 'good' | 'fair' | 'poor';

export interface CallSnapshot {
  status: CallStatus;
  /** What is happening, for a person. */
  statusText: string;
  remoteStream: MediaStream | null;
  remote: MediaState | null;
  peerPresent: boolean;
  quality: Quality | null;
  local: MediaState;
  /** The stream the local preview shows: the camera, or the shared screen. */
  localView: MediaStream;
}

export interface CallSessionOptions {
  callId: string;
  role: CallRole;
  guestKey?: string;
  ice: IceConfig;
  /** The call's ICE configuration again, with fresh TURN credentials (asked before `ice` expires). */
  refreshIce?: () => Promise<IceConfig>;
  name: string;
  camera: MediaStream;
  recording: boolean;
}

const RECONNECT_DELAYS = [500, 1000, 2000, 3000, 5000];
/** Between ICE restarts that did not reconnect: long enough for one to gather and check candidates. */
const RESTART_RETRY_DELAYS = [4000, 6000, 10_000];
/** When fresh TURN credentials could not be had: try again after this long, while the old ones last. */
const ICE_REFRESH_RETRY = 10_000;

/** The peer connection's configuration from the call's ICE configuration. */
const rtcConfiguration = (ice: IceConfig): RTCConfiguration => ({
  iceServers: ice.iceServers,
  iceTransportPolicy: ice.iceTransportPolicy,
});

export class CallSession {
  readonly session = crypto.randomUUID();
  private socket: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  /** The other party's page session the current connection was made with. */
  private peerSession: string | null = null;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private restartAttempt = 0;
  /** The ICE configuration new connections and ICE restarts use: the call's, refreshed before it expires. */
  private ice: IceConfig;
  private iceTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private lastInbound: { lost: number; received: number } | null = null;
  private screen: MediaStream | null = null;
  private closed = false;
  private listeners = new Set<() => void>();
  private snapshot: CallSnapshot;

  constructor(private readonly options: CallSessionOptions) {
    this.snapshot = {
      status: 'connecting',
      statusText: 'Connecting to the call…',
      remoteStream: null,
      remote: null,
      peerPresent: false,
      quality: null,
      local: {
        muted: false,
        cameraOff: false,
        sharing: false,
        recording: options.recording,
        name: options.name,
      },
      localView: options.camera,
    };
    this.ice = options.ice;
    this.scheduleIceRefresh();
    this.connect();
    this.statsTimer = setInterval(() => void this.measure(), 2000);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private update(patch: Partial<CallSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((listener) => listener());
  }

  private get waitingText() {
    return this.options.role === 'host'
      ? 'Waiting for the customer to join…'
      : 'Waiting for the agent to join…';
  }

  // ---- signalling ----

  private connect() {
    if (this.closed) return;
    const socket = new WebSocket(
      apiSocketUrl(`/api/calls/${encodeURIComponent(this.options.callId)}/signal`),
    );
    this.socket = socket;
    socket.onopen = () => {
      socket.send(
        JSON.stringify({ type: 'hello', role: this.options.role, guestKey: this.options.guestKey }),
      );
    };
    socket.onmessage = (event) => void this.receive(JSON.parse(String(event.data)) as ServerSignal);
    socket.onclose = (event) => {
      if (this.socket !== socket || this.closed) return;
      this.socket = null;
      if (event.code === CALL_CLOSE.ended) return this.finish('The call has ended.');
      if (event.code === CALL_CLOSE.refused) {
        this.stop();
        return this.update({ status: 'refused', statusText: event.reason || 'You may not join this call.' });
      }
      if (event.code === CALL_CLOSE.replaced) {
        this.stop();
        return this.update({ status: 'refused', statusText: 'You joined this call from another window.' });
      }
      const delay = RECONNECT_DELAYS[Math.min(this.reconnectAttempt++, RECONNECT_DELAYS.length - 1)]!;
      this.update({
        status: 'reconnecting',
        statusText: 'Connection to the call server lost. Reconnecting…',
      });
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private send(message: object) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private sendMedia() {
    this.send({ type: 'media', state: this.snapshot.local });
  }

  private async receive(message: ServerSignal) {
    switch (message.type) {
      case 'welcome':
        this.reconnectAttempt = 0;
        if (this.snapshot.status === 'connecting' || this.pcState() !== 'connected') {
          this.update({ status: 'waiting', statusText: this.waitingText });
        } else {
          this.update({ status: 'connected', statusText: 'Connected' });
        }
        this.send({ type: 'ready', session: this.session });
        if (this.options.role === 'host' && this.pc && this.pcState() !== 'connected') {
          await this.offer(false, true);
        }
        return;
      case 'peer':
        this.update({ peerPresent: message.present });
        if (!message.present && this.snapshot.status !== 'ended') {
          this.update({
            status: 'reconnecting',
            statusText:
              this.options.role === 'host'
                ? 'The customer lost their connection. Waiting for them to come back…'
                : 'The agent lost their connection. Waiting for them to come back…',
          });
        }
        return;
      case 'ready':
        this.update({ peerPresent: true });
        this.sendMedia();
        if (this.options.role === 'guest') {
          // The host answers our ready with an offer; tell a host that connected after us we are here.
          if (message.session !== this.peerSession) this.send({ type: 'ready', session: this.session });
          return;
        }
        if (message.session !== this.peerSession || !this.pc) {
          this.peerSession = message.session;
          await this.offer(true);
        } else if (this.pcState() !== 'connected') {
          await this.offer(false, true);
        }
        return;
      case 'restart':
        if (this.options.role === 'host') await this.offer(false, true);
        return;
      case 'description':
        await this.onDescription(message.session, message.description as RTCSessionDescriptionInit);
        return;
      case 'candidate':
        if (message.session !== this.peerSession || !message.candidate) return;
        if (this.pc?.remoteDescription)
          await this.pc.addIceCandidate(message.candidate).catch(() => undefined);
        else this.pendingCandidates.push(message.candidate);
        return;
      case 'media':
        this.update({ remote: message.state });
        return;
      case 'ended':
        this.finish(
          message.by === this.options.role
            ? 'You hung up. The call has ended.'
            : message.by === 'server'
              ? 'The agent left the call. The call has ended.'
              : message.reason === 'closed'
                ? `The ${this.options.role === 'host' ? 'customer' : 'agent'} left the call. The call has ended.`
                : `The ${this.options.role === 'host' ? 'customer' : 'agent'} hung up. The call has ended.`,
        );
        return;
      case 'error':
        console.warn('Signalling:', message.message);
        return;
    }
  }

  // ---- the peer connection ----

  private pcState() {
    return this.pc?.iceConnectionState === 'connected' || this.pc?.iceConnectionState === 'completed'
      ? 'connected'
      : 'other';
  }

  private newPeerConnection() {
    this.pc?.close();
    this.pendingCandidates = [];
    const pc = new RTCPeerConnection(rtcConfiguration(this.ice));
    this.pc = pc;
    const remoteStream = new MediaStream();
    pc.ontrack = (event) => {
      remoteStream.addTrack(event.track);
      this.update({ remoteStream });
    };
    pc.onicecandidate = (event) =>
      this.send({ type: 'candidate', session: this.session, candidate: event.candidate?.toJSON() ?? null });
    pc.oniceconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const state = pc.iceConnectionState;
      if (state === 'connected' || state === 'completed') {
        clearTimeout(this.restartTimer);
        this.restartTimer = undefined;
        this.restartAttempt = 0;
        this.update({ status: 'connected', statusText: 'Connected' });
      } else if (state === 'disconnected' || state === 'failed') {
        this.update({ status: 'reconnecting', statusText: 'Connection lost. Reconnecting…' });
        // A brief dropout often heals itself; a failure, or one that lasts, gets an ICE restart.
        // While restarts are under way, their own timer decides the next one.
        if (this.restartTimer === undefined) this.scheduleRestart(state === 'failed' ? 0 : 2000);
      }
    };
    const view = this.screen ?? this.options.camera;
    for (const track of [...this.options.camera.getAudioTracks(), ...view.getVideoTracks()]) {
      pc.addTrack(track, this.options.camera);
    }
    return pc;
  }

  /**
   * TURN credentials expire (TURN_CREDENTIAL_TTL) while a call may go on: fresh ones are asked for when a
   * quarter of their remaining life is left, and handed to the connection, so the ICE restart that follows
   * a dropout an hour into the call can still reach the relay.
   */
  private scheduleIceRefresh(delay?: number) {
    clearTimeout(this.iceTimer);
    const expiresAt = this.ice.expiresAt === null ? NaN : Date.parse(this.ice.expiresAt);
    if (this.closed || !this.options.refreshIce || Number.isNaN(expiresAt)) return;
    this.iceTimer = setTimeout(
      () => void this.refreshIce(),
      delay ?? Math.max(0, (expiresAt - Date.now()) * 0.75),
    );
  }

  private async refreshIce() {
    try {
      const ice = await this.options.refreshIce!();
      if (this.closed) return;
      this.ice = ice;
      this.pc?.setConfiguration(rtcConfiguration(ice));
      this.scheduleIceRefresh();
    } catch {
      // Not reachable just now (the network may be what dropped): again soon.
      this.scheduleIceRefresh(ICE_REFRESH_RETRY);
    }
  }

  /**
   * An ICE restart in `delay` ms, and another after each one that has not brought the connection back
   * (the network may return long after the first try), until it is connected again.
   */
  private scheduleRestart(delay: number) {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.closed || this.pcState() === 'connected') return void (this.restartTimer = undefined);
      void this.requestRestart();
      const next = RESTART_RETRY_DELAYS[Math.min(this.restartAttempt++, RESTART_RETRY_DELAYS.length - 1)]!;
      this.scheduleRestart(next);
    }, delay);
  }

  private async requestRestart() {
    if (this.closed) return;
    if (this.options.role === 'host') await this.offer(false, true);
    else this.send({ type: 'restart' });
  }

  private async offer(fresh: boolean, iceRestart = false) {
    const pc = fresh || !this.pc ? this.newPeerConnection() : this.pc;
    // An offer that never got its answer (lost while signalling was down) is withdrawn for the new one.
    if (pc.signalingState === 'have-local-offer' && iceRestart) {
      await pc.setLocalDescription({ type: 'rollback' });
    }
    if (pc.signalingState !== 'stable') return;
    await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
    this.send({ type: 'description', session: this.session, description: pc.localDescription?.toJSON() });
  }

  private async onDescription(session: string, description: RTCSessionDescriptionInit) {
    if (this.options.role === 'guest' && description.type === 'offer') {
      if (session !== this.peerSession || !this.pc) {
        this.peerSession = session;
        this.newPeerConnection();
      }
      const pc = this.pc!;
      await pc.setRemoteDescription(description);
      await this.flushCandidates();
      await pc.setLocalDescription(await pc.createAnswer());
      this.send({ type: 'description', session: this.session, description: pc.localDescription?.toJSON() });
    } else if (this.options.role === 'host' && description.type === 'answer') {
      if (this.pc?.signalingState === 'have-local-offer') {
        await this.pc.setRemoteDescription(description);
        await this.flushCandidates();
      }
    }
  }

  private async flushCandidates() {
    const candidates = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of candidates) await this.pc?.addIceCandidate(candidate).catch(() => undefined);
  }

  private async measure() {
    const pc = this.pc;
    if (!pc || this.pcState() !== 'connected') return this.snapshot.quality && this.update({ quality: null });
    const stats = await pc.getStats();
    let rtt: number | null = null;
    let lost = 0;
    let received = 0;
    stats.forEach((report: Record<string, unknown>) => {
      if (
        report.type === 'candidate-pair' &&
        report.nominated &&
        typeof report.currentRoundTripTime === 'number'
      ) {
        rtt = report.currentRoundTripTime;
      }
      if (report.type === 'inbound-rtp') {
        lost += Number(report.packetsLost ?? 0);
        received += Number(report.packetsReceived ?? 0);
      }
    });
    const previous = this.lastInbound ?? { lost: 0, received: 0 };
    this.lastInbound = { lost, received };
    const newLost = lost - previous.lost;
    const total = newLost + (received - previous.received);
    const loss = total > 0 ? newLost / total : 0;
    const roundTrip = rtt ?? 0;
    const quality: Quality =
      roundTrip < 0.15 && loss < 0.02 ? 'good' : roundTrip < 0.4 && loss < 0.08 ? 'fair' : 'poor';
    if (quality !== this.snapshot.quality) this.update({ quality });
  }

  // ---- controls ----

  setMuted(muted: boolean) {
    this.options.camera.getAudioTracks().forEach((track) => (track.enabled = !muted));
    this.update({ local: { ...this.snapshot.local, muted } });
    this.sendMedia();
  }

  setCameraOff(cameraOff: boolean) {
    this.options.camera.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
    this.update({ local: { ...this.snapshot.local, cameraOff } });
    this.sendMedia();
  }

  /** Tells the other side whether the call is recorded now, or will not be (`unavailable`). */
  setRecording(recording: boolean, unavailable = false) {
    this.update({ local: { ...this.snapshot.local, recording, recordingUnavailable: unavailable } });
    this.sendMedia();
  }

  /** Shares a screen instead of the camera; the other side and the recording show it. */
  async startSharing() {
    if (!navigator.mediaDevices?.getDisplayMedia) throw new Error('This browser cannot share a screen.');
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = screen.getVideoTracks()[0]!;
    track.onended = () => void this.stopSharing();
    this.screen = screen;
    await this.videoSender()?.replaceTrack(track);
    this.update({ localView: screen, local: { ...this.snapshot.local, sharing: true } });
    this.sendMedia();
  }

  async stopSharing() {
    if (!this.screen) return;
    this.screen.getTracks().forEach((track) => track.stop());
    this.screen = null;
    await this.videoSender()?.replaceTrack(this.options.camera.getVideoTracks()[0] ?? null);
    this.update({ localView: this.options.camera, local: { ...this.snapshot.local, sharing: false } });
    this.sendMedia();
  }

  private videoSender() {
    return this.pc?.getSenders().find((sender) => sender.track?.kind === 'video' || sender.track === null);
  }

  // ---- ending ----

  /** Ends the call for both sides. `closed`: the page is going away, not a deliberate hang-up. */
  hangup(reason: 'hangup' | 'closed' = 'hangup') {
    this.send({ type: 'hangup', reason });
    this.finish('You hung up. The call has ended.');
  }

  private finish(statusText: string) {
    this.stop();
    this.update({ status: 'ended', statusText, quality: null });
  }

  private stop() {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.restartTimer);
    clearTimeout(this.iceTimer);
    clearInterval(this.statsTimer);
    const socket = this.socket;
    this.socket = null;
    // Let a hang-up message leave before the socket closes.
    if (socket) setTimeout(() => socket.close(1000), 200);
    this.pc?.close();
    this.pc = null;
    this.screen?.getTracks().forEach((track) => track.stop());
  }

  /** Leaves without ending the call (the component unmounts); the other side sees us go. */
  dispose() {
    if (!this.closed) this.stop();
    this.listeners.clear();
  }
}
