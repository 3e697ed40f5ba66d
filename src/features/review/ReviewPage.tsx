// /objects/:objectId/recordings/:activityId?t=<seconds> — watch one recording of a conversation.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { objectRecordingsQueryOptions, objectsQueryOptions, type RecordingEntry } from '../../api/activities';
import { ButtonAnchor, ButtonLink } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { objectIdSchema } from '../../../contract/activities';
import { isApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import { RecordingBadges, RecordingDetails, agentName } from './RecordingDetails';
import { RecordingNeighbours } from './RecordingNeighbours';
import { recordingDownloadUrl, useRecordingViewed } from './api';
import { parseStartTime } from './recording-metadata';
import { ReviewPlayer } from './ReviewPlayer';
import type { ShortcutHelp } from './shortcuts';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';

export interface ReviewSidePanelContext {
  recording: RecordingEntry;
  /** Null until the player has loaded (it is a lazily loaded chunk). */
  player: ReviewPlayerControls | null;
}

export function ReviewPage({
  sidePanel,
  sidePanelShortcuts = [],
}: {
  /** Shown beside the player, above the recording details (the app puts the QA panel here). */
  sidePanel?: (context: ReviewSidePanelContext) => ReactNode;
  /** The side panel's own keys, listed in the `?` dialog with the player's. */
  sidePanelShortcuts?: ShortcutHelp[];
} = {}) {
  const { objectId = '', activityId = '' } = useParams();
  const [player, setPlayer] = useState<ReviewPlayerControls | null>(null);
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const validObjectId = objectIdSchema.safeParse(objectId).success;
  const recordings = useQuery({ ...objectRecordingsQueryOptions(objectId), enabled: validObjectId });
  const objectTitle = useQuery({
    ...objectsQueryOptions(),
    enabled: validObjectId,
    select: (objects) => objects.find((object) => object.objectId === objectId)?.title,
  });

  const fetchFreshUrl = useCallback(async () => {
    // The refresh controller does its own back-off; the list is asked for again, never served from cache.
    const fresh = await queryClient.fetchQuery({
      ...objectRecordingsQueryOptions(objectId),
      staleTime: 0,
      retry: false,
    });
    const match = fresh.find((recording) => recording.key === activityId);
    if (!match) throw new Error('This recording is no longer available.');
    return match.recordingUrl;
  }, [queryClient, objectId, activityId]);

  const found = recordings.data?.some((entry) => entry.key === activityId && entry.id === activityId);
  useRecordingViewed(found ? activityId : null);

  const notFound =
    !validObjectId ||
    (recordings.isError &&
      !recordings.data &&
      isApiError(recordings.error) &&
      (recordings.error.status === 404 || recordings.error.status === 400));
  if (notFound) return <RecordingNotFound objectId={validObjectId ? objectId : null} />;

  if (!recordings.data) {
    if (recordings.isError) {
      return (
        <>
          <title>Recording unavailable · Tapeline</title>
          <QueryErrorPanel headingLevel={1} title="Couldn’t load this recording" query={recordings} />
        </>
      );
    }
    return <ReviewLoading />;
  }

  const recording = recordings.data.find((entry) => entry.key === activityId);
  if (!recording) return <RecordingNotFound objectId={objectId} />;

  const agent = agentName(recording);
  const heading = agent ? `Call with ${agent}` : 'Call recording';
  const recordedAt = formatDateTime(new Date(recording.timestamp));
  const conversation = objectTitle.data ?? `Conversation ${objectId}`;

  return (
    <div>
      <title>{`${heading}, ${recordedAt} · Tapeline`}</title>
      <nav aria-label="Breadcrumb" className="mb-4">
        <ol className="flex min-w-0 items-center gap-1.5 text-sm text-slate-600">
          <li>
            <Link to="/" className="rounded hover:text-slate-900 hover:underline">
              Home
            </Link>
          </li>
          <li aria-hidden="true" className="text-slate-400">
            /
          </li>
          <li className="min-w-0 truncate">
            <Link
              to={`/objects/${encodeURIComponent(objectId)}`}
              className="rounded hover:text-slate-900 hover:underline"
            >
              {conversation}
            </Link>
          </li>
          <li aria-hidden="true" className="text-slate-400">
            /
          </li>
          <li aria-current="page" className="shrink-0 font-medium text-slate-900">
            Recording
          </li>
        </ol>
      </nav>

      <header className="mb-6 flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{heading}</h1>
          <p className="mt-1 text-[0.9375rem] text-slate-600">
            <time dateTime={recording.timestamp}>{recordedAt}</time>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <RecordingBadges recording={recording} />
          {recording.id && (
            <ButtonAnchor variant="secondary" href={recordingDownloadUrl(recording.id)} download>
              Download
            </ButtonAnchor>
          )}
        </div>
      </header>

      {/* Two columns from lg on: the player, and a side column with the side panel and the details. */}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-label="Player" className="min-w-0 space-y-6">
          <ReviewPlayer
            key={recording.key}
            objectId={objectId}
            recording={recording}
            issuedAt={recordings.dataUpdatedAt}
            startAt={parseStartTime(searchParams.get('t'))}
            label={`${heading}, ${recordedAt}`}
            fetchFreshUrl={fetchFreshUrl}
            extraShortcuts={sidePanelShortcuts}
            onControls={setPlayer}
          />
          <RecordingNeighbours objectId={objectId} recordings={recordings.data} currentKey={recording.key} />
        </section>
        <div className="min-w-0 space-y-6">
          {sidePanel?.({ recording, player })}
          <RecordingDetails recording={recording} />
        </div>
      </div>
    </div>
  );
}

function ReviewLoading() {
  return (
    <div>
      <title>Loading recording · Tapeline</title>
      <p role="status" className="mb-6 inline-flex items-center gap-2 text-sm text-slate-600">
        <Spinner />
        Loading the recording…
      </p>
      <div aria-hidden="true" className="grid animate-pulse gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="aspect-video rounded-xl bg-slate-200" />
        <div className="h-64 rounded-xl bg-slate-200" />
      </div>
    </div>
  );
}

function RecordingNotFound({ objectId }: { objectId: string | null }) {
  return (
    <div className="py-16 text-center">
      <title>Recording not found · Tapeline</title>
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Recording not found</h1>
      <p className="mt-3 text-[0.9375rem] text-slate-600">
        This recording doesn’t exist or you don’t have access to it.
      </p>
      <ButtonLink to={objectId ? `/objects/${encodeURIComponent(objectId)}` : '/'} className="mt-8">
        {objectId ? 'Back to the timeline' : 'Go to your queue'}
      </ButtonLink>
    </div>
  );
}
