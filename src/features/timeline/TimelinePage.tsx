// `/objects/:objectId`: a conversation's recordings, newest first, grouped by local day, loaded page by page.
import { useCallback, useMemo } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { objectRecordingPagesQueryOptions, objectsQueryOptions } from '../../api/activities';
import { qaSummaryQueryOptions } from '../../api/qa';
import { Button, ButtonLink } from '../../components/Button';
import { SkeletonBlock } from '../../components/Skeleton';
import { Spinner } from '../../components/Spinner';
import { FirstRecordingHelp } from '../../components/FirstRecordingHelp';
import { StatePanel } from '../../components/StatePanel';
import { objectIdSchema, type ConversationObject } from '../../../contract/activities';
import { isApiError } from '../../lib/api-client';
import { QaFilterSelect } from './QaFilterSelect';
import { TimelineList } from './TimelineList';
import { timelineRows } from './timeline-rows';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';

/**
 * `canFilterByQa`: the caller evaluates recordings (QA managers, admins) and may list only unevaluated ones.
 * `canCall`: the caller may start a recorded call on the conversation (its agent, admins).
 */
export function TimelinePage({
  canFilterByQa = false,
  canCall = false,
}: {
  canFilterByQa?: boolean;
  canCall?: boolean;
}) {
  const { objectId = '' } = useParams();
  // A malformed id cannot name a conversation; asking the server would only earn a 400.
  const validId = objectIdSchema.safeParse(objectId).success;
  const pages = useInfiniteQuery({ ...objectRecordingPagesQueryOptions(objectId), enabled: validId });
  const objects = useQuery({ ...objectsQueryOptions(), enabled: validId });
  const qaSummaries = useQuery({ ...qaSummaryQueryOptions(objectId), enabled: validId });
  const object = objects.data?.find((candidate) => candidate.objectId === objectId);

  const [searchParams, setSearchParams] = useSearchParams();
  const unevaluatedOnly = canFilterByQa && searchParams.get('qa') === 'unevaluated';
  const setUnevaluatedOnly = (only: boolean) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (only) next.set('qa', 'unevaluated');
        else next.delete('qa');
        return next;
      },
      { replace: true },
    );

  const allEntries = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const entries = useMemo(
    () =>
      unevaluatedOnly
        ? allEntries.filter((entry) => qaSummaries.data?.get(entry.key)?.state === 'not_evaluated')
        : allEntries,
    [allEntries, unevaluatedOnly, qaSummaries.data],
  );
  const rows = useMemo(() => timelineRows(entries), [entries]);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  const notFound = !validId || (isApiError(pages.error) && pages.error.status === 404);
  if (notFound) return <ConversationNotFound />;

  const total = hasNextPage ? object?.recordingCount : allEntries.length;
  // The filter needs the QA states; until they arrive it cannot say which recordings are unevaluated.
  const filterPending = unevaluatedOnly && qaSummaries.isPending;
  const filterFailed = unevaluatedOnly && qaSummaries.isError;
  const title = object?.title ?? `Conversation ${objectId}`;

  return (
    // A comfortable reading width: a row is scanned left to right, agent then time then badges.
    <div className="mx-auto max-w-4xl">
      <title>{`${title} · Tapeline`}</title>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <TimelineHeader title={title} object={object} total={total} loaded={allEntries.length} />
        {canCall && <ButtonLink to={`/objects/${encodeURIComponent(objectId)}/call`}>Start call</ButtonLink>}
      </div>
      {canFilterByQa && (
        <div className="mt-4 flex justify-end">
          <QaFilterSelect unevaluatedOnly={unevaluatedOnly} onChange={setUnevaluatedOnly} />
        </div>
      )}

      <div className="mt-6">
        {pages.isPending || filterPending ? (
          <TimelineSkeleton />
        ) : pages.isError ? (
          <QueryErrorPanel title="We couldn’t load the recordings" query={pages} />
        ) : filterFailed ? (
          <QueryErrorPanel title="We couldn’t load which recordings are evaluated" query={qaSummaries} />
        ) : unevaluatedOnly && entries.length === 0 && !hasNextPage ? (
          <StatePanel
            icon="search"
            title="Every recording on this conversation has been evaluated"
            actions={
              <Button variant="secondary" onClick={() => setUnevaluatedOnly(false)}>
                Show all recordings
              </Button>
            }
          >
            No recording here is waiting for an evaluation.
          </StatePanel>
        ) : allEntries.length === 0 ? (
          <StatePanel icon="empty" title="No recordings on this conversation yet">
            When a call on this conversation is recorded, it appears here.
            <FirstRecordingHelp objectId={objectId} />
          </StatePanel>
        ) : (
          <>
            <TimelineList
              rows={rows}
              complete={!hasNextPage}
              loadMore={loadMore}
              qaSummaries={qaSummaries.data}
            />
            <div role="status" className="flex min-h-12 items-center justify-center text-sm text-slate-600">
              {isFetchingNextPage ? (
                <span className="inline-flex items-center gap-2">
                  <Spinner /> Loading more recordings…
                </span>
              ) : isFetchNextPageError ? (
                <span className="inline-flex items-center gap-3 text-red-800">
                  Loading more recordings failed.
                  <Button variant="secondary" onClick={() => void fetchNextPage()}>
                    Retry
                  </Button>
                </span>
              ) : !hasNextPage ? (
                <span className="text-slate-500">That’s the first recording on this conversation.</span>
              ) : null}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function TimelineHeader({
  title,
  object,
  total,
  loaded,
}: {
  title: string;
  object: ConversationObject | undefined;
  total: number | undefined;
  loaded: number;
}) {
  const count = total ?? loaded;
  return (
    <div>
      <nav aria-label="Breadcrumb">
        <Link
          to="/"
          className="inline-flex items-center gap-1 rounded text-sm font-medium text-slate-600 hover:text-brand-800"
        >
          <svg viewBox="0 0 20 20" className="size-4 fill-current" aria-hidden="true">
            <path d="M12.7 4.3a1 1 0 0 1 0 1.4L8.42 10l4.3 4.3a1 1 0 0 1-1.42 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0Z" />
          </svg>
          Conversations
        </Link>
      </nav>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
        {object && (
          <>
            <span>
              <span className="sr-only">Agent: </span>
              {object.agent.first_name} {object.agent.last_name}
            </span>
            <span aria-hidden="true" className="text-slate-300">
              ·
            </span>
            <span>
              <span className="sr-only">Team: </span>
              {object.team.name}
            </span>
            <span aria-hidden="true" className="text-slate-300">
              ·
            </span>
          </>
        )}
        <span data-testid="recording-total">
          {count}
          {total === undefined && loaded > 0 ? '+' : ''} {count === 1 ? 'recording' : 'recordings'}
        </span>
      </p>
    </div>
  );
}

function TimelineSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading recordings">
      <div aria-hidden="true">
        <SkeletonBlock className="mb-3 h-4 w-40" />
        {Array.from({ length: 5 }, (_, index) => (
          <div
            key={index}
            className="mb-2 flex h-18 items-center gap-4 rounded-xl border border-slate-200 bg-white px-4"
          >
            <SkeletonBlock className="size-10 rounded-lg" />
            <div className="flex-1">
              <SkeletonBlock className="h-4 w-40" />
              <SkeletonBlock className="mt-2 h-3 w-28" />
            </div>
            <SkeletonBlock className="h-5 w-12" />
            <SkeletonBlock className="h-5 w-14" />
          </div>
        ))}
      </div>
    </div>
  );
}

function ConversationNotFound() {
  return (
    <>
      <title>Conversation not found · Tapeline</title>
      <StatePanel
        icon="locked"
        headingLevel={1}
        title="This conversation doesn’t exist or you don’t have access to it"
        actions={<ButtonLink to="/">Go to your conversations</ButtonLink>}
      >
        Check the link you followed, or ask your team lead for access.
      </StatePanel>
    </>
  );
}
