// Before joining: the camera's picture, a choice of camera and microphone, a clear message when they
// cannot be used, and the notice that the call is recorded.
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { describeMediaError, listDevices, openLocalMedia, stopStream, type DeviceChoice } from './media';

export function DevicePreview({
  action,
  pending = false,
  onConfirm,
  children,
}: {
  /** The button's words: "Start call", "Join call". */
  action: string;
  pending?: boolean;
  /** Hands the open stream over; from then on the caller stops it. */
  onConfirm: (stream: MediaStream) => void;
  children?: React.ReactNode;
}) {
  const [choice, setChoice] = useState<DeviceChoice>({});
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [devices, setDevices] = useState<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }>({
    cameras: [],
    microphones: [],
  });
  const handedOver = useRef(false);
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    let current: MediaStream | null = null;
    let cancelled = false;
    openLocalMedia(choice)
      .then(async (opened) => {
        if (cancelled) return stopStream(opened);
        current = opened;
        setStream(opened);
        setProblem(null);
        setDevices(await listDevices());
      })
      .catch((error: unknown) => {
        if (!cancelled) {
          setStream(null);
          setProblem(describeMediaError(error));
        }
      });
    return () => {
      cancelled = true;
      if (!handedOver.current) stopStream(current);
    };
  }, [choice, attempt]);

  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream;
  }, [stream]);

  const activeCamera = stream?.getVideoTracks()[0]?.getSettings().deviceId;
  const activeMicrophone = stream?.getAudioTracks()[0]?.getSettings().deviceId;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="relative aspect-video overflow-hidden rounded-xl bg-slate-900">
        <video
          ref={videoRef}
          autoPlay
          muted
          playsInline
          aria-label="Your camera preview"
          className="size-full -scale-x-100 object-cover"
        />
        {problem && (
          <div role="alert" className="absolute inset-0 grid place-items-center p-6 text-center">
            <div className="max-w-md">
              <p className="text-base font-semibold text-white">Your camera and microphone can’t be used</p>
              <p className="mt-2 text-sm text-slate-200">{problem}</p>
              <Button variant="secondary" className="mt-4" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </Button>
            </div>
          </div>
        )}
      </div>
      <div className="flex flex-col gap-4">
        <RecordedNotice />
        <label className="block text-sm font-medium text-slate-800">
          Camera
          <select
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
            value={activeCamera ?? ''}
            disabled={devices.cameras.length === 0}
            onChange={(event) => setChoice((c) => ({ ...c, cameraId: event.target.value }))}
          >
            {devices.cameras.length === 0 && <option value="">No camera</option>}
            {devices.cameras.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || `Camera ${index + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-800">
          Microphone
          <select
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
            value={activeMicrophone ?? ''}
            disabled={devices.microphones.length === 0}
            onChange={(event) => setChoice((c) => ({ ...c, microphoneId: event.target.value }))}
          >
            {devices.microphones.length === 0 && <option value="">No microphone</option>}
            {devices.microphones.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || `Microphone ${index + 1}`}
              </option>
            ))}
          </select>
        </label>
        {children}
        <Button
          disabled={!stream}
          pending={pending}
          onClick={() => {
            if (!stream) return;
            handedOver.current = true;
            onConfirm(stream);
          }}
        >
          {action}
        </Button>
      </div>
    </div>
  );
}

export function RecordedNotice() {
  return (
    <p className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200">
      <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-red-600" />
      <span>
        <strong className="font-semibold">This call is recorded.</strong> The video and sound of both sides
        are kept for quality and training, and reviewed by the organisation you are calling.
      </span>
    </p>
  );
}
