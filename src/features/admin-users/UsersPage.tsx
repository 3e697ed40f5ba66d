// /admin/users: create a person with a role and teams (they set their own password through a one-time
// link), change their role and teams, deactivate them after confirming (UserRow.tsx).
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { roleSchema } from '../../../contract/auth';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/FormField';
import { PanelCard } from '../../components/PanelCard';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { OneTimeSecret } from '../../components/SecretField';
import { SkeletonBlock } from '../../components/Skeleton';
import { usersQueryOptions, useCreateUser } from './api';
import { ROLE_LABELS } from './role-labels';
import { chosenTeams, TeamChoice } from './TeamChoice';
import { UserRow } from './UserRow';
import { ErrorMessage } from '../../components/ErrorMessage';

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
        teams: chosenTeams(form),
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
          <TeamChoice legend="Teams" />
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" pending={create.isPending}>
            Create user
          </Button>
        </div>
      </form>
      <ErrorMessage error={create.error} />
      {create.isSuccess && (
        <OneTimeSecret
          label="One-time set-password link"
          value={create.data.setPasswordUrl}
          onDone={() => create.reset()}
        >
          Send this link to the new user: they choose their own password with it, once. It is shown only this
          once.
        </OneTimeSecret>
      )}
    </div>
  );
}
