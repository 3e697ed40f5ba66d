// /admin/teams: every team with its members, a new team, and who is in each. A team's members are the
// users who list it, so adding or removing one changes that user's teams (PATCH /api/users/{id}).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { createTeamRequestSchema, type Team, type User } from '../../../contract/users';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/FormField';
import { PanelCard } from '../../components/PanelCard';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { StatePanel } from '../../components/StatePanel';
import { describeError } from '../../lib/api-client';
import { teamsQueryOptions, usersQueryOptions, useCreateTeam, useUpdateUser } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

export function TeamsPage() {
  const teams = useQuery(teamsQueryOptions());
  const users = useQuery(usersQueryOptions());
  return (
    <div className="space-y-6">
      <title>Teams · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Teams</h1>
      <PanelCard id="new-team" title="New team">
        <CreateTeamForm />
      </PanelCard>
      {teams.isError ? (
        <QueryErrorPanel title="The teams could not be loaded." query={teams} />
      ) : users.isError ? (
        <QueryErrorPanel title="The teams’ members could not be loaded." query={users} />
      ) : teams.isPending || users.isPending ? (
        <div role="status" aria-label="Loading teams" className="space-y-3">
          <SkeletonBlock className="h-24 w-full" />
          <SkeletonBlock className="h-24 w-full" />
        </div>
      ) : teams.data.length === 0 ? (
        <StatePanel icon="empty" title="No teams yet">
          Create the first team above; then add people to it here or on the Users page.
        </StatePanel>
      ) : (
        <ul aria-label="Teams" className="space-y-4">
          {teams.data.map((team) => (
            <TeamCard key={team.id} team={team} users={users.data} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The server says `name: there is …`, the contract `name is required`: beside the field, as a sentence. */
function asFieldMessage(description: string) {
  const message = description.replace(/^name: /, '');
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function CreateTeamForm() {
  const create = useCreateTeam();
  const [invalid, setInvalid] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const parsed = createTeamRequestSchema.safeParse({
      name: String(new FormData(formElement).get('name') ?? ''),
    });
    if (!parsed.success) {
      setInvalid(asFieldMessage(parsed.error.issues[0]!.message));
      formElement.querySelector<HTMLInputElement>('[name="name"]')?.focus();
      return;
    }
    setInvalid(null);
    create.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  }

  return (
    <div className="space-y-3 px-5 py-4">
      <form noValidate onSubmit={handleSubmit} className="flex flex-wrap items-start gap-3">
        <TextField
          name="name"
          label="Team name"
          className="min-w-0 flex-1 sm:max-w-md"
          error={invalid ?? (create.isError ? asFieldMessage(describeError(create.error)) : null)}
        />
        <Button type="submit" className="mt-7" pending={create.isPending}>
          Create team
        </Button>
      </form>
      <p role="status" className="text-sm text-slate-600">
        {create.isSuccess && `Team “${create.data.name}” created.`}
      </p>
    </div>
  );
}

const fullName = (user: User) => `${user.firstName} ${user.lastName}`.trim() || user.username;
const teamIdsOf = (user: User) => user.teams.map((team) => team.id);

function TeamCard({ team, users }: { team: Team; users: readonly User[] }) {
  const update = useUpdateUser();
  const members = users.filter((user) => user.teams.some((their) => their.id === team.id));
  const candidates = users.filter((user) => user.active && !members.includes(user));
  const headingId = `team-${team.id}`;

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const user = users.find((candidate) => candidate.id === new FormData(event.currentTarget).get('user'));
    if (user) update.mutate({ id: user.id, changes: { teams: [...teamIdsOf(user), team.id] } });
  }

  function remove(user: User) {
    update.mutate({ id: user.id, changes: { teams: teamIdsOf(user).filter((id) => id !== team.id) } });
  }

  return (
    <li aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white shadow-xs">
      <div className="flex items-baseline justify-between border-b border-slate-100 px-5 py-3.5">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {team.name}
        </h2>
        <span className="text-sm text-slate-500">
          {members.length === 1 ? '1 member' : `${members.length} members`}
        </span>
      </div>
      <div className="space-y-4 px-5 py-4">
        {members.length === 0 ? (
          <p className="text-sm text-slate-600">No members yet.</p>
        ) : (
          <ul aria-label={`Members of ${team.name}`} className="divide-y divide-slate-100">
            {members.map((user) => (
              <li key={user.id} className="flex items-center gap-3 py-2">
                <span className="flex-1 text-sm text-slate-900">
                  {fullName(user)} <span className="text-slate-500">@{user.username}</span>
                  {!user.active && <span className="ml-2 text-xs text-slate-500">(deactivated)</span>}
                </span>
                <Button
                  variant="ghost"
                  className="px-2.5 py-1"
                  aria-label={`Remove ${user.username} from ${team.name}`}
                  disabled={update.isPending}
                  onClick={() => remove(user)}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        {candidates.length > 0 && (
          <form onSubmit={add} className="flex flex-wrap items-end gap-3">
            <SelectField
              name="user"
              label={`Add a member to ${team.name}`}
              className="min-w-48 flex-1 sm:max-w-md"
            >
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {fullName(user)} (@{user.username})
                </option>
              ))}
            </SelectField>
            <Button type="submit" variant="secondary" pending={update.isPending}>
              Add
            </Button>
          </form>
        )}
        <ErrorMessage error={update.error} />
      </div>
    </li>
  );
}
