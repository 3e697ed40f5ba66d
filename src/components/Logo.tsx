// The Tapeline mark (a play button over a tape with its playhead), optionally with the wordmark.
type LogoProps = { withWordmark?: boolean; className?: string; tone?: 'brand' | 'inverse' };

export function LogoMark({ className = 'size-8', tone = 'brand' }: Omit<LogoProps, 'withWordmark'>) {
  const tile = tone === 'brand' ? 'fill-brand-700' : 'fill-white/15';
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className={tile} />
      <path d="M12.5 7.5 22 13.5 12.5 19.5Z" fill="#fff" />
      <path d="M7.5 25h17" stroke="#fff" strokeOpacity=".5" strokeWidth="2" strokeLinecap="round" />
      <circle cx="13" cy="25" r="2.25" fill="#fff" />
    </svg>
  );
}

export function Logo({ withWordmark = true, className, tone = 'brand' }: LogoProps) {
  return (
    <span className={`inline-flex items-center gap-2.5 ${className ?? ''}`}>
      <LogoMark tone={tone} />
      {withWordmark && (
        <span
          className={`text-lg font-semibold tracking-tight ${tone === 'brand' ? 'text-slate-900' : 'text-white'}`}
        >
          Tapeline
        </span>
      )}
    </span>
  );
}
