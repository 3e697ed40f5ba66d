/** A grey placeholder block; whoever shows it marks the region busy and says what is loading. */
export function SkeletonBlock({ className = '' }: { className?: string }) {
  return (
    <span aria-hidden="true" className={`block animate-pulse rounded-md bg-slate-200/80 ${className}`} />
  );
}
