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
