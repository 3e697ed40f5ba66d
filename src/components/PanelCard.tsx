// A titled card in a page's side column (recording details, the QA panel's sections).
import type { ReactNode } from 'react';

export function PanelCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const titleId = `${id}-title`;
  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-slate-200 bg-white shadow-xs">
      <h2 id={titleId} className="border-b border-slate-100 px-5 py-3.5 text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
