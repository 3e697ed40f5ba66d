// /admin/users: create a person (they set their own password through a one-time link), change their
// role, deactivate them after confirming.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { roleSchema, type Role } from '../../../contract/auth';
import type { User } from '../../../contract/users';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/FormField';
import { PanelCard } from '../../components/PanelCard';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SecretField } from '../../components/SecretField';
import { SkeletonBlock } from '../../components/Skeleton';
import { describeError } from '../../lib/api-client';
import { usersQueryOptions, useCreateUser, useUpdateUser } from './api';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  qa_manager: 'QA manager',
  trainer: 'Trainer',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export function UsersPage() {
  const users = useQuery(usersQueryOptions());
  return (
    <div className="space-y-6">
      <title>Users · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Users</h1>
      <PanelCard id="new-user" title="New user">
        <CreateUserForm />
      </PanelCard>
      {users.isPending ? (
        <SkeletonBlock className="h-40 w-full" />
      ) : users.isError ? (
        <QueryErrorPanel title="The users could not be loaded." query={users} />
      ) : (
        <ul
          aria-label="Users"
          className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
        >
          {users.data.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateUserForm() {
  const create = useCreateUser();
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        username: String(form.get('username') ?? '').trim(),
        firstName: String(form.get('firstName') ?? '').trim(),
        lastName: String(form.get('lastName') ?? '').trim(),
        role: roleSchema.parse(form.get('role')),
        teams: [],
      },
      { onSuccess: () => formElement.reset() },
    );
  }
  return (
    <div className="space-y-4 px-5 py-4">
      <form noValidate onSubmit={handleSubmit} className="grid gap-4 sm:grid-cols-2">
        <TextField name="username" label="Username" autoCapitalize="none" spellCheck={false} required />
        <SelectField name="role" label="Role" defaultValue="agent">
          {roleSchema.options.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <TextField name="firstName" label="First name" required />
        <TextField name="lastName" label="Last name" />
        <div className="sm:col-span-2">
          <Button type="submit" pending={create.isPending}>
            Create user
          </Button>
        </div>
      </form>
      {create.isError && (
        <p role="alert" className="text-sm text-red-700">
          {describeError(create.error)}
        </p>
      )}
      {create.isSuccess && (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <SecretField label="One-time set-password link" value={create.data.setPasswordUrl} />
          <p className="mt-1 text-sm text-amber-900">
            Send this link to the new user: they choose their own password with it, once.
          </p>
        </div>
      )}
    </div>
  );
}

function UserRow({ user }: { user: User }) {
  const update = useUpdateUser();
  const [confirming, setConfirming] = useState(false);
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
        {update.isError && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {describeError(update.error)}
          </p>
        )}
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
      {user.active &&
        (confirming ? (
          <div role="group" aria-label={`Deactivate ${user.username}?`} className="flex items-center gap-2">
            <span className="text-sm text-slate-700">Ends their sessions and keys now.</span>
            <Button
              className="bg-red-700 hover:bg-red-800"
              pending={update.isPending}
              onClick={() => update.mutate({ id: user.id, changes: { active: false } })}
            >
              Deactivate {user.username}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button
            variant="secondary"
            aria-label={`Deactivate ${user.username}`}
            onClick={() => setConfirming(true)}
          >
            Deactivate
          </Button>
        ))}
    </li>
  );
}
