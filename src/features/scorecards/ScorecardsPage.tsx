// `/admin/scorecards`: the scorecards QA managers evaluate with; create one, edit (a new version), archive.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/Button';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { StatusNotice } from '../../components/StatusNotice';
import { scorecardQueryOptions } from './api';
import { ScorecardEditor } from './ScorecardEditor';
import { ScorecardList } from './ScorecardList';

export function ScorecardsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const editing = searchParams.get('edit');
  const includeArchived = searchParams.get('archived') === 'true';
  const [notice, setNotice] = useState<string | null>(null);

  const setParam = (name: string, value: string | null) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (value === null) next.delete(name);
      else next.set(name, value);
      return next;
    });

  return (
    <>
      <title>Scorecards · Tapeline</title>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Scorecards</h1>
          <p className="mt-1 text-sm text-slate-600">
            What QA managers rate calls on.
            {editing === null &&
              ' Editing publishes a new version; evaluations keep the version they were made with.'}
          </p>
        </div>
        {editing === null && <Button onClick={() => setParam('edit', 'new')}>New scorecard</Button>}
      </div>
      <div className="mt-4">
        <StatusNotice message={notice} onDismiss={() => setNotice(null)} />
      </div>

      <div className="mt-4">
        {editing === null ? (
          <ScorecardList
            includeArchived={includeArchived}
            onIncludeArchivedChange={(show) => setParam('archived', show ? 'true' : null)}
            onEdit={(id) => setParam('edit', id)}
            onArchived={(scorecard) => setNotice(`“${scorecard.name}” is archived.`)}
          />
        ) : (
          <EditorLoader
            id={editing === 'new' ? null : editing}
            onDone={(message) => {
              setNotice(message);
              setParam('edit', null);
            }}
          />
        )}
      </div>
    </>
  );
}

/** The editor for a new scorecard, or for an existing one once its current version has loaded. */
function EditorLoader({ id, onDone }: { id: string | null; onDone: (message: string | null) => void }) {
  const scorecard = useQuery({ ...scorecardQueryOptions(id ?? ''), enabled: id !== null });
  const saved = (name: string, version: number) =>
    onDone(version === 1 ? `“${name}” is created (version 1).` : `“${name}” is saved as version ${version}.`);

  if (id === null)
    return (
      <ScorecardEditor
        scorecard={null}
        onSaved={(created) => saved(created.name, created.currentVersion)}
        onCancel={() => onDone(null)}
        onReload={() => undefined}
      />
    );
  if (scorecard.isPending)
    return (
      <div role="status" aria-busy="true" aria-label="Loading the scorecard">
        <SkeletonBlock className="h-40 w-full rounded-2xl" />
      </div>
    );
  if (scorecard.isError)
    return (
      <QueryErrorPanel
        title="We couldn’t load the scorecard"
        query={scorecard}
        otherAction={
          <Button variant="secondary" onClick={() => onDone(null)}>
            Back to scorecards
          </Button>
        }
      />
    );
  return (
    // A reloaded copy (someone else published a version) starts the editor over from it.
    <ScorecardEditor
      key={`${scorecard.data.id}@${scorecard.data.currentVersion}`}
      scorecard={scorecard.data}
      onSaved={(updated) => saved(updated.name, updated.currentVersion)}
      onCancel={() => onDone(null)}
      onReload={() => void scorecard.refetch()}
    />
  );
}
