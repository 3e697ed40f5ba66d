// The local camera and microphone: opening them with the chosen devices, and saying clearly why not.

export interface DeviceChoice {
  cameraId?: string;
  microphoneId?: string;
}

export class MediaProblem extends Error {
  override readonly name = 'MediaProblem';
}

/** What to tell a person when getUserMedia fails, by the error's name. */
export function describeMediaError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera and microphone access was denied. Allow it in your browser’s site settings (the icon in the address bar), then try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera or microphone was found. Connect one, then try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Your camera or microphone is in use by another application. Close it, then try again.';
    case 'MediaProblem':
      return (error as Error).message;
    default:
      return 'Your camera and microphone could not be opened in this browser.';
  }
}

export async function openLocalMedia(choice: DeviceChoice): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new MediaProblem(
      'This browser cannot use a camera here. Open the page over https in a current browser.',
    );
  }
  return navigator.mediaDevices.getUserMedia({
    audio: choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : true,
    video: {
      ...(choice.cameraId ? { deviceId: { exact: choice.cameraId } } : {}),
      width: { ideal: 960 },
      height: { ideal: 540 },
    },
  });
}

export async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((device) => device.kind === 'videoinput'),
    microphones: devices.filter((device) => device.kind === 'audioinput'),
  };
}

export function stopStream(stream: MediaStream | null | undefined) {
  stream?.getTracks().forEach((track) => track.stop());
}
