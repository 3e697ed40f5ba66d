// A page's empty, error or not-found state: an icon, what happened, and what the user can do next.
import type { ReactNode } from 'react';

const icons = {
  empty:
    'M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v11a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 4 17.5v-11Zm6 2.3v6.4l5-3.2-5-3.2Z',
  error:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-1 5a1 1 0 1 1 2 0v5a1 1 0 1 1-2 0V8Zm1 9.25a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Z',
  search:
    'M10.5 3a7.5 7.5 0 0 1 5.96 12.05l4.25 4.24a1 1 0 0 1-1.42 1.42l-4.24-4.25A7.5 7.5 0 1 1 10.5 3Zm0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Z',
  locked:
    'M12 2.5A4.5 4.5 0 0 0 7.5 7v2H7a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-.5V7A4.5 4.5 0 0 0 12 2.5Zm2.5 6.5h-5V7a2.5 2.5 0 0 1 5 0v2Z',
} as const;

export function StatePanel({
  icon,
  title,
  headingLevel = 2,
  children,
  actions,
  role,
}: {
  icon: keyof typeof icons;
  title: string;
  headingLevel?: 1 | 2;
  children?: ReactNode;
  actions?: ReactNode;
  /** `alert` for failures the user should hear about at once. */
  role?: 'alert' | 'status';
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const tone = icon === 'error' ? 'bg-red-50 fill-red-600' : 'bg-brand-50 fill-brand-600';
  return (
    <div
      role={role}
      className="rounded-2xl border border-slate-200 bg-white px-6 py-14 text-center shadow-xs"
    >
      <span className={`mx-auto grid size-12 place-items-center rounded-full ${tone}`}>
        <svg viewBox="0 0 24 24" className="size-6" aria-hidden="true" focusable="false">
          <path d={icons[icon]} fillRule="evenodd" />
        </svg>
      </span>
      <Heading className="mt-4 text-base font-semibold text-slate-900">{title}</Heading>
      {children && <div className="mx-auto mt-2 max-w-md text-sm text-slate-600">{children}</div>}
      {actions && <div className="mt-6 flex justify-center gap-3">{actions}</div>}
    </div>
  );
}
