// The virtualized result list: only hits near the viewport are in the DOM, however many pages are loaded.
// j/k move between hits (focusing each hit's link, so Enter opens it); the next page loads near the end.
// The page keys it by the search, so a new search starts with no hit active.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { SearchHit } from '../../../contract/search';
import { isTypingTarget } from '../../lib/keyboard';
import { SearchHitCard } from './SearchHitCard';

const ESTIMATED_HIT_HEIGHT = 132;
const PREFETCH_HITS = 10;

export function SearchResults({
  hits,
  loadMore,
  complete,
  hitActions,
}: {
  hits: SearchHit[];
  loadMore: () => void;
  /** Every page is loaded. */
  complete: boolean;
  hitActions?: (hit: SearchHit) => ReactNode;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const top = listRef.current?.getBoundingClientRect().top ?? 0;
    setScrollMargin(top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: hits.length,
    estimateSize: () => ESTIMATED_HIT_HEIGHT,
    getItemKey: (index) => hits[index]?.id ?? index,
    overscan: 6,
    scrollMargin,
  });
  const items = virtualizer.getVirtualItems();

  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= hits.length - 1 - PREFETCH_HITS) loadMore();
  }, [lastIndex, hits.length, loadMore]);

  const [active, setActive] = useState(-1);
  const focusWanted = useRef(false);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target) || hits.length === 0) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      event.preventDefault();
      const next = event.key === 'j' ? Math.min(active + 1, hits.length - 1) : Math.max(active - 1, 0);
      setActive(next);
      focusWanted.current = true;
      virtualizer.scrollToIndex(next, { align: 'auto' });
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [active, hits.length, virtualizer]);

  // The active hit's link takes focus once it is rendered, so Enter opens it.
  useEffect(() => {
    if (!focusWanted.current) return;
    const link = listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"] [data-hit-link]`);
    if (link) {
      link.focus({ preventScroll: true });
      focusWanted.current = false;
    }
  });

  return (
    <div
      ref={listRef}
      role="list"
      aria-label="Search results"
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {items.map((item) => {
        const hit = hits[item.index]!;
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            role="listitem"
            aria-posinset={item.index + 1}
            aria-setsize={complete ? hits.length : -1}
            className="absolute inset-x-0 top-0 pb-3"
            style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
            onFocus={() => setActive(item.index)}
          >
            <SearchHitCard hit={hit} active={item.index === active} actions={hitActions?.(hit)} />
          </div>
        );
      })}
    </div>
  );
}
