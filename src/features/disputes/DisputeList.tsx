// The disputes of one status; the list answer carries each evaluation's score, so rows fetch nothing.
import { Link } from 'react-router';
import { ScoreBadge } from '../../components/ScoreBadge';
import type { DisputeListItem } from '../../../contract/disputes';
import { formatDateTime } from '../../lib/format';
import type { DisputeStatus } from './api';
import { DisputedRecording } from './DisputedRecording';

export function DisputeList({
  disputes,
  status,
  selectedId,
}: {
  disputes: DisputeListItem[];
  status: DisputeStatus;
  selectedId: string | null;
}) {
  return (
    <ul aria-label={status === 'open' ? 'Open disputes' : 'Resolved disputes'} className="space-y-3">
      {disputes.map((dispute) => (
        <li key={dispute.id}>
          <DisputeRow dispute={dispute} status={status} selected={dispute.id === selectedId} />
        </li>
      ))}
    </ul>
  );
}

function DisputeRow({
  dispute,
  status,
  selected,
}: {
  dispute: DisputeListItem;
  status: DisputeStatus;
  selected: boolean;
}) {
  // Only the agent on the recording may dispute its evaluation: the one who raised it is the agent.
  const agentName = `${dispute.raisedBy.first_name} ${dispute.raisedBy.last_name}`.trim();
  const { evaluation } = dispute;
  const raisedAt = new Date(dispute.raisedAt);
  return (
    <article
      className={`relative rounded-xl border bg-white p-4 shadow-xs transition ${
        selected ? 'border-brand-500 ring-1 ring-brand-500' : 'border-slate-200 hover:border-brand-300'
      }`}
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="font-medium text-slate-900">
          <Link
            to={`?status=${status}&dispute=${encodeURIComponent(dispute.id)}`}
            aria-current={selected ? 'true' : undefined}
            className="rounded after:absolute after:inset-0 after:rounded-xl"
          >
            {agentName}
            <span className="sr-only"> — dispute of {evaluation.scorecardName}</span>
          </Link>
        </h3>
        <span className="flex shrink-0 items-center gap-1.5">
          {evaluation.score !== null && <ScoreBadge score={evaluation.score} />}
          {dispute.outcome && (
            <span className="inline-flex rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
              {dispute.outcome === 'upheld' ? 'Upheld' : 'Revised'}
            </span>
          )}
        </span>
      </div>
      <p className="mt-1.5 line-clamp-2 text-sm text-slate-700">
        <span className="sr-only">Reason: </span>
        {dispute.reason}
      </p>
      <p className="mt-2 flex flex-wrap items-center gap-x-2 text-xs text-slate-600">
        <span>
          Raised <time dateTime={dispute.raisedAt}>{formatDateTime(raisedAt)}</time>
        </span>
        <span aria-hidden="true" className="text-slate-300">
          ·
        </span>
        <span>
          {evaluation.scorecardName}
          {evaluation.revision > 1 && `, revision ${evaluation.revision}`}
        </span>
        <span aria-hidden="true" className="text-slate-300">
          ·
        </span>
        {/* Above the row's stretched link, so it stays its own target. */}
        <DisputedRecording
          dispute={dispute}
          className="relative z-10 rounded font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          Open recording<span className="sr-only"> of {agentName}’s call</span>
        </DisputedRecording>
      </p>
    </article>
  );
}
