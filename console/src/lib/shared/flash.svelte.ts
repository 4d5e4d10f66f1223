// A one-shot message carried across a navigation ("Customer created." on the new page).
import type { MessageKey } from '../i18n/index.svelte.js';

class Flash {
  message = $state<MessageKey | null>(null);

  set(key: MessageKey): void {
    this.message = key;
  }

  /** Returns the pending message once. */
  take(): MessageKey | null {
    const m = this.message;
    this.message = null;
    return m;
  }
}

export const flash = new Flash();
