// The range a trainer marks on a recording, as video editors do: `I` sets the in point, `O` the out
// point, at the player's current time; and the clip an annotation gives (its moment, ten seconds around).
import { isTypingTarget } from '../../lib/keyboard';

export interface MarkedRange {
  in: number | null;
  out: number | null;
}

export const ANNOTATION_MARGIN_SECONDS = 10;

/** `I` or `O` when the key is one (not while typing, not with modifiers). */
export function markKeyOf(event: KeyboardEvent): 'in' | 'out' | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  if (event.key === 'i' || event.key === 'I') return 'in';
  if (event.key === 'o' || event.key === 'O') return 'out';
  return null;
}

/** Marks a point; a new in after the out (or out before the in) starts the range again from there. */
export function mark(range: MarkedRange, which: 'in' | 'out', seconds: number): MarkedRange {
  if (which === 'in')
    return { in: seconds, out: range.out !== null && range.out > seconds ? range.out : null };
  return { in: range.in !== null && range.in < seconds ? range.in : null, out: seconds };
}

/** The clip to add: the marked range when both ends are set, else the whole recording. */
export function clipOf(range: MarkedRange, duration: number) {
  if (range.in !== null && range.out !== null && range.out > range.in)
    return { startSeconds: range.in, endSeconds: range.out, whole: false };
  return { startSeconds: 0, endSeconds: duration, whole: true };
}

/** An annotation's moment with ten seconds either side, within the recording. */
export function annotationClip(
  annotation: { startSeconds: number; endSeconds: number | null },
  duration: number,
) {
  return {
    startSeconds: Math.max(0, annotation.startSeconds - ANNOTATION_MARGIN_SECONDS),
    endSeconds: Math.min(
      duration,
      (annotation.endSeconds ?? annotation.startSeconds) + ANNOTATION_MARGIN_SECONDS,
    ),
  };
}
