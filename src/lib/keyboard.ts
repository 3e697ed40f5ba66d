// Page-wide keyboard shortcuts must never fire while someone types: the one test for that, shared.

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

const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

export function isElement(target: EventTarget | null): target is Element {
  return typeof Element !== 'undefined' && target instanceof Element;
}
