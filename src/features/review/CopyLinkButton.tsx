// "Copy link at current time": a link that opens this recording where the reviewer is now.
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string };

export function CopyLinkButton({ linkAt }: { linkAt: () => string }) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const link = linkAt();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('No clipboard');
      await navigator.clipboard.writeText(link);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'manual', link });
    }
  }

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2">
      <Button variant="secondary" onClick={() => void copy()}>
        <LinkIcon />
        Copy link at current time
      </Button>
      <p role="status" className="min-w-0 text-sm text-slate-600">
        {state.kind === 'copied' && (
          <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700">
            <svg viewBox="0 0 20 20" className="size-4 fill-current" aria-hidden="true">
              <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm3.9 6.3-4.6 5a.9.9 0 0 1-1.3 0l-2-2.1a.9.9 0 1 1 1.3-1.2l1.4 1.4 3.9-4.3a.9.9 0 0 1 1.3 1.2Z" />
            </svg>
            Link copied
          </span>
        )}
        {state.kind === 'manual' && <>Copying is not available here. Copy the link yourself:</>}
      </p>
      {state.kind === 'manual' && (
        <input
          readOnly
          aria-label="Link at current time"
          value={state.link}
          onFocus={(event) => event.currentTarget.select()}
          className="w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-mono text-xs text-slate-800"
        />
      )}
    </div>
  );
}

function LinkIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4 fill-none stroke-current" strokeWidth="1.8" aria-hidden="true">
      <path
        d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1"
        strokeLinecap="round"
      />
    </svg>
  );
}
