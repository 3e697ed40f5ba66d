// Where to go after signing in, carried through /login as `?next=`: only paths inside this app.
const LOGIN_PATH = '/login';

export function loginPathFor(wantedPath: string): string {
  return wantedPath === '/' || !isSafeAppPath(wantedPath)
    ? LOGIN_PATH
    : `${LOGIN_PATH}?next=${encodeURIComponent(wantedPath)}`;
}

/** `?next=` wins, then router state `{ from }`; anything else (or another origin) goes home. */
export function pathAfterLogin(search: string, state: unknown): string {
  const candidates = [new URLSearchParams(search).get('next'), fromState(state)];
  return candidates.find((path): path is string => isSafeAppPath(path)) ?? '/';
}

function fromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('from' in state)) return null;
  const from = state.from;
  if (typeof from === 'string') return from;
  // A react-router Location.
  if (typeof from === 'object' && from !== null && 'pathname' in from && typeof from.pathname === 'string') {
    const { search, hash } = from as { search?: unknown; hash?: unknown };
    return `${from.pathname}${typeof search === 'string' ? search : ''}${typeof hash === 'string' ? hash : ''}`;
  }
  return null;
}

function isSafeAppPath(path: string | null | undefined): path is string {
  // '//evil.example' and '/\evil.example' are other origins to a browser.
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  return path !== LOGIN_PATH && !path.startsWith(`${LOGIN_PATH}?`) && !path.startsWith(`${LOGIN_PATH}/`);
}
