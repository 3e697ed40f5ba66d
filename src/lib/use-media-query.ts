// Whether a CSS media query matches now, re-rendering when it changes (for layouts that differ in
// structure, not only in style, such as the collapsed navigation).
import { useCallback, useSyncExternalStore } from 'react';

/** Without `matchMedia` (old test environments) the query counts as matching. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => typeof window.matchMedia !== 'function' || window.matchMedia(query).matches,
    () => true,
  );
}
