// The virtualized timeline: only the rows near the viewport are in the DOM, so 10 000 recordings scroll
// like 20. Day headers and entries form one flat list; the current day's header sticks under the app bar.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import type { RecordingQaSummary } from '../../../contract/evaluations';
import { formatCount, formatDayLabel } from '../../lib/format';
import { RecordingRow } from './RecordingRow';
import type { TimelineRow } from './timeline-rows';

/** Fixed heights (px) keep scrolling free of measuring; rows are laid out to fit them. */
export const DAY_ROW_HEIGHT = 52;
export const ENTRY_ROW_HEIGHT = 80;
/** Start loading the next page this many rows before the end, so the user rarely waits for it. */
const PREFETCH_ROWS = 15;
/** The app bar's height: the sticky day header sits right under it. */
const APP_BAR_HEIGHT = 64;

export function TimelineList({
  rows,
  complete,
  loadMore,
  qaSummaries,
}: {
  rows: TimelineRow[];
  /** QA state per recording key; undefined while loading or when it could not be loaded. */
  qaSummaries?: ReadonlyMap<string, RecordingQaSummary>;
  /** Every page is loaded: the set size is known. */
  complete: boolean;
  /** Called when the user nears the end and another page exists and is not already on its way. */
  loadMore: () => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const scrollMargin = useDocumentOffset(listRef);
  const dayIndexes = useMemo(() => rows.flatMap((row, index) => (row.kind === 'day' ? [index] : [])), [rows]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const sticky = dayAtOrBefore(dayIndexes, range.startIndex);
      const indexes = defaultRangeExtractor(range);
      return sticky === undefined || indexes.includes(sticky) ? indexes : [sticky, ...indexes];
    },
    [dayIndexes],
  );

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]?.kind === 'day' ? DAY_ROW_HEIGHT : ENTRY_ROW_HEIGHT),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 10,
    scrollMargin,
    rangeExtractor,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const activeDay = virtualizer.range ? dayAtOrBefore(dayIndexes, virtualizer.range.startIndex) : 0;

  const lastIndex = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 1 - PREFETCH_ROWS) loadMore();
  }, [lastIndex, rows.length, loadMore]);

  const now = useMinuteClock();

  return (
    <div
      ref={listRef}
      role="list"
      aria-label="Recordings"
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualItems.map((item) => {
        const row = rows[item.index]!;
        const sticky = item.index === activeDay;
        return (
          <div
            key={item.key}
            role="listitem"
            aria-posinset={item.index + 1}
            aria-setsize={complete ? rows.length : -1}
            className={`inset-x-0 top-0 ${sticky ? 'sticky z-10' : 'absolute'}`}
            style={{
              height: item.size,
              ...(sticky
                ? { top: APP_BAR_HEIGHT }
                : { transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }),
            }}
          >
            {row.kind === 'day' ? (
              <DayHeader date={row.date} count={row.count} now={now} sticky={sticky} />
            ) : (
              <div className="pb-2">
                <RecordingRow
                  entry={row.entry}
                  date={row.date}
                  now={now}
                  qa={qaSummaries?.get(row.entry.key)}
                />
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

// Memoized: scrolling re-renders the list every frame, but a row only changes with its data or the clock.
const DayHeader = memo(function DayHeader({
  date,
  count,
  now,
  sticky,
}: {
  date: Date;
  count: number;
  now: Date;
  sticky: boolean;
}) {
  return (
    <div className={`flex h-full items-end pb-2 ${sticky ? 'bg-slate-50/95 backdrop-blur' : ''}`}>
      <h2 className="flex items-baseline gap-2 text-sm font-semibold text-slate-900">
        {formatDayLabel(date, now)}
        <span className="text-xs font-normal text-slate-500">{formatCount(count, 'recording')}</span>
      </h2>
    </div>
  );
});

/** One clock for every row ("3 minutes ago"), ticking once a minute rather than on every scroll frame. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The last day header at or before `index` (binary search: a long history has thousands of days). */
function dayAtOrBefore(dayIndexes: number[], index: number): number | undefined {
  let low = 0;
  let high = dayIndexes.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (dayIndexes[middle]! <= index) {
      found = dayIndexes[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Where the list starts in the document: the virtualizer needs it to map window scroll to rows. */
function useDocumentOffset(ref: React.RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      if (ref.current) setOffset(ref.current.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref]);
  return offset;
}
