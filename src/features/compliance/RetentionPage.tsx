// `/admin/retention`: how long each team's recordings are kept (N days, or forever), and running
// retention now — the same job the daily schedule runs; held recordings are listed as kept.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RetentionRunResult, TeamRetention } from '../../../contract/retention';
import { Button } from '../../components/Button';
import { TextField } from '../../components/FormField';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { StatePanel } from '../../components/StatePanel';
import { describeError } from '../../lib/api-client';
import { retentionQueryOptions, useRunRetention, useSetRetention } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

export function RetentionPage() {
  const teams = useQuery(retentionQueryOptions());
  const run = useRunRetention();

  return (
    <>
      <title>Retention · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Retention</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Recordings older than their team’s retention are deleted by a daily job: the media, the activity and
        its annotations go; evaluations stay, marked “recording deleted”. A legal hold keeps a recording
        whatever its age.
      </p>

      <section aria-labelledby="retention-teams" className="mt-6">
        <h2 id="retention-teams" className="text-base font-semibold text-slate-900">
          Teams
        </h2>
        {teams.isPending ? (
          <div role="status" aria-label="Loading teams" className="mt-3 space-y-2">
            <SkeletonBlock className="h-14" />
            <SkeletonBlock className="h-14" />
          </div>
        ) : teams.isError ? (
          <QueryErrorPanel title="Couldn’t load the teams" query={teams} />
        ) : teams.data.length === 0 ? (
          <StatePanel icon="empty" title="No teams yet">
            Teams appear here once they exist.
          </StatePanel>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-xs">
            {teams.data.map((team) => (
              <TeamRetentionRow key={team.id} team={team} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="retention-run" className="mt-8">
        <h2 id="retention-run" className="text-base font-semibold text-slate-900">
          Run now
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Deletes what is past retention now, as the daily job would.
        </p>
        <Button className="mt-3" pending={run.isPending} onClick={() => run.mutate()}>
          Run retention now
        </Button>
        <ErrorMessage error={run.error} className="mt-3" />
        {run.data && <RunResult result={run.data} />}
      </section>
    </>
  );
}

function TeamRetentionRow({ team }: { team: TeamRetention }) {
  const save = useSetRetention();
  const [error, setError] = useState<string | null>(null);
  const fieldLabel = `Days to keep ${team.name}’s recordings`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get('days') ?? '').trim();
    const days = raw === '' ? null : Number(raw);
    if (days !== null && (!Number.isInteger(days) || days < 1)) {
      setError('Enter a whole number of days (1 or more), or leave it empty to keep them forever.');
      return;
    }
    setError(null);
    save.mutate({ teamId: team.id, days }, { onError: (failure) => setError(describeError(failure)) });
  }

  return (
    <li className="flex flex-wrap items-end justify-between gap-4 px-5 py-4">
      <div>
        <p className="font-medium text-slate-900">{team.name}</p>
        <p className="text-sm text-slate-600">
          {team.days === null ? 'Recordings are kept forever' : `Recordings are kept ${team.days} days`}
        </p>
      </div>
      <form onSubmit={submit} className="flex items-end gap-2" aria-label={`Retention of ${team.name}`}>
        <TextField
          label={fieldLabel}
          name="days"
          type="number"
          min={1}
          inputMode="numeric"
          placeholder="Forever"
          defaultValue={team.days ?? ''}
          error={error}
          className="w-64"
        />
        <Button type="submit" variant="secondary" pending={save.isPending}>
          Save
        </Button>
      </form>
    </li>
  );
}

function RunResult({ result }: { result: RetentionRunResult }) {
  return (
    <div role="status" className="mt-4 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-xs">
      <p className="font-medium text-slate-900">
        Deleted {result.deleted.length} {result.deleted.length === 1 ? 'recording' : 'recordings'}; legal
        holds kept {result.keptByHold.length}.
      </p>
      {result.keptByHold.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          {result.keptByHold.map((kept) => (
            <li key={kept.activityId}>
              Recording {kept.activityId} kept by hold {kept.holdId}: {kept.holdReason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
