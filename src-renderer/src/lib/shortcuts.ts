// The keyboard shortcuts, as the "?" list shows them, and the window-wide ones' rules.
// Table keys (arrows, Enter, D, the menu key) act on the row the keyboard is on.

export interface Shortcut {
  keys: readonly string[];
  does: string;
}

export const shortcuts: readonly Shortcut[] = [
  { keys: ['/'], does: 'Search: the Sessions search box, or Find subscriber on other pages' },
  { keys: ['↑', '↓'], does: 'Move to the previous / next session row' },
  { keys: ['PgUp', 'PgDn', 'Home', 'End'], does: 'Move a screen, or to the first / last row' },
  { keys: ['Enter'], does: "Open the row's subscriber" },
  { keys: ['D'], does: 'Disconnect the row’s session (asks first)' },
  { keys: ['Shift+F10', 'Menu'], does: "The row's menu: copy, ping, traceroute, who had this IP…" },
  { keys: ['Esc'], does: 'Close whatever is open (menu, dialog, this list); clear the search' },
  { keys: ['?'], does: 'This list' },
];

/** Where a typed character belongs to a field, not to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, select, textarea, [contenteditable="true"]') !== null;
}

/** A key pressed with no Ctrl, Alt or Meta (Shift is part of "?" on most layouts). */
export function plainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}

/**
 * "/": the page's own search box when it has one (marked data-shortcut="search"), else
 * the top bar's Find subscriber.
 */
export function focusSearch(root: ParentNode = document): boolean {
  const box =
    root.querySelector<HTMLInputElement>('[data-shortcut="search"]') ??
    root.querySelector<HTMLInputElement>('[data-shortcut="find-subscriber"]');
  if (!box) return false;
  box.focus();
  box.select();
  return true;
}
