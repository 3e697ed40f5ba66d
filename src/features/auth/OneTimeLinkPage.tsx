// The frame of the pages a one-time link opens (/setup/<token>, /set-password/<token>): a short form
// that ends signed in, its field errors from the contract, and the server's answer when the link is spent.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { Logo } from '../../components/Logo';
import { isApiError } from '../../lib/api-client';

export type FieldErrors = Record<string, string | undefined>;

interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

interface OneTimeLinkPageProps<T> {
  title: string;
  intro: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  /** The request from the form's values, checked against the contract before it is sent. */
  schema: Schema<T>;
  toRequest(form: FormData): unknown;
  mutation: { mutate(input: T, options: { onSuccess(): void }): void; isPending: boolean; error: unknown };
  fields(errors: FieldErrors): ReactNode;
}

const samePasswords = (form: FormData) => form.get('password') === form.get('confirmPassword');

export function OneTimeLinkPage<T>(props: OneTimeLinkPageProps<T>) {
  const { mutation } = props;
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = props.schema.safeParse(props.toRequest(form));
    const found: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
    }
    if (!samePasswords(form)) found.confirmPassword = 'The two passwords differ.';
    setErrors(found);
    if (!parsed.success || found.confirmPassword) {
      const first = Object.keys(found)[0];
      (event.currentTarget.elements.namedItem(first ?? '') as HTMLInputElement | null)?.focus();
      return;
    }
    mutation.mutate(parsed.data, { onSuccess: () => void navigate('/', { replace: true }) });
  }

  const serverError = mutation.error
    ? isApiError(mutation.error)
      ? mutation.error.description.replace(/^token: /, '')
      : 'That did not work. Try again.'
    : null;

  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-slate-50 px-6 py-12">
      <title>{`${props.title} · Tapeline`}</title>
      <div className="w-full max-w-md rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <Logo className="mb-8" />
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
        <div className="mt-2 text-[0.9375rem] text-slate-600">{props.intro}</div>
        <div role="alert" className="mt-6">
          {serverError && (
            <p className="mb-5 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-800">
              {serverError}
            </p>
          )}
        </div>
        <form className="space-y-5" onSubmit={handleSubmit} noValidate>
          {props.fields(errors)}
          <Button type="submit" pending={mutation.isPending} className="w-full py-2.5">
            {mutation.isPending ? props.pendingLabel : props.submitLabel}
          </Button>
        </form>
      </div>
    </main>
  );
}
