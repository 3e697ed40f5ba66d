// The panel beside the player: who, when, what kind of recording, and what the file is.
import type { ReactNode } from 'react';
import type { RecordingEntry } from '../../api/activities';
import { formatBytes, formatDateTime, formatDuration } from '../../lib/format';
import { parseRecordingData } from './recording-metadata';
import { PanelCard } from '../../components/PanelCard';

export function agentName(recording: Pick<RecordingEntry, 'user'>): string | null {
  const user = recording.user;
  if (!user) return null;
  return `${user.first_name} ${user.last_name}`.trim() || null;
}

export function RecordingDetails({ recording }: { recording: RecordingEntry }) {
  const media = parseRecordingData(recording.data);
  const rows: [string, string][] = [
    ['Agent', agentName(recording) ?? 'Unknown'],
    ['Recorded', formatDateTime(new Date(recording.timestamp))],
    ['Type', 'Video call recording'],
    ['Duration', formatDuration(recording.duration)],
    ['File size', formatBytes(recording.fileSize)],
  ];
  if (media.container) rows.push(['Container', media.container.toUpperCase()]);
  if (media.videoCodec) rows.push(['Video codec', media.videoCodec]);
  if (media.audioCodec) rows.push(['Audio codec', media.audioCodec]);

  return (
    <PanelCard id="recording-details" title="Recording details">
      <dl className="divide-y divide-slate-100 px-5">
        {rows.map(([term, value]) => (
          <div key={term} className="flex items-baseline justify-between gap-4 py-2.5">
            <dt className="text-sm text-slate-600">{term}</dt>
            <dd className="text-right text-sm font-medium break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </PanelCard>
  );
}

export function RecordingBadges({ recording }: { recording: RecordingEntry }) {
  return (
    <ul aria-label="Length and size" className="flex flex-wrap gap-2">
      <IconPill
        label="Duration"
        icon={
          <>
            <circle cx="10" cy="10" r="7.5" />
            <path d="M10 6v4l2.5 2" strokeLinecap="round" />
          </>
        }
      >
        {formatDuration(recording.duration)}
      </IconPill>
      <IconPill
        label="File size"
        icon={
          <path d="M4 5.5C4 4 16 4 16 5.5v9c0 1.5-12 1.5-12 0v-9Z M4 5.5c0 1.5 12 1.5 12 0M4 10c0 1.5 12 1.5 12 0" />
        }
      >
        {formatBytes(recording.fileSize)}
      </IconPill>
    </ul>
  );
}

/** One fact in the page header: a 20×20 stroke icon, the value, and its name for screen readers. */
function IconPill({ label, icon, children }: { label: string; icon: ReactNode; children: ReactNode }) {
  return (
    <li className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700">
      <svg
        viewBox="0 0 20 20"
        className="size-3.5 fill-none stroke-current"
        strokeWidth="2"
        aria-hidden="true"
      >
        {icon}
      </svg>
      <span className="sr-only">{label} </span>
      {children}
    </li>
  );
}
