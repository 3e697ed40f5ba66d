// Items the server sent that break the contract: logged for developers, shown to users as a quiet notice.
export interface RejectedItemsNotice {
  source: string;
  count: number;
}

type Listener = (notice: RejectedItemsNotice) => void;
const listeners = new Set<Listener>();

export function reportRejectedItems(source: string, rejected: { item: unknown; issues: string }[]): void {
  if (rejected.length === 0) return;
  for (const { item, issues } of rejected)
    console.warn(`Ignored an item from ${source} that breaks the contract: ${issues}`, item);
  for (const listener of listeners) listener({ source, count: rejected.length });
}

/** Subscribe to notices (the app shell shows them); returns the unsubscribe function. */
export function onRejectedItems(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
