import { useId } from 'react';

/** The home page's search box: filters as the user types; Escape clears it. */
export function FilterField({
  value,
  onChange,
  className = '',
}: {
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="sr-only">
        Filter conversations
      </label>
      <div className="relative">
        <svg
          viewBox="0 0 20 20"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 fill-slate-400"
          aria-hidden="true"
        >
          <path d="M8.5 2a6.5 6.5 0 0 1 5.2 10.4l3.95 3.95a.9.9 0 0 1-1.27 1.27L12.43 13.7A6.5 6.5 0 1 1 8.5 2Zm0 1.8a4.7 4.7 0 1 0 0 9.4 4.7 4.7 0 0 0 0-9.4Z" />
        </svg>
        <input
          id={id}
          type="search"
          value={value}
          placeholder="Filter by title, agent or team"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onChange('');
          }}
          className="block w-full rounded-lg border border-slate-300 bg-white py-2 pr-3 pl-9 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 hover:border-slate-400 focus:border-brand-600"
        />
      </div>
    </div>
  );
}
