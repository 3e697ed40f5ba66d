// One recording in the caller's queue: the whole row links to its review page.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../components/Badge';
import { ScoreBadge } from '../../components/ScoreBadge';
import type { QueueRecording } from '../../../contract/queue';
import { formatDateTime, formatDuration, formatRelativeTime } from '../../lib/format';

export function reviewPath(recording: Pick<QueueRecording, 'objectId' | 'activityId'>): string {
  return `/objects/${encodeURIComponent(recording.objectId)}/recordings/${encodeURIComponent(recording.activityId)}`;
}

export function QueueItem({
  recording,
  score,
  note,
  showAgent = true,
}: {
  recording: QueueRecording;
  /** Off in the agent's own lists, where every recording is theirs. */
  showAgent?: boolean;
  /** A score to show, when there is one. */
  score?: number | null;
  /** One more line, e.g. who reviewed it. */
  note?: ReactNode;
}) {
  const agent = `${recording.agent.first_name} ${recording.agent.last_name}`.trim();
  const recorded = new Date(recording.timestamp);
  return (
    <Link
      to={reviewPath(recording)}
      className="group flex items-start justify-between gap-3 rounded-lg px-3 py-2.5 transition hover:bg-brand-50/60"
    >
      <span className="min-w-0">
        <span className="block truncate text-sm font-medium text-slate-900 group-hover:text-brand-800">
          {showAgent && (
            <>
              {agent}
              <span aria-hidden="true" className="px-1.5 text-slate-300">
                ·
              </span>
            </>
          )}
          <span className={showAgent ? 'font-normal text-slate-700' : ''}>{recording.objectTitle}</span>
        </span>
        <span className="mt-0.5 block text-xs text-slate-600">
          <time dateTime={recording.timestamp} title={formatDateTime(recorded)}>
            {formatRelativeTime(recorded)}
          </time>
          {note && (
            <>
              <span aria-hidden="true" className="px-1.5 text-slate-300">
                ·
              </span>
              {note}
            </>
          )}
        </span>
      </span>
      <span className="flex shrink-0 flex-col items-end gap-1">
        <Badge label="Duration">{formatDuration(recording.duration)}</Badge>
        {score != null && <ScoreBadge score={score} />}
      </span>
    </Link>
  );
}
