// The scorecards as a table: name, version, size, state; edit, and archive after a confirmation.
import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/FormField';
import { SkeletonBlock } from '../../components/Skeleton';
import { StatePanel } from '../../components/StatePanel';
import type { Scorecard } from '../../../contract/scorecards';
import { isApiError } from '../../lib/api-client';
import { scorecardsQueryOptions } from '../../api/qa';
import { useArchiveScorecard } from './api';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';

export function ScorecardList({
  includeArchived,
  onIncludeArchivedChange,
  onEdit,
  onArchived,
}: {
  includeArchived: boolean;
  onIncludeArchivedChange: (include: boolean) => void;
  onEdit: (id: string) => void;
  onArchived: (scorecard: Scorecard) => void;
}) {
  // The previous list stays while the other one loads, so the table does not flash away.
  const scorecards = useQuery({
    ...scorecardsQueryOptions(includeArchived),
    placeholderData: keepPreviousData,
  });

  return (
    <div>
      <CheckboxField
        label="Show archived"
        checked={includeArchived}
        onChange={(event) => onIncludeArchivedChange(event.target.checked)}
      />
      <div className="mt-4">
        {scorecards.isPending ? (
          <div role="status" aria-busy="true" aria-label="Loading scorecards">
            <SkeletonBlock className="h-32 w-full rounded-2xl" />
          </div>
        ) : scorecards.isError ? (
          <QueryErrorPanel title="We couldn’t load the scorecards" query={scorecards} />
        ) : scorecards.data.length === 0 ? (
          <StatePanel icon="empty" title="No scorecards yet">
            Create one to start evaluating calls.
          </StatePanel>
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-xs">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Scorecards</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Version
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Sections
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Criteria
                  </th>
                  <th scope="col" className="px-4 py-3">
                    State
                  </th>
                  <th scope="col" className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {scorecards.data.map((scorecard) => (
                  <ScorecardRow
                    key={scorecard.id}
                    scorecard={scorecard}
                    onEdit={() => onEdit(scorecard.id)}
                    onArchived={onArchived}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

function ScorecardRow({
  scorecard,
  onEdit,
  onArchived,
}: {
  scorecard: Scorecard;
  onEdit: () => void;
  onArchived: (scorecard: Scorecard) => void;
}) {
  const archive = useArchiveScorecard();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const archiveRef = useRef<HTMLButtonElement>(null);
  const criteria = scorecard.sections.reduce((count, section) => count + section.criteria.length, 0);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-3 font-medium text-slate-900">
        {scorecard.name}
        {scorecard.description && (
          <span className="block max-w-md text-xs font-normal text-slate-600">{scorecard.description}</span>
        )}
      </th>
      <td className="px-4 py-3 tabular-nums">Version {scorecard.currentVersion}</td>
      <td className="px-4 py-3 tabular-nums">{scorecard.sections.length}</td>
      <td className="px-4 py-3 tabular-nums">{criteria}</td>
      <td className="px-4 py-3">
        {scorecard.archived ? (
          <span className="rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            Archived
          </span>
        ) : (
          <span className="rounded-md bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">
            Active
          </span>
        )}
      </td>
      <td className="px-4 py-3 text-right">
        {scorecard.archived ? null : confirming ? (
          <div
            role="group"
            aria-label={`Archive ${scorecard.name}?`}
            className="ml-auto max-w-xs rounded-lg bg-amber-50 p-3 text-left ring-1 ring-amber-200"
          >
            <p className="text-sm text-amber-900">
              Archive “{scorecard.name}”? No new evaluations can use it; existing ones keep it.
            </p>
            {archive.isError && (
              <p role="alert" className="mt-1 text-sm text-red-800">
                {isApiError(archive.error) ? archive.error.description : 'Archiving failed.'}
              </p>
            )}
            <div className="mt-2 flex gap-2">
              <Button
                ref={confirmRef}
                pending={archive.isPending}
                onClick={() =>
                  archive.mutate(scorecard.id, {
                    onSuccess: (archived) => {
                      setConfirming(false);
                      onArchived(archived);
                    },
                  })
                }
              >
                Archive scorecard
              </Button>
              <Button
                variant="ghost"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => archiveRef.current?.focus());
                }}
              >
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <div className="flex justify-end gap-2">
            <Button variant="secondary" aria-label={`Edit ${scorecard.name}`} onClick={onEdit}>
              Edit
            </Button>
            <Button
              ref={archiveRef}
              variant="ghost"
              aria-label={`Archive ${scorecard.name}`}
              onClick={() => setConfirming(true)}
            >
              Archive
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}
