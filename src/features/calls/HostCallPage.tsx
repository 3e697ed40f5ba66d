// `/objects/:objectId/call`: the agent's side. Before the call: the preview and "Start call"; then the
// guest link to send, the call, and its recording, composed and uploaded from this browser as it goes.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { CurrentUser } from '../../../contract/auth';
import type { Call } from '../../../contract/calls';
import { Spinner } from '../../components/Spinner';
import { StatePanel } from '../../components/StatePanel';
import { describeError } from '../../lib/api-client';
import { formatDuration } from '../../lib/format';
import { callQueryOptions, getCall, startCall } from './api';
import { CallSession } from './call-session';
import { CallRoom, useCallSessionOf, useCallSnapshot } from './CallRoom';
import { DevicePreview } from './DevicePreview';
import { stopStream } from './media';
import { startRecorder, whyRecordingIsUnavailable, type CallRecorder } from './recorder/recorder';
import type { UploadState } from './recorder/uploader';
import { ErrorMessage } from '../../components/ErrorMessage';

export function HostCallPage({ objectId, user }: { objectId: string; user: CurrentUser }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const callId = searchParams.get('call');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const start = useMutation({ mutationFn: () => startCall(objectId) });
  const call = useQuery({ ...callQueryOptions(callId ?? ''), enabled: Boolean(callId) });
  const [cannotRecord] = useState(whyRecordingIsUnavailable);

  useEffect(() => () => stopStream(stream), [stream]);

  const header = (
    <div className="mb-6">
      <nav aria-label="Breadcrumb">
        <Link to={`/objects/${objectId}`} className="text-sm font-medium text-slate-600 hover:text-brand-800">
          ← Back to the conversation
        </Link>
      </nav>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
        {call.data ? `Call · ${call.data.objectTitle}` : 'Video call'}
      </h1>
    </div>
  );

  if (callId && call.isError) {
    return (
      <div className="mx-auto max-w-5xl">
        <title>Call · Tapeline</title>
        {header}
        <StatePanel icon="error" title="This call can’t be opened">
          {describeError(call.error)}
        </StatePanel>
      </div>
    );
  }

  if (!stream || !callId || !call.data) {
    return (
      <div className="mx-auto max-w-5xl">
        <title>Start a call · Tapeline</title>
        {header}
        {callId && call.data?.state === 'ended' ? (
          <StatePanel icon="empty" title="This call has ended">
            Start a new call from the conversation.
          </StatePanel>
        ) : (
          <DevicePreview
            action={callId ? 'Rejoin call' : 'Start call'}
            pending={start.isPending || (Boolean(callId) && call.isPending)}
            onConfirm={(opened) => {
              if (callId) return setStream(opened);
              start.mutate(undefined, {
                onSuccess: (started) => {
                  setSearchParams({ call: started.id }, { replace: true });
                  setStream(opened);
                },
                onError: () => stopStream(opened),
              });
            }}
          >
            {cannotRecord && (
              <p role="status" className="text-sm text-amber-900">
                {cannotRecord}
              </p>
            )}
            <ErrorMessage error={start.error} />
          </DevicePreview>
        )}
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-6xl">
      <title>{`Call · ${call.data.objectTitle} · Tapeline`}</title>
      {header}
      <HostCall call={call.data} stream={stream} user={user} />
    </div>
  );
}

function HostCall({ call, stream, user }: { call: Call; stream: MediaStream; user: CurrentUser }) {
  const name = `${user.first_name} ${user.last_name}`.trim();
  const session = useCallSessionOf(
    () =>
      new CallSession({
        callId: call.id,
        role: 'host',
        ice: call.ice,
        refreshIce: () => getCall(call.id).then((fresh) => fresh.ice),
        name,
        camera: stream,
        recording: false,
      }),
  );
  return session ? (
    <HostCallRoom call={call} stream={stream} user={user} session={session} name={name} />
  ) : (
    <Spinner />
  );
}

function HostCallRoom({
  call,
  stream,
  user,
  session,
  name,
}: {
  call: Call;
  stream: MediaStream;
  user: CurrentUser;
  session: CallSession;
  name: string;
}) {
  const snapshot = useCallSnapshot(session);
  const localVideo = useRef<HTMLVideoElement>(null);
  const remoteVideo = useRef<HTMLVideoElement>(null);
  const recorder = useRef<CallRecorder | null>(null);
  const [recorderProblem, setRecorderProblem] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const queryClient = useQueryClient();
  const remoteName = snapshot.remote?.name ?? 'Customer';

  // The page going away (tab closed, navigation) ends the call for the guest too; what was recorded
  // stays in this browser and is uploaded on the next visit.
  useEffect(() => {
    const leave = () => session.hangup('closed');
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [session]);

  // Recording starts when the two are connected, once.
  const connected = snapshot.status === 'connected' && snapshot.remoteStream !== null;
  useEffect(() => {
    if (!connected || recorder.current || recorderProblem) return;
    recorder.current = {} as CallRecorder; // claimed while it starts
    startRecorder({
      callId: call.id,
      objectId: call.objectId,
      agent: user.username,
      tiles: () => {
        const current = session.getSnapshot();
        return [
          {
            video: localVideo.current,
            name,
            off: current.local.cameraOff && !current.local.sharing,
            screen: current.local.sharing,
          },
          {
            video: remoteVideo.current,
            name: current.remote?.name ?? 'Customer',
            off: Boolean(current.remote?.cameraOff && !current.remote.sharing) || !current.remoteStream,
            screen: Boolean(current.remote?.sharing),
          },
        ];
      },
      audio: [stream, session.getSnapshot().remoteStream].filter((s): s is MediaStream => s !== null),
      onUpload: (state) => {
        setUpload(state);
        if (state.kind === 'completed') void queryClient.invalidateQueries({ queryKey: ['objects'] });
      },
    })
      .then((started) => {
        recorder.current = started;
        session.setRecording(true);
        // The call may have ended while the recorder started.
        if (session.getSnapshot().status === 'ended') void started.stop();
      })
      .catch((error: unknown) => {
        session.setRecording(false, true);
        setRecorderProblem(error instanceof Error ? error.message : describeError(error));
      });
  }, [connected, call.id, call.objectId, name, queryClient, recorderProblem, session, stream, user.username]);

  // The other side's voice joins the mix whenever its stream changes (it reloaded: a new connection).
  useEffect(() => {
    if (snapshot.remoteStream && recorder.current?.addAudio) recorder.current.addAudio(snapshot.remoteStream);
  }, [snapshot.remoteStream]);

  const ended = snapshot.status === 'ended';
  useEffect(() => {
    if (ended && recorder.current?.stop) {
      void recorder.current.stop();
      session.setRecording(false);
    }
  }, [ended, session]);

  return (
    <CallRoom
      session={session}
      remoteName={remoteName}
      recording={recorderProblem ? 'unavailable' : snapshot.local.recording ? 'on' : 'pending'}
      localVideoRef={localVideo}
      remoteVideoRef={remoteVideo}
      aside={
        <>
          <GuestLink call={call} />
          <RecordingStatus problem={recorderProblem} upload={upload} ended={ended} objectId={call.objectId} />
        </>
      }
    />
  );
}

function GuestLink({ call }: { call: Call }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium text-slate-800" htmlFor="guest-link">
        Guest link
      </label>
      <input
        id="guest-link"
        readOnly
        value={call.guestUrl}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 block w-full rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
      />
      <p className="mt-2 text-xs text-slate-600">
        Send it to the customer. It lets one person join, once, until{' '}
        {new Date(call.linkExpiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.
      </p>
      <button
        type="button"
        className="mt-2 text-sm font-semibold text-brand-800 hover:underline"
        onClick={() => void navigator.clipboard?.writeText(call.guestUrl).then(() => setCopied(true))}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

function RecordingStatus({
  problem,
  upload,
  ended,
  objectId,
}: {
  problem: string | null;
  upload: UploadState | null;
  ended: boolean;
  objectId: string;
}) {
  let text: React.ReactNode = 'The recording starts when the customer joins.';
  if (problem) text = problem;
  else if (upload?.kind === 'completed') {
    text = (
      <>
        Recording saved ({formatDuration(upload.result.activity.duration)}).{' '}
        <Link to={`/objects/${objectId}`} className="font-semibold text-brand-800 hover:underline">
          See it on the conversation
        </Link>
      </>
    );
  } else if (upload?.kind === 'failed') text = `The recording could not be saved: ${upload.message}`;
  else if (upload?.kind === 'uploading') {
    const waiting = upload.pendingBytes > 0 ? ` ${(upload.pendingBytes / 1e6).toFixed(1)} MB waiting.` : '';
    text = upload.retrying ? (
      `Uploading is paused: the server can’t be reached. The recording is kept in this browser and sent when the connection returns.${waiting}`
    ) : ended ? (
      <span className="inline-flex items-center gap-2">
        <Spinner /> Saving the recording…{waiting}
      </span>
    ) : (
      `Recording; uploading as the call goes.${waiting}`
    );
  }
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <h2 className="font-semibold text-slate-900">Recording</h2>
      <p role="status" className="mt-1" data-testid="recording-status">
        {text}
      </p>
    </div>
  );
}
