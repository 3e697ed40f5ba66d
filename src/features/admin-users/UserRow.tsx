// One person on /admin/users: their role, their teams (edited as a group of checkboxes), and
// deactivation after confirming, or reactivation.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { roleSchema } from '../../../contract/auth';
import type { User } from '../../../contract/users';
import { Button } from '../../components/Button';
import { ConfirmAction } from '../../components/ConfirmAction';
import { SelectField } from '../../components/FormField';
import { useUpdateUser } from './api';
import { ROLE_LABELS } from './role-labels';
import { chosenTeams, TeamChoice } from './TeamChoice';
import { ErrorMessage } from '../../components/ErrorMessage';

export function UserRow({ user }: { user: User }) {
  const update = useUpdateUser();
  const [editingTeams, setEditingTeams] = useState(false);
  const editTeamsButton = useRef<HTMLButtonElement>(null);
  const editorId = useId();
  const closeTeamsEditor = () => {
    setEditingTeams(false);
    editTeamsButton.current?.focus();
  };
  const name = `${user.firstName} ${user.lastName}`.trim();
  return (
    <li className="flex flex-wrap items-end gap-4 px-5 py-4">
      <div className="min-w-40 flex-1">
        <p className="font-medium text-slate-900">
          {name} <span className="text-sm font-normal text-slate-500">@{user.username}</span>
          {!user.active && (
            <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
              Deactivated
            </span>
          )}
        </p>
        <p className="text-xs text-slate-500">
          {user.teams.map((team) => team.name).join(', ') || 'No team'}
          {!user.hasPassword && ' · has not set a password yet'}
        </p>
        <ErrorMessage error={update.error} className="mt-1" />
      </div>
      <SelectField
        label={`Role of ${user.username}`}
        value={user.role}
        disabled={!user.active || update.isPending}
        onChange={(event) =>
          update.mutate({ id: user.id, changes: { role: roleSchema.parse(event.target.value) } })
        }
      >
        {roleSchema.options.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </SelectField>
      <Button
        ref={editTeamsButton}
        variant="secondary"
        aria-label={`Edit teams of ${user.username}`}
        aria-expanded={editingTeams}
        aria-controls={editorId}
        onClick={() => setEditingTeams((open) => !open)}
      >
        Edit teams
      </Button>
      {user.active ? (
        <ConfirmAction
          label="Deactivate"
          name={`Deactivate ${user.username}`}
          consequence="Ends their sessions and keys now."
          pending={update.isPending}
          onConfirm={() => update.mutate({ id: user.id, changes: { active: false } })}
        />
      ) : (
        <Button
          variant="secondary"
          aria-label={`Reactivate ${user.username}`}
          pending={update.isPending}
          onClick={() => update.mutate({ id: user.id, changes: { active: true } })}
        >
          Reactivate
        </Button>
      )}
      {editingTeams && <TeamsEditor id={editorId} user={user} onClose={closeTeamsEditor} />}
    </li>
  );
}

/** The row's teams as checkboxes (a disclosure of "Edit teams"): focus moves into it on opening. */
function TeamsEditor({ id, user, onClose }: { id: string; user: User; onClose: () => void }) {
  const update = useUpdateUser();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const teams = chosenTeams(new FormData(event.currentTarget));
    update.mutate({ id: user.id, changes: { teams } }, { onSuccess: onClose });
  }

  return (
    <form
      id={id}
      ref={form}
      noValidate
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      className="basis-full space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4"
    >
      <TeamChoice legend={`Teams of ${user.username}`} checked={user.teams.map((team) => team.id)} />
      <ErrorMessage error={update.error} />
      <div className="flex gap-2">
        <Button type="submit" pending={update.isPending}>
          Save teams
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
