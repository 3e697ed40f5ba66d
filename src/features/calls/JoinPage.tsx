// `/join/<token>`: the customer's side, no account needed. The preview with the recording notice, then
// "Join call" takes the link's one use (a reload of this tab keeps its key) and connects.
import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { GuestCall } from '../../../contract/calls';
import { Logo } from '../../components/Logo';
import { Spinner } from '../../components/Spinner';
import { StatePanel } from '../../components/StatePanel';
import { describeError } from '../../lib/api-client';
import { joinCall } from './api';
import { CallSession } from './call-session';
import { CallRoom, useCallSessionOf, useCallSnapshot } from './CallRoom';
import { DevicePreview } from './DevicePreview';
import { stopStream } from './media';

const keyName = (token: string) => `tapeline-guest-key:${token.slice(0, 60)}`;

export function JoinPage() {
  const { token = '' } = useParams();
  const [joined, setJoined] = useState<{ call: GuestCall; stream: MediaStream } | null>(null);
  const join = useMutation({
    mutationFn: () => joinCall(token, sessionStorage.getItem(keyName(token)) ?? undefined),
  });

  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 max-w-6xl items-center px-4 sm:px-6">
          <Logo />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {joined ? (
          <>
            <title>{`Call with ${joined.call.hostName} · Tapeline`}</title>
            <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">
              Call with {joined.call.hostName}
            </h1>
            <GuestCallRoom token={token} call={joined.call} stream={joined.stream} />
          </>
        ) : join.isError ? (
          <>
            <title>Call link · Tapeline</title>
            <StatePanel icon="locked" headingLevel={1} title="You can’t join with this link">
              {describeError(join.error)}
            </StatePanel>
          </>
        ) : (
          <>
            <title>Join the call · Tapeline</title>
            <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">Join the video call</h1>
            <DevicePreview
              action="Join call"
              pending={join.isPending}
              onConfirm={(stream) =>
                join.mutate(undefined, {
                  onSuccess: (call) => {
                    sessionStorage.setItem(keyName(token), call.guestKey);
                    setJoined({ call, stream });
                  },
                  onError: () => stopStream(stream),
                })
              }
            />
          </>
        )}
      </main>
    </div>
  );
}

function GuestCallRoom({ token, call, stream }: { token: string; call: GuestCall; stream: MediaStream }) {
  const session = useCallSessionOf(
    () =>
      new CallSession({
        callId: call.callId,
        role: 'guest',
        guestKey: call.guestKey,
        ice: call.ice,
        // The guest's key lets the same guest ask again: fresh TURN credentials for a long call.
        refreshIce: () => joinCall(token, call.guestKey).then((fresh) => fresh.ice),
        name: 'Customer',
        camera: stream,
        recording: false,
      }),
  );
  return session ? <GuestRoom session={session} hostName={call.hostName} stream={stream} /> : <Spinner />;
}

function GuestRoom({
  session,
  hostName,
  stream,
}: {
  session: CallSession;
  hostName: string;
  stream: MediaStream;
}) {
  const snapshot = useCallSnapshot(session);
  const ended = snapshot.status === 'ended';
  const notRecorded = Boolean(snapshot.remote?.recordingUnavailable && !snapshot.remote.recording);
  useEffect(() => {
    if (ended) stopStream(stream);
  }, [ended, stream]);
  return (
    <CallRoom
      session={session}
      remoteName={hostName}
      recording={notRecorded ? 'unavailable' : snapshot.remote?.recording ? 'on' : 'pending'}
      aside={
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
          {ended
            ? 'Thank you. You can close this page.'
            : notRecorded
              ? `This call is not being recorded: ${hostName}’s browser cannot record it.`
              : `${hostName} records this call. The recording indicator shows while it runs.`}
        </p>
      }
    />
  );
}
