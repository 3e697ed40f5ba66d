// One search hit: who, which conversation, when, how long, how large, its QA state and where the words
// matched. `actions` is a slot for what other features offer on a hit (e.g. "Add to playlist").
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { SearchHit } from '../../../contract/search';
import { Badge } from '../../components/Badge';
import { ScoreBadge } from '../../components/ScoreBadge';
import { formatBytes, formatDateTime, formatDuration } from '../../lib/format';
import { hitHref } from './search-params';
import { Snippet } from './Snippet';

const FIELD_LABELS = {
  title: 'Title',
  annotation: 'Note',
  evaluation: 'Evaluation',
  dispute: 'Dispute',
} as const;

export function SearchHitCard({
  hit,
  active,
  actions,
}: {
  hit: SearchHit;
  /** The hit j/k moved to. */
  active: boolean;
  actions?: ReactNode;
}) {
  const agent = hit.user ? `${hit.user.first_name} ${hit.user.last_name}`.trim() : 'Unknown agent';
  return (
    <article
      className={`rounded-xl border bg-white p-4 transition-colors ${
        active ? 'border-brand-500 ring-2 ring-brand-200' : 'border-slate-200 hover:border-slate-300'
      }`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">
            <Link to={hitHref(hit)} data-hit-link="" className="rounded hover:text-brand-800 hover:underline">
              {hit.object.title}
            </Link>
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">
            {agent} · {hit.object.team.name} ·{' '}
            <time dateTime={hit.timestamp}>{formatDateTime(new Date(hit.timestamp))}</time>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge label="Duration">{formatDuration(hit.duration)}</Badge>
          <Badge label="Size">{formatBytes(hit.fileSize)}</Badge>
          <QaBadge qa={hit.qa} />
          {actions}
        </div>
      </div>
      {hit.matches.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm text-slate-700">
          {hit.matches.map((match, index) => (
            <li key={index} className="flex gap-2">
              <span className="w-20 shrink-0 text-xs font-medium tracking-wide text-slate-500 uppercase">
                {FIELD_LABELS[match.field]}
                {match.at !== undefined && (
                  <span className="block normal-case">at {formatDuration(match.at)}</span>
                )}
              </span>
              <span className="min-w-0">
                <Snippet html={match.snippet} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

const pill =
  'inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset';

function QaBadge({ qa }: { qa: SearchHit['qa'] }) {
  return (
    <span className="flex items-center gap-1.5">
      <span className="sr-only">QA: </span>
      {qa.state === 'not_evaluated' ? (
        <span className={`${pill} bg-white text-slate-600 ring-slate-300`}>Not evaluated</span>
      ) : qa.state === 'draft' ? (
        <span className={`${pill} bg-sky-50 text-sky-800 ring-sky-200`}>Draft (yours)</span>
      ) : qa.score !== null ? (
        <ScoreBadge score={qa.score} />
      ) : (
        <span className={`${pill} bg-slate-100 text-slate-700 ring-slate-200`}>Evaluated</span>
      )}
      {qa.state === 'disputed' && (
        <span className={`${pill} bg-orange-50 text-orange-800 ring-orange-300`}>Disputed</span>
      )}
    </span>
  );
}
