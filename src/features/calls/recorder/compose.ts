// The recording's picture and sound: both parties drawn onto one canvas (side by side, or a shared
// screen with the faces beside it), with their names, and both voices mixed with Web Audio.

export interface Tile {
  video: HTMLVideoElement | null;
  name: string;
  /** Draw a placeholder with the name instead of the picture. */
  off: boolean;
  /** A shared screen: drawn large, the faces beside it. */
  screen: boolean;
}

// 960×540 at 20 frames a second: enough for faces and a shared screen's text, and an encoding load the
// agent's machine carries beside the call itself.
const WIDTH = 960;
const HEIGHT = 540;
const FPS = 20;

export interface Composition {
  stream: MediaStream;
  /** Mixes this stream's audio into the recording (each track once). */
  addAudio(stream: MediaStream): void;
  stop(): void;
}

export function composeCall(tiles: () => Tile[]): Composition {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext('2d')!;
  const draw = () => {
    context.fillStyle = '#0f172a';
    context.fillRect(0, 0, WIDTH, HEIGHT);
    const current = tiles();
    const screen = current.find((tile) => tile.screen && !tile.off);
    if (screen) {
      drawTile(context, screen, 0, 0, 720, HEIGHT);
      current
        .filter((tile) => tile !== screen)
        .forEach((tile, index) => drawTile(context, tile, 726, 6 + index * 141, 228, 135));
    } else {
      current.forEach((tile, index) => drawTile(context, tile, index * 480 + 3, 135, 474, 267));
    }
  };
  draw();
  // A timer, not requestAnimationFrame: the recording must go on while the tab is in the background.
  const timer = setInterval(draw, 1000 / FPS);
  const video = canvas.captureStream(FPS);

  const audio = new AudioContext();
  void audio.resume();
  const mix = audio.createMediaStreamDestination();
  // Keeps the mix running even while nobody speaks (and before the other side joins).
  const silence = audio.createConstantSource();
  const quiet = audio.createGain();
  quiet.gain.value = 0;
  silence.connect(quiet).connect(mix);
  silence.start();
  const mixed = new Set<string>();

  return {
    stream: new MediaStream([...video.getVideoTracks(), ...mix.stream.getAudioTracks()]),
    addAudio(stream) {
      for (const track of stream.getAudioTracks()) {
        if (mixed.has(track.id)) continue;
        mixed.add(track.id);
        audio.createMediaStreamSource(new MediaStream([track])).connect(mix);
      }
    },
    stop() {
      clearInterval(timer);
      video.getTracks().forEach((track) => track.stop());
      void audio.close();
    },
  };
}

function drawTile(context: CanvasRenderingContext2D, tile: Tile, x: number, y: number, w: number, h: number) {
  context.fillStyle = '#1e293b';
  context.fillRect(x, y, w, h);
  const video = tile.video;
  if (!tile.off && video && video.videoWidth > 0) {
    const scale = Math.min(w / video.videoWidth, h / video.videoHeight);
    const dw = video.videoWidth * scale;
    const dh = video.videoHeight * scale;
    context.drawImage(video, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
  } else {
    context.fillStyle = '#cbd5e1';
    context.font = `600 ${Math.round(h / 8)}px system-ui, sans-serif`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(tile.name, x + w / 2, y + h / 2);
  }
  const label = tile.screen ? `${tile.name} (screen)` : tile.name;
  context.font = '600 16px system-ui, sans-serif';
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';
  const width = context.measureText(label).width;
  context.fillStyle = 'rgba(15, 23, 42, 0.7)';
  context.fillRect(x + 6, y + h - 32, width + 16, 26);
  context.fillStyle = '#ffffff';
  context.fillText(label, x + 14, y + h - 13);
}

/** The recording format: WebM VP8 (or VP9) with Opus where the browser has it, else MP4; null when none. */
export function recordingMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  const candidates = [
    // VP8 before VP9: the recorder shares the agent's CPU with the call itself, and VP8 encodes for less.
    'video/webm;codecs=vp8,opus',
    'video/webm;codecs=vp9,opus',
    'video/webm',
    'video/mp4;codecs=avc1,mp4a.40.2',
    'video/mp4',
  ];
  return candidates.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}
