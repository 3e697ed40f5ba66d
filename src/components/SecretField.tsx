// A value shown once for the person to copy (a new API key, a one-time link): a read-only, labelled
// field that selects itself on focus, and a Copy button that says whether copying worked; and the
// notice around it that says it will not be shown again, with a button to put it away once copied.
import { useId, useState, type ReactNode } from 'react';
import { Button } from './Button';

export function SecretField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'no' | 'yes' | 'unavailable'>('no');

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('No clipboard');
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('unavailable');
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <p role="status" className="mt-1 text-sm text-slate-600">
        {copied === 'yes' && 'Copied.'}
        {copied === 'unavailable' && 'Copying is not available here; select the text and copy it yourself.'}
      </p>
    </div>
  );
}

/** A secret shown only this once: the field to copy it from, what to do with it, and "I have copied it". */
export function OneTimeSecret({
  label,
  value,
  children,
  onDone,
}: {
  label: string;
  value: string;
  /** What the secret is for and who should have it. */
  children: ReactNode;
  /** The person has copied it: the secret goes away for good. */
  onDone: () => void;
}) {
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <SecretField label={label} value={value} />
      <p className="mt-1 text-sm text-amber-900">{children}</p>
      <Button variant="ghost" className="mt-2" onClick={onDone}>
        I have copied it
      </Button>
    </div>
  );
}
