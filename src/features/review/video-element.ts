// The <video> a recording plays in. The review page puts it on the page with its source as soon as the
// recording is known, so the browser fetches and decodes the first frame while the player's code is still
// loading; video.js then adopts this element (same source: the tech keeps what is already buffered).
export interface VideoElementOptions {
  source: string;
  poster?: string;
  audioOnly?: boolean;
  label: string;
}

export function createVideoElement({
  source,
  poster,
  audioOnly,
  label,
}: VideoElementOptions): HTMLVideoElement {
  const video = document.createElement('video');
  // video.js carries the tag's classes over to the player it builds around it.
  video.className = 'video-js vjs-big-play-centered vjs-tapeline size-full object-contain';
  if (audioOnly) video.classList.add('vjs-tapeline-audio');
  video.preload = 'auto';
  video.playsInline = true;
  video.setAttribute('aria-label', label);
  if (poster) video.poster = poster;
  video.src = source;
  return video;
}
