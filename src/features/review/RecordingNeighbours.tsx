// Links to the conversation's newer and older recordings (the list is newest first).
import { Link } from 'react-router';
import type { RecordingEntry } from '../../api/activities';
import { formatDateTime, formatDuration } from '../../lib/format';

export function RecordingNeighbours({
  objectId,
  recordings,
  currentKey,
}: {
  objectId: string;
  recordings: RecordingEntry[];
  currentKey: string;
}) {
  const index = recordings.findIndex((recording) => recording.key === currentKey);
  if (index < 0 || recordings.length < 2) return null;
  const newer = recordings[index - 1];
  const older = recordings[index + 1];

  return (
    <nav aria-label="Other recordings of this conversation" className="grid gap-3 sm:grid-cols-2">
      {older ? (
        <NeighbourLink objectId={objectId} recording={older} direction="older" />
      ) : (
        <p className="hidden rounded-xl border border-dashed border-slate-200 px-4 py-3 text-sm text-slate-500 sm:block">
          This is the oldest recording.
        </p>
      )}
      {newer ? (
        <NeighbourLink objectId={objectId} recording={newer} direction="newer" />
      ) : (
        <p className="hidden rounded-xl border border-dashed border-slate-200 px-4 py-3 text-right text-sm text-slate-500 sm:block">
          This is the newest recording.
        </p>
      )}
    </nav>
  );
}

function NeighbourLink({
  objectId,
  recording,
  direction,
}: {
  objectId: string;
  recording: RecordingEntry;
  direction: 'older' | 'newer';
}) {
  const when = formatDateTime(new Date(recording.timestamp));
  const label = direction === 'older' ? 'Older recording' : 'Newer recording';
  return (
    <Link
      to={`/objects/${encodeURIComponent(objectId)}/recordings/${encodeURIComponent(recording.key)}`}
      className={`group flex items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-xs transition-colors hover:border-brand-300 hover:bg-brand-50 ${
        direction === 'newer' ? 'flex-row-reverse text-right' : ''
      }`}
    >
      <svg
        viewBox="0 0 20 20"
        className={`size-5 shrink-0 fill-none stroke-slate-400 group-hover:stroke-brand-700 ${direction === 'newer' ? 'rotate-180' : ''}`}
        strokeWidth="2"
        aria-hidden="true"
      >
        <path d="M12 4.5 6.5 10l5.5 5.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="min-w-0">
        <span className="block text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</span>
        <span className="block truncate text-sm font-medium text-slate-900">
          {when} · {formatDuration(recording.duration)}
        </span>
      </span>
    </Link>
  );
}
