// Global keyboard shortcuts of the signed-in console. The list in the help dialog is SHORTCUTS.
import type { MessageKey } from '../i18n/index.svelte.js';

export type NavigationAction = 'search' | 'customers' | 'home' | 'help';
/** Call control on the agent desktop; they work from any page while the desktop runs. */
export type CallAction =
  | 'answer'
  | 'hangup'
  | 'hold'
  | 'mute'
  | 'ready'
  | 'notReady'
  | 'finishWrapUp'
  | 'transfer'
  | 'keypad'
  | 'consultComplete'
  | 'consultCancel'
  | 'consultSwap'
  | 'recording';
export type ShortcutAction = NavigationAction | CallAction;

export interface Shortcut {
  action: ShortcutAction;
  /** Key caps as shown in the help dialog. */
  keys: string[];
  label: MessageKey;
  /** `calls` shortcuts are listed (and work) only for users of the agent desktop. */
  group: 'general' | 'calls';
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'search', keys: ['/'], label: 'shortcuts.search', group: 'general' },
  { action: 'customers', keys: ['Alt', 'C'], label: 'shortcuts.customers', group: 'general' },
  { action: 'home', keys: ['Alt', 'H'], label: 'shortcuts.home', group: 'general' },
  { action: 'help', keys: ['?'], label: 'shortcuts.help', group: 'general' },
  { action: 'answer', keys: ['Alt', 'A'], label: 'shortcuts.answer', group: 'calls' },
  { action: 'hangup', keys: ['Alt', 'X'], label: 'shortcuts.hangup', group: 'calls' },
  { action: 'hold', keys: ['Alt', 'O'], label: 'shortcuts.hold', group: 'calls' },
  { action: 'mute', keys: ['Alt', 'M'], label: 'shortcuts.mute', group: 'calls' },
  { action: 'ready', keys: ['Alt', 'R'], label: 'shortcuts.ready', group: 'calls' },
  { action: 'notReady', keys: ['Alt', 'N'], label: 'shortcuts.notReady', group: 'calls' },
  { action: 'finishWrapUp', keys: ['Alt', 'W'], label: 'shortcuts.finishWrapUp', group: 'calls' },
  { action: 'transfer', keys: ['Alt', 'T'], label: 'shortcuts.transfer', group: 'calls' },
  { action: 'keypad', keys: ['Alt', 'K'], label: 'shortcuts.keypad', group: 'calls' },
  { action: 'recording', keys: ['Alt', 'P'], label: 'shortcuts.recording', group: 'calls' },
  { action: 'consultComplete', keys: ['Alt', 'J'], label: 'shortcuts.consultComplete', group: 'calls' },
  { action: 'consultSwap', keys: ['Alt', 'S'], label: 'shortcuts.consultSwap', group: 'calls' },
  { action: 'consultCancel', keys: ['Alt', 'Q'], label: 'shortcuts.consultCancel', group: 'calls' },
];

const CALL_ACTIONS = new Set<ShortcutAction>([
  'answer',
  'hangup',
  'hold',
  'mute',
  'ready',
  'notReady',
  'finishWrapUp',
  'transfer',
  'keypad',
  'consultComplete',
  'consultCancel',
  'consultSwap',
  'recording',
]);

export function isCallAction(action: ShortcutAction): action is CallAction {
  return CALL_ACTIONS.has(action);
}

/** Alt + physical key → action. */
const ALT_KEYS: Record<string, ShortcutAction> = {
  KeyC: 'customers',
  KeyH: 'home',
  KeyA: 'answer',
  KeyX: 'hangup',
  KeyO: 'hold',
  KeyM: 'mute',
  KeyR: 'ready',
  KeyN: 'notReady',
  KeyW: 'finishWrapUp',
  KeyT: 'transfer',
  KeyK: 'keypad',
  // A consult: J joins the caller and the colleague, S swaps between them, Q quits the consult.
  KeyJ: 'consultComplete',
  KeyS: 'consultSwap',
  KeyQ: 'consultCancel',
};

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
  // Alt shortcuts work while typing too (an agent writing notes can still hang up).
  if (e.altKey && !e.shiftKey) return ALT_KEYS[e.code] ?? null;
  if (e.altKey || isTyping(e.target)) return null;
  if (e.key === '/') return 'search';
  if (e.key === '?') return 'help';
  return null;
}
