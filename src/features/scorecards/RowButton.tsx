import type { ReactNode } from 'react';

/**
 * A small button for reordering and removing rows. Unavailable moves stay focusable (aria-disabled), so
 * focus does not vanish when an item reaches the top or bottom.
 */
export function RowButton({
  label,
  disabled,
  onClick,
  children,
}: {
  /** The full name, e.g. "Move section 2 up"; the visible text is the short form. */
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-disabled={disabled || undefined}
      onClick={() => {
        if (!disabled) onClick();
      }}
      className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 aria-disabled:cursor-not-allowed aria-disabled:text-slate-400 aria-disabled:hover:bg-transparent"
    >
      {children}
    </button>
  );
}

/** Up, Down and Remove for one row of a list; `name` completes their labels ("Move section 2 up"). */
export function ReorderButtons({
  className = '',
  name,
  first,
  last,
  only,
  onMove,
  onRemove,
}: {
  className?: string;
  name: string;
  first: boolean;
  last: boolean;
  only: boolean;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <div className={`flex gap-1 ${className}`}>
      <RowButton label={`Move ${name} up`} disabled={first} onClick={() => onMove(-1)}>
        Up
      </RowButton>
      <RowButton label={`Move ${name} down`} disabled={last} onClick={() => onMove(1)}>
        Down
      </RowButton>
      <RowButton label={`Remove ${name}`} disabled={only} onClick={onRemove}>
        Remove
      </RowButton>
    </div>
  );
}
