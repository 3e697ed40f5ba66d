// `/search`: one box (`/` focuses it) searching as the user types, filters with facet counts in a sidebar
// that collapses on narrow screens, and the virtualized hits. The whole state is the URL.
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { SEARCH_SORTS, type SearchHit, type SearchSort } from '../../../contract/search';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { Spinner } from '../../components/Spinner';
import { StatePanel } from '../../components/StatePanel';
import { formatCount } from '../../lib/format';
import { isTypingTarget } from '../../lib/keyboard';
import { searchResultsQueryOptions } from './api';
import { SaveSearchForm } from './SaveSearchForm';
import { SearchFilters } from './SearchFilters';
import { SearchResults } from './SearchResults';
import { searchQueryString, sortOf, withParam } from './search-params';

/** How long typing pauses before the search runs (and enters the history). */
const TYPING_PAUSE_MS = 250;

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Best match',
  newest: 'Newest',
  oldest: 'Oldest',
  longest: 'Longest',
  score_asc: 'Lowest score',
  score_desc: 'Highest score',
};

export function SearchPage({ hitActions }: { hitActions?: (hit: SearchHit) => ReactNode }) {
  const [params, setParams] = useSearchParams();
  const query = searchQueryString(params);
  const results = useInfiniteQuery({
    ...searchResultsQueryOptions(query),
    placeholderData: keepPreviousData,
  });
  const hits = useMemo(() => results.data?.pages.flatMap((page) => page.data) ?? [], [results.data]);
  const firstPage = results.data?.pages[0];
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const urlQ = params.get('q') ?? '';
  const sort = sortOf(params);
  const sorts = SEARCH_SORTS.filter((option) => option !== 'relevance' || urlQ.trim() !== '');

  return (
    <>
      <title>Search · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Search recordings</h1>
      <p className="mt-1 text-sm text-slate-600">
        Words in conversation titles, notes and tags, evaluation comments and dispute reasons, across every
        recording you may see.
      </p>

      <SearchBox
        value={urlQ}
        onSearch={(q) => {
          const next = withParam(params, 'q', q);
          if (!q.trim() && next.get('sort') === 'relevance') next.delete('sort');
          setParams(next);
        }}
      />

      <div className="mt-6 gap-8 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside aria-label="Filters" className="mb-6 lg:mb-0">
          <button
            type="button"
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            onClick={() => setFiltersOpen((open) => !open)}
            className="w-full rounded-lg bg-white px-3.5 py-2 text-left text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset lg:hidden"
          >
            {filtersOpen ? 'Hide filters' : 'Show filters'}
          </button>
          <div id={filtersId} className={`${filtersOpen ? 'mt-4' : 'hidden'} lg:block`}>
            <SearchFilters params={params} facets={firstPage?.facets} onChange={setParams} />
          </div>
        </aside>

        <section aria-label="Results" className="min-w-0">
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
              {firstPage
                ? `${firstPage.totalIsEstimate ? 'About ' : ''}${formatCount(firstPage.total, 'recording')}`
                : ''}
              {results.isFetching && !results.isFetchingNextPage && (
                <>
                  <Spinner />
                  <span className="sr-only">Searching…</span>
                </>
              )}
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <label className="flex items-center gap-2 text-sm text-slate-700">
                Sort
                <select
                  value={sort}
                  onChange={(event) => setParams(withParam(params, 'sort', event.target.value))}
                  className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900"
                >
                  {sorts.map((option) => (
                    <option key={option} value={option}>
                      {SORT_LABELS[option]}
                    </option>
                  ))}
                </select>
              </label>
              <SaveSearchForm query={query} />
            </div>
          </div>

          {results.isPending ? (
            <ResultsSkeleton />
          ) : results.isError && !results.data ? (
            <QueryErrorPanel title="The search failed" query={results} />
          ) : hits.length === 0 ? (
            <StatePanel
              icon="search"
              title={urlQ.trim() ? `Nothing matches “${urlQ.trim()}”` : 'No recordings match'}
            >
              Try fewer words or fewer filters.
            </StatePanel>
          ) : (
            <>
              <p className="sr-only">Press j and k to move between results, Enter to open one.</p>
              <SearchResults
                key={query}
                hits={hits}
                loadMore={loadMore}
                complete={!hasNextPage}
                hitActions={hitActions}
              />
              {isFetchingNextPage && (
                <p className="flex items-center justify-center gap-2 py-4 text-sm text-slate-600">
                  <Spinner /> Loading more…
                </p>
              )}
            </>
          )}
        </section>
      </div>
    </>
  );
}

/** The search box: searches after a pause in typing; `/` anywhere on the page focuses it. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  // What this box last sent: the URL catching up with it must not undo what was typed since.
  const [sent, setSent] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  // Back and Forward change the URL: the box follows it.
  if (value !== shownValue) {
    setShownValue(value);
    if (value !== sent) setDraft(value);
  }
  const search = useEffectEvent((q: string) => {
    setSent(q);
    onSearch(q);
  });
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => search(draft), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || isTypingTarget(event.target) || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <form
      role="search"
      className="mt-6"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft === value) return;
        setSent(draft);
        onSearch(draft);
      }}
    >
      <label htmlFor={id} className="sr-only">
        Search recordings
      </label>
      <div className="relative">
        <svg
          viewBox="0 0 20 20"
          className="pointer-events-none absolute top-1/2 left-3.5 size-5 -translate-y-1/2 fill-slate-400"
          aria-hidden="true"
        >
          <path d="M8.5 2a6.5 6.5 0 0 1 5.2 10.4l3.95 3.95a.9.9 0 0 1-1.27 1.27L12.43 13.7A6.5 6.5 0 1 1 8.5 2Zm0 1.8a4.7 4.7 0 1 0 0 9.4 4.7 4.7 0 0 0 0-9.4Z" />
        </svg>
        <input
          ref={inputRef}
          id={id}
          type="search"
          value={draft}
          placeholder='Search words, "a phrase", -exclude'
          autoComplete="off"
          spellCheck={false}
          aria-keyshortcuts="/"
          onChange={(event) => setDraft(event.target.value)}
          className="block w-full rounded-xl border border-slate-300 bg-white py-3 pr-12 pl-11 text-base text-slate-900 shadow-xs placeholder:text-slate-500 hover:border-slate-400 focus:border-brand-600"
        />
        <kbd className="pointer-events-none absolute top-1/2 right-3.5 -translate-y-1/2 rounded border border-slate-300 px-1.5 text-xs text-slate-500">
          /
        </kbd>
      </div>
    </form>
  );
}

function ResultsSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Searching">
      <ul aria-hidden="true" className="space-y-3">
        {Array.from({ length: 5 }, (_, index) => (
          <li key={index} className="rounded-xl border border-slate-200 bg-white p-4">
            <SkeletonBlock className="h-5 w-2/3" />
            <SkeletonBlock className="mt-2 h-4 w-1/3" />
            <SkeletonBlock className="mt-4 h-4 w-3/4" />
          </li>
        ))}
      </ul>
    </div>
  );
}
