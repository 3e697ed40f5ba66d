// The call itself, for either side: the other party's video large, one's own small, what is happening
// (connecting, reconnecting, quality, the other side muted or without camera), the recording indicator,
// and the controls: mute, camera, screen share, hang up.
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { Button } from '../../components/Button';
import type { CallSession, CallSnapshot } from './call-session';

/** A call session made once for the component's life, and left when it unmounts. */
export function useCallSessionOf(create: () => CallSession): CallSession | null {
  const [session, setSession] = useState<CallSession | null>(null);
  const factory = useRef(create);
  useEffect(() => {
    const created = factory.current();
    setSession(created);
    return () => created.dispose();
  }, []);
  return session;
}

export function useCallSnapshot(session: CallSession): CallSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/**
 * The recording indicator: `pending` until the recorder runs (it starts when both are connected, so
 * both already know the call will be recorded), `on` while it runs, `unavailable` where the host's
 * browser cannot record.
 */
export type RecordingIndicator = 'pending' | 'on' | 'unavailable';

export function CallRoom({
  session,
  remoteName,
  recording,
  localVideoRef,
  remoteVideoRef,
  aside,
}: {
  session: CallSession;
  remoteName: string;
  recording: RecordingIndicator;
  localVideoRef?: RefObject<HTMLVideoElement | null>;
  remoteVideoRef?: RefObject<HTMLVideoElement | null>;
  aside?: ReactNode;
}) {
  const call = useCallSnapshot(session);
  const ownLocal = useRef<HTMLVideoElement>(null);
  const ownRemote = useRef<HTMLVideoElement>(null);
  const localRef = localVideoRef ?? ownLocal;
  const remoteRef = remoteVideoRef ?? ownRemote;
  const [shareProblem, setShareProblem] = useState<string | null>(null);

  useEffect(() => {
    if (localRef.current) localRef.current.srcObject = call.localView;
  }, [call.localView, localRef]);
  useEffect(() => {
    if (remoteRef.current && remoteRef.current.srcObject !== call.remoteStream) {
      remoteRef.current.srcObject = call.remoteStream;
    }
  }, [call.remoteStream, remoteRef]);

  const ended = call.status === 'ended' || call.status === 'refused';
  const remoteCameraOff = call.remote?.cameraOff && !call.remote.sharing;

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div>
        <div className="relative aspect-video overflow-hidden rounded-xl bg-slate-900">
          <video
            ref={remoteRef}
            autoPlay
            playsInline
            aria-label="Remote video"
            className={`size-full object-contain ${call.remoteStream && !remoteCameraOff ? '' : 'invisible'}`}
          />
          {(!call.remoteStream || remoteCameraOff) && (
            <div className="absolute inset-0 grid place-items-center text-center text-slate-200">
              <p className="text-lg font-semibold">
                {remoteCameraOff ? `${remoteName}’s camera is off` : call.peerPresent ? remoteName : ''}
              </p>
            </div>
          )}
          <div className="absolute top-3 left-3 flex flex-wrap gap-2">
            {!ended && <RecordingBadge state={recording} />}
            {call.remote?.muted && (
              <span className="rounded-full bg-slate-900/80 px-2.5 py-1 text-xs font-semibold text-white">
                {remoteName} is muted
              </span>
            )}
            {call.remote?.sharing && (
              <span className="rounded-full bg-slate-900/80 px-2.5 py-1 text-xs font-semibold text-white">
                {remoteName} is sharing their screen
              </span>
            )}
          </div>
          <div className="absolute right-3 bottom-3 w-1/4 min-w-32 overflow-hidden rounded-lg bg-slate-800 ring-2 ring-white/70">
            <video
              ref={localRef}
              autoPlay
              muted
              playsInline
              aria-label="Your video"
              className={`aspect-video w-full object-cover ${call.local.sharing ? '' : '-scale-x-100'} ${call.local.cameraOff && !call.local.sharing ? 'invisible' : ''}`}
            />
          </div>
        </div>
        <div role="status" aria-live="polite" className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          <span
            className={`font-medium ${call.status === 'connected' ? 'text-emerald-700' : ended ? 'text-slate-800' : 'text-amber-700'}`}
            data-testid="call-status"
          >
            {call.statusText}
          </span>
          {call.quality && (
            <span className="text-slate-600" data-testid="call-quality">
              Connection: {call.quality === 'good' ? 'good' : call.quality === 'fair' ? 'fair' : 'poor'}
            </span>
          )}
        </div>
        {!ended && (
          <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Call controls">
            <Button variant="secondary" onClick={() => session.setMuted(!call.local.muted)}>
              {call.local.muted ? 'Unmute' : 'Mute'}
            </Button>
            <Button
              variant="secondary"
              aria-pressed={!call.local.cameraOff}
              title={
                call.local.cameraOff ? 'Your camera is off: turn it on' : 'Your camera is on: turn it off'
              }
              onClick={() => session.setCameraOff(!call.local.cameraOff)}
            >
              Camera
            </Button>
            <Button
              variant="secondary"
              aria-pressed={call.local.sharing}
              onClick={() => {
                setShareProblem(null);
                const change = call.local.sharing ? session.stopSharing() : session.startSharing();
                change.catch((error: unknown) =>
                  setShareProblem(
                    error instanceof DOMException && error.name === 'NotAllowedError'
                      ? 'Screen sharing was cancelled or not allowed.'
                      : 'Your screen could not be shared in this browser.',
                  ),
                );
              }}
            >
              {call.local.sharing ? 'Stop sharing' : 'Share screen'}
            </Button>
            <Button
              className="bg-red-700 hover:bg-red-800 active:bg-red-900"
              onClick={() => session.hangup()}
            >
              Hang up
            </Button>
          </div>
        )}
        {shareProblem && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {shareProblem}
          </p>
        )}
      </div>
      <aside className="flex flex-col gap-4">{aside}</aside>
    </div>
  );
}

function RecordingBadge({ state }: { state: RecordingIndicator }) {
  if (state === 'on') {
    return (
      <span
        data-testid="recording-indicator"
        className="inline-flex items-center gap-1.5 rounded-full bg-red-600 px-2.5 py-1 text-xs font-semibold text-white"
      >
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-white" />
        Recording
      </span>
    );
  }
  return (
    <span
      data-testid="recording-indicator"
      title={
        state === 'pending'
          ? 'The recording starts when both of you are connected.'
          : 'This browser cannot record the call.'
      }
      className="inline-flex items-center gap-1.5 rounded-full bg-slate-900/80 px-2.5 py-1 text-xs font-semibold text-white"
    >
      <span
        aria-hidden="true"
        className={`size-2 rounded-full ${state === 'pending' ? 'ring-2 ring-red-400' : 'bg-slate-400'}`}
      />
      {state === 'pending' ? 'Will be recorded' : 'Not recorded'}
    </span>
  );
}
