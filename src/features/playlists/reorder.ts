// Moving one clip in a list of ids, as a drag or a key press asks.

/** `ids` with `id` moved to `to` (clamped to the list). */
export function moveTo(ids: readonly string[], id: string, to: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const next = ids.filter((other) => other !== id);
  next.splice(Math.min(Math.max(to, 0), next.length), 0, id);
  return next;
}
