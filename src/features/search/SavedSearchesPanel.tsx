// The home page's saved searches: each opens the search page, with the count of hits that arrived since
// the user last opened it.
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { formatCount } from '../../lib/format';
import { savedSearchesQueryOptions, useOpenSavedSearch } from './api';

export function SavedSearchesPanel() {
  const saved = useQuery(savedSearchesQueryOptions());
  const open = useOpenSavedSearch();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className="mt-10">
      <h2 id={headingId} className="text-lg font-semibold tracking-tight text-slate-900">
        Saved searches
      </h2>
      <div className="mt-3">
        {saved.isPending ? (
          <div role="status" aria-busy="true" aria-label="Loading saved searches">
            <SkeletonBlock className="h-10 w-full max-w-md" />
          </div>
        ) : saved.isError ? (
          <QueryErrorNotice title="We couldn’t load your saved searches" query={saved} />
        ) : saved.data.length === 0 ? (
          <p className="text-sm text-slate-600">
            Name a search on the{' '}
            <Link to="/search" className="font-medium text-brand-800 underline">
              Search
            </Link>{' '}
            page to keep it here.
          </p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {saved.data.map((search) => (
              <li key={search.id}>
                <Link
                  to={`/search?${search.query}`}
                  onClick={() => open.mutate(search.id)}
                  className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
                >
                  {search.name}
                  {search.newHits > 0 && (
                    <span className="rounded-full bg-brand-700 px-2 py-px text-xs font-semibold text-white">
                      {search.newHits >= 1000 ? '1000+' : search.newHits} new
                      <span className="sr-only"> ({formatCount(search.newHits, 'new recording')})</span>
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
