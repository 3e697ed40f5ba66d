// Labelled form controls with an error message under them: one frame for inputs, text areas and
// selects, so their labels, error wiring and look cannot drift apart; and the one checkbox.
import { useId, type ComponentProps, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  /** Shown under the field and announced with it; marks the field invalid. */
  error?: string | null;
  className?: string;
}

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  className: string;
}

function FieldFrame({
  label,
  error,
  className = '',
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : undefined,
        className: `mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-[0.9375rem] text-slate-900 shadow-xs transition-colors placeholder:text-slate-400 focus:border-brand-600 disabled:bg-slate-50 disabled:text-slate-500 ${
          error ? 'border-red-600' : 'border-slate-300 hover:border-slate-400'
        }`,
      })}
      {error && (
        <p id={errorId} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  error,
  className,
  ...inputProps
}: FieldProps & Omit<ComponentProps<'input'>, 'id' | 'className'>) {
  return (
    <FieldFrame label={label} error={error} className={className}>
      {(control) => <input {...control} {...inputProps} />}
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  error,
  className,
  rows = 3,
  ...textareaProps
}: FieldProps & Omit<ComponentProps<'textarea'>, 'id' | 'className'>) {
  return (
    <FieldFrame label={label} error={error} className={className}>
      {(control) => <textarea {...control} rows={rows} {...textareaProps} />}
    </FieldFrame>
  );
}

export function SelectField({
  label,
  error,
  className,
  ...selectProps
}: FieldProps & Omit<ComponentProps<'select'>, 'id' | 'className'>) {
  return (
    <FieldFrame label={label} error={error} className={className}>
      {(control) => <select {...control} {...selectProps} />}
    </FieldFrame>
  );
}

/** A checkbox with its label beside it (the label wraps the box, so a click on either toggles it). */
export function CheckboxField({
  label,
  className = '',
  ...inputProps
}: { label: ReactNode; className?: string } & Omit<ComponentProps<'input'>, 'type' | 'className'>) {
  return (
    <label className={`inline-flex items-center gap-2 text-sm text-slate-800 ${className}`}>
      <input type="checkbox" className="size-4 accent-brand-700" {...inputProps} />
      {label}
    </label>
  );
}
