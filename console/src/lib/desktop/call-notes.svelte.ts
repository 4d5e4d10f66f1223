// The notes box of the call on screen: autosaved while typed, sent with the wrap-up, and moved
// to the next call (saving what was left unsaved) when another call comes on screen.
import { ApiError } from '../shared/api.js';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';

export type NotesStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

/** Autosave of the notes this long after the last key press. */
const NOTES_DEBOUNCE_MS = 1_500;

export interface NotesContext {
  socket(): KefuSocket | null;
  /** Told after a save: the call's record shows the notes. */
  saved(): void;
}

export class CallNotes {
  text = $state('');
  status = $state<NotesStatus>('idle');
  error = $state.raw<unknown>(null);

  readonly #ctx: NotesContext;
  /** The interaction the notes box belongs to. */
  #for = $state<number | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(ctx: NotesContext) {
    this.#ctx = ctx;
  }

  /** The interaction the notes belong to, or null when no call is on screen. */
  get interactionId(): number | null {
    return this.#for;
  }

  get enabled(): boolean {
    return this.#for !== null;
  }

  /** The agent typed or pasted something: the notes are saved a moment later. */
  set(text: string): void {
    this.text = text;
    if (this.#for === null) return;
    this.status = 'dirty';
    this.#clearTimer();
    this.#timer = setTimeout(() => void this.save(), NOTES_DEBOUNCE_MS);
  }

  async save(): Promise<void> {
    this.#clearTimer();
    const socket = this.#ctx.socket();
    const interactionId = this.#for;
    if (interactionId === null) return;
    if (!socket) {
      this.status = 'error';
      this.error = new ApiError(0, 'NETWORK', 'Not connected');
      return;
    }
    const notes = this.text;
    this.status = 'saving';
    this.error = null;
    try {
      await command<{ savedAt: string }>((done) => socket.emit('call:save-notes', { interactionId, notes }, done));
      if (this.#for !== interactionId) return;
      // Typed on meanwhile: the pending autosave sends the rest.
      this.status = this.text === notes ? 'saved' : 'dirty';
      this.#ctx.saved();
    } catch (e) {
      if (this.#for !== interactionId) return;
      this.status = 'error';
      this.error = e;
    }
  }

  /** The call ended: notes typed and not yet saved are sent now. */
  flush(): void {
    if (this.status === 'dirty') void this.save();
  }

  /** Points the notes box at the call on screen; unsaved notes of the previous call are sent first. */
  retarget(id: number | null): void {
    if (id === this.#for) return;
    const previous = this.#for;
    const socket = this.#ctx.socket();
    if (previous !== null && socket && (this.status === 'dirty' || this.status === 'error') && this.text) {
      const notes = this.text;
      void command((done) => socket.emit('call:save-notes', { interactionId: previous, notes }, done)).catch(() => {});
    }
    this.#clearTimer();
    this.#for = id;
    this.text = '';
    this.status = 'idle';
    this.error = null;
  }

  /** The notes of this interaction, if the agent touched them, to go with its wrap-up. */
  touchedFor(interactionId: number): string | undefined {
    return this.#for === interactionId && (this.status !== 'idle' || this.text !== '') ? this.text : undefined;
  }

  /** The wrap-up carried these notes; they count as saved unless typed on meanwhile. */
  savedWith(interactionId: number, notes: string): void {
    if (this.#for !== interactionId || this.text !== notes) return;
    this.#clearTimer();
    this.status = 'saved';
  }

  /** The wrap-up form starts from the notes the call already has (typed here or saved before). */
  prefill(interactionId: number | null, saved: string | null | undefined): void {
    if (interactionId === null || interactionId !== this.#for || this.text !== '' || this.status !== 'idle') return;
    if (saved) this.text = saved;
  }

  stop(): void {
    this.#clearTimer();
  }

  reset(): void {
    this.text = '';
    this.status = 'idle';
    this.#for = null;
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
