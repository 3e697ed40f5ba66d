import { Link } from 'react-router';
import type { ConversationObject } from '../../../contract/activities';
import { formatCount, formatDateTime, formatRelativeTime } from '../../lib/format';

/** One conversation on the home page; the whole card links to its timeline. */
export function ConversationCard({ object }: { object: ConversationObject }) {
  const agent = `${object.agent.first_name} ${object.agent.last_name}`.trim();
  const lastActivity = object.lastActivityTime ? new Date(object.lastActivityTime) : null;
  return (
    <Link
      to={`/objects/${encodeURIComponent(object.objectId)}`}
      className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-xs transition hover:border-brand-300 hover:shadow-sm"
    >
      <span className="line-clamp-2 font-semibold text-slate-900 group-hover:text-brand-800">
        {object.title}
      </span>
      <span className="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-slate-600">
        <span>{agent}</span>
        <span aria-hidden="true" className="text-slate-300">
          ·
        </span>
        <span>{object.team.name}</span>
      </span>
      <span className="mt-auto flex items-center justify-between gap-3 pt-4 text-xs text-slate-600">
        <span className="inline-flex items-center rounded-md bg-brand-50 px-2 py-0.5 font-medium text-brand-800 ring-1 ring-brand-200 ring-inset">
          {formatCount(object.recordingCount, 'recording')}
        </span>
        {lastActivity ? (
          <span>
            <span className="sr-only">Last activity </span>
            <time dateTime={object.lastActivityTime!} title={formatDateTime(lastActivity)}>
              {formatRelativeTime(lastActivity)}
            </time>
          </span>
        ) : (
          <span>No activity yet</span>
        )}
      </span>
    </Link>
  );
}
