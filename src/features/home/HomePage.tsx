// `/`: the caller's queue (what to do next), then the conversations the caller may see, most recent
// activity first, with a quick text filter.
import { useDeferredValue, useId, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { objectsQueryOptions } from '../../api/activities';
import { Button } from '../../components/Button';
import { SkeletonBlock } from '../../components/Skeleton';
import { FirstRecordingHelp } from '../../components/FirstRecordingHelp';
import { StatePanel } from '../../components/StatePanel';
import type { ConversationObject } from '../../../contract/activities';

import { ConversationCard } from './ConversationCard';
import { FilterField } from './FilterField';
import { QueueSection } from './QueueSection';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { formatCount } from '../../lib/format';

/**
 * `training` and `savedSearches`: the playlists' and the search feature's sections, composed in by the
 * app (features do not import each other).
 */
export function HomePage({
  training,
  savedSearches,
}: {
  training?: ReactNode;
  savedSearches?: ReactNode;
} = {}) {
  const objects = useQuery(objectsQueryOptions());
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const sorted = useMemo(() => (objects.data ? byRecentActivity(objects.data) : []), [objects.data]);
  const visible = useMemo(() => matching(sorted, deferredFilter), [sorted, deferredFilter]);
  const listHeadingId = useId();

  return (
    <>
      <title>Conversations · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Conversations</h1>
      <p className="mt-1 text-sm text-slate-600">
        What is waiting for you, then every conversation with recorded calls you can see.
      </p>

      {training}

      <div className="mt-6">
        <QueueSection />
      </div>

      {savedSearches}

      <section aria-labelledby={listHeadingId} className="mt-10">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id={listHeadingId} className="text-lg font-semibold tracking-tight text-slate-900">
              All conversations
            </h2>
            <p className="mt-1 text-sm text-slate-600">Most recent activity first.</p>
          </div>
          {objects.isSuccess && sorted.length > 0 && (
            <FilterField value={filter} onChange={setFilter} className="w-full sm:w-80" />
          )}
        </div>

        <div className="mt-4">
          {objects.isPending ? (
            <ConversationsSkeleton />
          ) : objects.isError ? (
            <QueryErrorPanel title="We couldn’t load your conversations" query={objects} />
          ) : sorted.length === 0 ? (
            <StatePanel icon="empty" title="No conversations yet">
              Conversations appear here once a call on them has been recorded.
              <FirstRecordingHelp />
            </StatePanel>
          ) : visible.length === 0 ? (
            <StatePanel
              icon="search"
              title={`No conversations match “${deferredFilter.trim()}”`}
              actions={
                <Button variant="secondary" onClick={() => setFilter('')}>
                  Clear filter
                </Button>
              }
            >
              The filter looks at titles, agents and teams.
            </StatePanel>
          ) : (
            <>
              <p className="sr-only" role="status">
                {filter ? `${formatCount(visible.length, 'conversation')} match the filter` : ''}
              </p>
              <ul aria-label="Conversations" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
                {visible.map((object) => (
                  <li key={object.objectId}>
                    <ConversationCard object={object} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </section>
    </>
  );
}

function byRecentActivity(objects: ConversationObject[]): ConversationObject[] {
  const time = (object: ConversationObject) =>
    object.lastActivityTime ? Date.parse(object.lastActivityTime) : Number.NEGATIVE_INFINITY;
  return [...objects].sort((a, b) => time(b) - time(a));
}

function matching(objects: ConversationObject[], filter: string): ConversationObject[] {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return objects;
  return objects.filter((object) => {
    const text =
      `${object.title} ${object.agent.first_name} ${object.agent.last_name} ${object.team.name}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}

function ConversationsSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading conversations">
      <ul aria-hidden="true" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, index) => (
          <li key={index} className="rounded-xl border border-slate-200 bg-white p-5">
            <SkeletonBlock className="h-5 w-3/4" />
            <SkeletonBlock className="mt-3 h-4 w-1/2" />
            <div className="mt-5 flex gap-2">
              <SkeletonBlock className="h-5 w-20" />
              <SkeletonBlock className="h-5 w-24" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
