// The review page's keyboard shortcuts: which key does what, and when a key belongs to something else.
import { isElement, isTypingTarget } from '../../lib/keyboard';

export { isTypingTarget };

export type ShortcutAction =
  { type: 'toggle-play' } | { type: 'seek-by'; seconds: number } | { type: 'toggle-help' };

export interface ShortcutHelp {
  keys: string[];
  description: string;
}

/** Shown in the `?` dialog; kept next to the mapping so the two cannot drift apart. */
export const shortcutHelp: ShortcutHelp[] = [
  { keys: ['Space', 'K'], description: 'Play or pause' },
  { keys: ['J'], description: 'Back 10 seconds' },
  { keys: ['L'], description: 'Forward 10 seconds' },
  { keys: ['←'], description: 'Back 5 seconds' },
  { keys: ['→'], description: 'Forward 5 seconds' },
  { keys: ['?'], description: 'Show or hide these shortcuts' },
];

/** The parts of a KeyboardEvent the mapping looks at. */
export interface ShortcutKeyEvent {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

// Widgets that use these keys themselves: Space/Enter activate buttons, sliders and menus take arrows.
const ACTIVATES_ON_SPACE =
  'button, a[href], summary, input, select, textarea, [role="button"], [role^="menuitem"], [role="checkbox"], [role="switch"], [role="tab"]';
const USES_ARROWS =
  '[role="slider"], [role="menu"], [role^="menuitem"], [role="listbox"], [role="tablist"], [role="radiogroup"]';

export function shortcutFor(event: ShortcutKeyEvent): ShortcutAction | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  const element = isElement(event.target) ? event.target : null;

  switch (event.key) {
    case ' ':
    case 'Spacebar':
      return element?.closest(ACTIVATES_ON_SPACE) ? null : { type: 'toggle-play' };
    case 'k':
    case 'K':
      return { type: 'toggle-play' };
    case 'j':
    case 'J':
      return { type: 'seek-by', seconds: -10 };
    case 'l':
    case 'L':
      return { type: 'seek-by', seconds: 10 };
    case 'ArrowLeft':
      return element?.closest(USES_ARROWS) ? null : { type: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return element?.closest(USES_ARROWS) ? null : { type: 'seek-by', seconds: 5 };
    case '?':
      return { type: 'toggle-help' };
    default:
      return null;
  }
}
