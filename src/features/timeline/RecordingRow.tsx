// One recording on the timeline: who, when, and the facts a reviewer scans for (length, size, type).
import { memo } from 'react';
import { Link } from 'react-router';
import type { RecordingEntry } from '../../api/activities';
import { Badge } from '../../components/Badge';
import type { RecordingQaSummary } from '../../../contract/evaluations';
import { QaStateBadge } from './QaStateBadge';
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatRelativeTime,
  formatTime,
} from '../../lib/format';

/** Memoized: the virtualized list re-renders on every scroll frame; a row only when its data changes. */
export const RecordingRow = memo(function RecordingRow({
  entry,
  date,
  now,
  qa,
}: {
  entry: RecordingEntry;
  date: Date;
  now: Date;
  /** The recording's QA state; undefined while it loads (or when it could not be loaded). */
  qa?: RecordingQaSummary;
}) {
  const agent = entry.user ? `${entry.user.first_name} ${entry.user.last_name}`.trim() : 'Unknown agent';
  return (
    <Link
      to={`/objects/${encodeURIComponent(entry.objectId)}/recordings/${encodeURIComponent(entry.key)}`}
      className="group flex h-18 items-center gap-4 rounded-xl border border-slate-200 bg-white px-4 shadow-xs transition hover:border-brand-300 hover:shadow-sm"
    >
      <span
        aria-hidden="true"
        className="hidden size-10 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-700 ring-1 ring-brand-100 sm:grid"
      >
        <svg viewBox="0 0 20 20" className="size-5 fill-current">
          <path d="M2.5 6A2.5 2.5 0 0 1 5 3.5h6.5A2.5 2.5 0 0 1 14 6v.7l2.4-1.5a.9.9 0 0 1 1.4.8v8a.9.9 0 0 1-1.4.8L14 13.3v.7a2.5 2.5 0 0 1-2.5 2.5H5A2.5 2.5 0 0 1 2.5 14V6Z" />
        </svg>
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium text-slate-900 group-hover:text-brand-800">{agent}</span>
        <span className="mt-0.5 block truncate text-sm text-slate-600">
          <time dateTime={entry.timestamp} title={formatDateTime(date)}>
            <span className="sr-only">{formatDateTime(date)}</span>
            <span aria-hidden="true">{formatTime(date)}</span>
          </time>
          <span aria-hidden="true" className="mx-1.5 text-slate-300">
            ·
          </span>
          <span>{formatRelativeTime(date, now)}</span>
        </span>
      </span>
      <span className="flex shrink-0 items-center gap-1.5">
        <QaStateBadge summary={qa} />
        <Badge label="Duration">{formatDuration(entry.duration)}</Badge>
        <span className="hidden sm:inline-flex">
          <Badge label="File size">{formatBytes(entry.fileSize)}</Badge>
        </span>
        <span className="hidden md:inline-flex">
          <Badge tone="brand" label="Type">
            {entry.recordingType}
          </Badge>
        </span>
      </span>
      <svg
        viewBox="0 0 20 20"
        className="hidden size-4 shrink-0 fill-slate-400 group-hover:fill-brand-700 sm:block"
        aria-hidden="true"
      >
        <path d="M7.3 4.3a1 1 0 0 1 1.4 0l5 5a1 1 0 0 1 0 1.4l-5 5a1 1 0 0 1-1.4-1.4L11.58 10 7.3 5.7a1 1 0 0 1 0-1.4Z" />
      </svg>
    </Link>
  );
});
