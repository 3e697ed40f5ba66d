import { useId } from 'react';

/** For reviewers: every recording, or only the ones nobody has evaluated yet. */
export function QaFilterSelect({
  unevaluatedOnly,
  onChange,
}: {
  unevaluatedOnly: boolean;
  onChange: (unevaluatedOnly: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Show
      </label>
      <select
        id={id}
        value={unevaluatedOnly ? 'unevaluated' : 'all'}
        onChange={(event) => onChange(event.target.value === 'unevaluated')}
        className="rounded-lg border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-xs hover:border-slate-400 focus:border-brand-600"
      >
        <option value="all">All recordings</option>
        <option value="unevaluated">Not evaluated</option>
      </select>
    </div>
  );
}
