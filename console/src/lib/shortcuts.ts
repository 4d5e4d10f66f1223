// Global keyboard shortcuts of the signed-in console. The list in the help dialog is SHORTCUTS.
import type { MessageKey } from './i18n/index.svelte.js';

export type ShortcutAction = 'search' | 'customers' | 'home' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** Key caps as shown in the help dialog. */
  keys: string[];
  label: MessageKey;
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'search', keys: ['/'], label: 'shortcuts.search' },
  { action: 'customers', keys: ['Alt', 'C'], label: 'shortcuts.customers' },
  { action: 'home', keys: ['Alt', 'H'], label: 'shortcuts.home' },
  { action: 'help', keys: ['?'], label: 'shortcuts.help' },
];

/** True while the user is typing somewhere a plain key press means a character. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

/** Which shortcut a key press is, if any. Pure apart from reading the event. */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey) return null;
  // Alt+letter by physical key: on macOS Option+C types "ç", and layouts differ.
  if (e.altKey && !e.shiftKey) {
    if (e.code === 'KeyC') return 'customers';
    if (e.code === 'KeyH') return 'home';
    return null;
  }
  if (e.altKey || isTyping(e.target)) return null;
  if (e.key === '/') return 'search';
  if (e.key === '?') return 'help';
  return null;
}
