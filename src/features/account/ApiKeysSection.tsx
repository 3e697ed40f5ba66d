// Your API keys: make one (its key shown once, to copy), see when each was last used, revoke one.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiKey, CreatedApiKey } from '../../../contract/account';
import { createApiKeyRequestSchema } from '../../../contract/account';
import { Button } from '../../components/Button';
import { ConfirmAction } from '../../components/ConfirmAction';
import { TextField } from '../../components/FormField';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { OneTimeSecret } from '../../components/SecretField';
import { SkeletonBlock } from '../../components/Skeleton';
import { describeError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { apiKeysQueryOptions, useCreateApiKey, useRevokeApiKey } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

export function ApiKeysSection() {
  const keys = useQuery(apiKeysQueryOptions());
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <div className="space-y-5 px-5 py-4">
      <p className="text-sm text-slate-600">
        A key lets a script or an integration call the API as you: send it as{' '}
        <code className="rounded bg-slate-100 px-1">Authorization: Bearer …</code>.
      </p>
      <CreateKeyForm onCreated={setCreated} />
      {created && (
        <OneTimeSecret
          label={`New key “${created.name}”`}
          value={created.key}
          onDone={() => setCreated(null)}
        >
          Copy it now: it is shown only this once. Anyone who has it acts as you.
        </OneTimeSecret>
      )}
      {keys.isPending ? (
        <SkeletonBlock className="h-16 w-full" />
      ) : keys.isError ? (
        <QueryErrorNotice title="Your API keys could not be loaded." query={keys} />
      ) : keys.data.length === 0 ? (
        <p className="text-sm text-slate-600">You have no API keys yet.</p>
      ) : (
        <ul
          aria-label="Your API keys"
          className="divide-y divide-slate-100 rounded-lg border border-slate-200"
        >
          {keys.data.map((key) => (
            <KeyRow key={key.id} apiKey={key} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const parsed = createApiKeyRequestSchema.safeParse({
      name: String(new FormData(formElement).get('name') ?? ''),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]!.message.replace(/^name /, 'Name '));
      formElement.querySelector<HTMLInputElement>('[name="name"]')?.focus();
      return;
    }
    setError(null);
    create.mutate(parsed.data, {
      onSuccess: (key) => {
        formElement.reset();
        onCreated(key);
      },
    });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-wrap items-end gap-3">
      <TextField
        name="name"
        label="Name of the new key"
        placeholder="e.g. Nightly export"
        className="min-w-0 flex-1"
        error={error ?? (create.isError ? describeError(create.error) : null)}
      />
      <Button type="submit" pending={create.isPending}>
        Create key
      </Button>
    </form>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const revoke = useRevokeApiKey();
  const revoked = apiKey.revokedAt !== null;

  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">
          {apiKey.name}
          {revoked && (
            <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
              Revoked
            </span>
          )}
        </p>
        <p className="text-xs text-slate-500">
          Created {formatDateTime(new Date(apiKey.createdAt))} ·{' '}
          {apiKey.lastUsedAt ? `last used ${formatDateTime(new Date(apiKey.lastUsedAt))}` : 'never used'}
          {revoked && ` · revoked ${formatDateTime(new Date(apiKey.revokedAt!))}`}
        </p>
        <ErrorMessage error={revoke.error} className="mt-1" />
      </div>
      {!revoked && (
        <ConfirmAction
          label="Revoke"
          name={`Revoke ${apiKey.name}`}
          consequence="Revoke for good?"
          pending={revoke.isPending}
          onConfirm={() => revoke.mutate(apiKey.id)}
        />
      )}
    </li>
  );
}
