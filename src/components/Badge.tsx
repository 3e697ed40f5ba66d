import type { ReactNode } from 'react';

const tones = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  brand: 'bg-brand-50 text-brand-800 ring-brand-200',
} as const;

/** A small pill for a fact about something (a duration, a size, a type). */
export function Badge({
  tone = 'neutral',
  label,
  children,
}: {
  tone?: keyof typeof tones;
  /** Read before the value by screen readers, e.g. "Duration". */
  label?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium tabular-nums ring-1 ring-inset ${tones[tone]}`}
    >
      {label && <span className="sr-only">{label}: </span>}
      {children}
    </span>
  );
}
