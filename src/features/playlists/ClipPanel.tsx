// Beside the review player, for those who build playlists: mark a range with I and O (shown on the
// progress bar) and add it, or the whole recording, to a playlist.
import { useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { PanelCard } from '../../components/PanelCard';
import { formatDuration } from '../../lib/format';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import { AddToPlaylistDialog } from './AddToPlaylistDialog';
import { clipOf, mark, markKeyOf, type MarkedRange } from './clip-range';

export const CLIP_PANEL_SHORTCUTS = [
  { keys: ['I'], description: 'Mark the start of a clip' },
  { keys: ['O'], description: 'Mark the end of a clip' },
];

export function ClipPanel({
  activityId,
  duration,
  player,
}: {
  activityId: string;
  /** The recording's length in seconds, as the API reports it. */
  duration: number;
  player: ReviewPlayerControls | null;
}) {
  const [range, setRange] = useState<MarkedRange>({ in: null, out: null });
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!player) return;
    function onKeyDown(event: KeyboardEvent) {
      const which = markKeyOf(event);
      if (!which || !player) return;
      event.preventDefault();
      const at = Math.round(player.currentTime() * 10) / 10;
      setRange((current) => mark(current, which, at));
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [player]);

  useEffect(() => {
    if (range.in === null && range.out === null) player?.setRange(null);
    else player?.setRange({ start: range.in ?? 0, end: range.out ?? undefined });
  }, [player, range]);

  // The API's duration: the one the server checks clips against.
  const clip = clipOf(range, duration);

  return (
    <PanelCard id="playlist-clip" title="Clip for a playlist">
      <div className="space-y-3 px-5 py-4">
        <p className="text-sm text-slate-600">
          Press <kbd className="rounded border border-slate-300 px-1 text-xs font-semibold">I</kbd> and{' '}
          <kbd className="rounded border border-slate-300 px-1 text-xs font-semibold">O</kbd> at the player’s
          current time to mark a clip.
        </p>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <div>
            <dt className="text-slate-500">In</dt>
            <dd className="font-mono tabular-nums" data-testid="mark-in">
              {range.in === null ? '—' : formatDuration(range.in)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Out</dt>
            <dd className="font-mono tabular-nums" data-testid="mark-out">
              {range.out === null ? '—' : formatDuration(range.out)}
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setOpen(true)}>
            {clip.whole ? 'Add whole recording to playlist' : 'Add marked clip to playlist'}
          </Button>
          {(range.in !== null || range.out !== null) && (
            <Button variant="ghost" onClick={() => setRange({ in: null, out: null })}>
              Clear marks
            </Button>
          )}
        </div>
      </div>
      <AddToPlaylistDialog open={open} onClose={() => setOpen(false)} activityId={activityId} range={clip} />
    </PanelCard>
  );
}
