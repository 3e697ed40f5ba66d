// The review page's keyboard shortcuts: which key does what, and when a key belongs to something else.

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

const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);
// Widgets that use these keys themselves: Space/Enter activate buttons, sliders and menus take arrows.
const ACTIVATES_ON_SPACE =
  'button, a[href], summary, input, select, textarea, [role="button"], [role^="menuitem"], [role="checkbox"], [role="switch"], [role="tab"]';
const USES_ARROWS =
  '[role="slider"], [role="menu"], [role^="menuitem"], [role="listbox"], [role="tablist"], [role="radiogroup"]';

/** True when the keystroke is someone typing: never a shortcut then. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!isElement(target)) return false;
  if (target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])')) return true;
  const input = target.closest('input');
  if (
    input &&
    !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'file', 'color', 'image'].includes(
      input.type,
    )
  ) {
    return true;
  }
  const role = target.closest('[role]')?.getAttribute('role');
  return role !== undefined && role !== null && TYPING_ROLES.has(role);
}

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

function isElement(target: EventTarget | null): target is Element {
  return typeof Element !== 'undefined' && target instanceof Element;
}
