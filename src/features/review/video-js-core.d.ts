// video.js ships no types for its core build (the player without VHS/HLS); it is the same API.
declare module 'video.js/core.es.js' {
  import videojs from 'video.js';
  export default videojs;
}
