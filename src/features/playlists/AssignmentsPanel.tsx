// Assigning a playlist (usernames, whole teams, an optional due date) and the completion table: per
// agent, per clip, with the date each finished.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CurrentUser } from '../../../contract/auth';
import type { Playlist } from '../../../contract/playlists';
import { Button } from '../../components/Button';
import { CheckboxField, TextField } from '../../components/FormField';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { formatCount, formatDateTime } from '../../lib/format';
import { assignmentsQueryOptions, useAssignPlaylist } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

export function AssignmentsPanel({
  playlist,
  teams,
}: {
  playlist: Playlist;
  /** The teams the trainer may assign as a whole (their own): every agent of each is assigned. */
  teams: CurrentUser['teams'];
}) {
  const assignments = useQuery(assignmentsQueryOptions(playlist.id));
  const assign = useAssignPlaylist(playlist.id);
  const [usernames, setUsernames] = useState('');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const [done, setDone] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const names = usernames
      .split(/[\s,]+/)
      .map((name) => name.trim())
      .filter(Boolean);
    // Neither names nor teams: the server's 400 says what to fill in.
    assign.mutate(
      { usernames: names, teams: teamIds, dueAt: due ? new Date(`${due}T23:59:59`).toISOString() : null },
      {
        onSuccess: (table) => {
          setUsernames('');
          setTeamIds([]);
          setDone(`Assigned: ${formatCount(table.length, 'assignee')} in all.`);
        },
      },
    );
  }

  function toggleTeam(teamId: string, checked: boolean) {
    setTeamIds((ids) => (checked ? [...ids, teamId] : ids.filter((id) => id !== teamId)));
  }

  const available = playlist.items.filter((item) => item.available);

  return (
    <section aria-labelledby="assignments-title" className="space-y-4">
      <h2 id="assignments-title" className="text-lg font-semibold tracking-tight text-slate-900">
        Assignments
      </h2>
      <form onSubmit={submit} className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            label="Assign to (usernames)"
            placeholder="agent, agent2"
            value={usernames}
            onChange={(event) => setUsernames(event.target.value)}
            className="min-w-56 flex-1"
          />
          <TextField
            label="Due date (optional)"
            type="date"
            value={due}
            onChange={(event) => setDue(event.target.value)}
          />
          <Button type="submit" pending={assign.isPending}>
            Assign
          </Button>
        </div>
        {teams.length > 0 && (
          <fieldset className="flex flex-wrap gap-x-5 gap-y-2">
            <legend className="mb-1.5 text-sm font-medium text-slate-800">Or every agent of a team</legend>
            {teams.map((team) => (
              <CheckboxField
                key={team.id}
                label={team.name}
                checked={teamIds.includes(team.id)}
                onChange={(event) => toggleTeam(team.id, event.target.checked)}
              />
            ))}
          </fieldset>
        )}
      </form>
      <ErrorMessage error={assign.error} />
      {done && (
        <p role="status" className="text-sm text-emerald-800">
          {done}
        </p>
      )}
      {assignments.isError ? (
        <QueryErrorNotice title="The completion table could not be loaded" query={assignments} />
      ) : !assignments.data ? (
        <p className="text-sm text-slate-600">Loading the assignments…</p>
      ) : assignments.data.length === 0 ? (
        <p className="text-sm text-slate-600">Not assigned to anyone yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs">
          <table className="w-full text-sm">
            <caption className="sr-only">Completion by assignee and clip</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Assignee
                </th>
                {available.map((item, index) => (
                  <th key={item.id} scope="col" className="px-3 py-2 text-center font-semibold">
                    Clip {playlist.items.indexOf(item) + 1 || index + 1}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 font-semibold">
                  Due
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Finished
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {assignments.data.map((row) => (
                <tr key={row.user.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                    {row.user.first_name} {row.user.last_name}{' '}
                    <span className="font-normal text-slate-500">({row.user.username})</span>
                  </th>
                  {available.map((item) => {
                    const watched = row.watchedItemIds.includes(item.id);
                    return (
                      <td key={item.id} className="px-3 py-2 text-center">
                        <span className={watched ? 'text-emerald-700' : 'text-slate-400'}>
                          {watched ? '✓ Watched' : 'Not yet'}
                        </span>
                      </td>
                    );
                  })}
                  <td className="px-3 py-2 text-slate-700">
                    {row.dueAt ? formatDateTime(new Date(row.dueAt)) : '—'}
                  </td>
                  <td className="px-3 py-2 text-slate-700" data-testid="finished-at">
                    {row.completedAt ? formatDateTime(new Date(row.completedAt)) : 'In progress'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
