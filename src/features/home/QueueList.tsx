// A titled list of the caller's queue, with a sentence for when it is empty.
import { useId, type ReactNode } from 'react';

export function QueueList<Item>({
  title,
  total,
  items,
  empty,
  renderItem,
  itemKey,
  counted = true,
}: {
  title: string;
  /** False for lists of the latest few, where a count of the page says nothing. */
  counted?: boolean;
  /** How many there are in all, when the list shows only the first ones. */
  total?: number;
  items: Item[];
  empty: string;
  renderItem: (item: Item) => ReactNode;
  itemKey: (item: Item) => string;
}) {
  const headingId = useId();
  const count = total ?? items.length;
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col rounded-xl border border-slate-200 bg-white shadow-xs"
    >
      <div className="flex items-baseline justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        {counted && items.length > 0 && (
          <span className="text-xs text-slate-600">
            {count > items.length ? `latest ${items.length} of ${count}` : count}
          </span>
        )}
      </div>
      {items.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul aria-label={title} className="max-h-[26rem] divide-y divide-slate-100 overflow-y-auto p-1">
          {items.map((item) => (
            <li key={itemKey(item)}>{renderItem(item)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
