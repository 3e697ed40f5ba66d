// Change your own password: the current one, a new one (the same rule as everywhere), typed twice.
import { useState, type FormEvent } from 'react';
import { changePasswordRequestSchema } from '../../../contract/account';
import { Button } from '../../components/Button';
import { TextField } from '../../components/FormField';
import { useChangePassword } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';
const LABELS: Record<Field, string> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  repeatPassword: 'Repeat the new password',
};

export function PasswordForm() {
  const change = useChangePassword();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const value = (field: Field) => String(form.get(field) ?? '');
    const parsed = changePasswordRequestSchema.safeParse({
      currentPassword: value('currentPassword'),
      newPassword: value('newPassword'),
    });
    const found: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path[0] as Field;
      found[field] ??= issue.message.replace(/^\w+ /, `${LABELS[field]} `);
    }
    if (!found.newPassword && value('repeatPassword') !== value('newPassword')) {
      found.repeatPassword = 'The two new passwords differ.';
    }
    setErrors(found);
    const firstInvalid = (Object.keys(LABELS) as Field[]).find((field) => found[field]);
    if (firstInvalid || !parsed.success) {
      formElement.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    change.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4 px-5 py-4">
      {(Object.keys(LABELS) as Field[]).map((field) => (
        <TextField
          key={field}
          name={field}
          type="password"
          label={LABELS[field]}
          autoComplete={field === 'currentPassword' ? 'current-password' : 'new-password'}
          error={errors[field]}
        />
      ))}
      <p className="text-sm text-slate-600">At least 10 characters. Your other sessions are signed out.</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
        <p role="status" className="text-sm">
          {change.isSuccess && (
            <span className="font-medium text-emerald-700">Your password has been changed.</span>
          )}
        </p>
      </div>
      <ErrorMessage error={change.error} />
    </form>
  );
}
