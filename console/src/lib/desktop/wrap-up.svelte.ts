// The wrap-up form's own state: the call's disposition codes, the code chosen, and whether the
// agent was told to choose one. Finishing (the socket command) is the desktop's, which owns the
// agent's state and the notes.
import type { DispositionCode, Locale } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import { caseApi } from '../cases/case-api.js';

export type CodesStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A code's label in the console's language. */
export function dispositionLabel(code: DispositionCode, locale: Locale): string {
  return locale === 'zh-CN' ? code.labelZh : code.label;
}

export class WrapUp {
  /** The call these codes and this choice belong to. */
  interactionId = $state<number | null>(null);
  codes = $state.raw<DispositionCode[]>([]);
  codesStatus = $state<CodesStatus>('idle');
  codesError = $state.raw<unknown>(null);
  disposition = $state('');
  /** The agent tried to finish (or to go Ready) without a disposition. */
  missing = $state(false);
  busy = $state(false);
  error = $state.raw<unknown>(null);
  /** Bumped to ask the form to put focus on the disposition. */
  focusRequests = $state(0);
  #controller: AbortController | null = null;

  /** Points the form at a call: a different call starts from an empty choice. */
  target(interactionId: number | null): void {
    if (interactionId === this.interactionId) return;
    this.#controller?.abort();
    this.#controller = null;
    this.interactionId = interactionId;
    this.codes = [];
    this.codesStatus = 'idle';
    this.codesError = null;
    this.disposition = '';
    this.missing = false;
    this.error = null;
    if (interactionId !== null) void this.loadCodes();
  }

  async loadCodes(): Promise<void> {
    const id = this.interactionId;
    if (id === null) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.codesStatus = 'loading';
    this.codesError = null;
    try {
      const { items } = await caseApi.dispositions(id, controller.signal);
      if (this.interactionId !== id) return;
      this.codes = items;
      this.codesStatus = 'ready';
    } catch (e) {
      if (isAbort(e) || this.interactionId !== id) return;
      this.codesError = e;
      this.codesStatus = 'error';
    }
  }

  choose(code: string): void {
    this.disposition = code;
    if (code) this.missing = false;
  }

  /** Tells the agent a disposition is needed and moves focus to it. */
  askForDisposition(): void {
    this.missing = true;
    this.focusRequests++;
  }

  reset(): void {
    this.target(null);
    this.busy = false;
  }
}
