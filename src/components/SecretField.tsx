// A value shown once for the person to copy (a new API key, a one-time link): a read-only, labelled
// field that selects itself on focus, and a Copy button that says whether copying worked.
import { useId, useState } from 'react';
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
