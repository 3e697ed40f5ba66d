// The video.js chunk, on its own: the review page renders it lazily, and the router starts fetching it
// as soon as a recording page is navigated to, alongside the page's own code and data.
export const loadVideoPlayer = () => import('./VideoPlayer');
