// The recordings of a customer's calls, by call, for the players in their history. Each play
// is fetched (and audited) by the server only when the agent presses play.
import type { RecordingList, RecordingView, Role } from '@kefu/contract';
import { isAbort, request } from '../shared/api.js';

/** Marketers hear no calls (the server refuses them too). */
export const roleHearsRecordings = (role: Role): boolean => role !== 'marketer';

export const recordingAudioUrl = (id: number): string => `/api/recordings/${id}/audio`;

export class CustomerRecordings {
  byCall = $state.raw<ReadonlyMap<number, readonly RecordingView[]>>(new Map());
  error = $state<unknown>(null);
  #controller = new AbortController();

  constructor(readonly customerId: number) {}

  async load(): Promise<void> {
    try {
      const { items } = await request<RecordingList>('GET', `/api/recordings?customerId=${this.customerId}`, { signal: this.#controller.signal });
      const byCall = new Map<number, RecordingView[]>();
      for (const r of items) byCall.set(r.interactionId, [...(byCall.get(r.interactionId) ?? []), r]);
      this.byCall = byCall;
    } catch (e) {
      if (!isAbort(e)) this.error = e;
    }
  }

  of(interactionId: number): readonly RecordingView[] {
    return this.byCall.get(interactionId) ?? [];
  }

  dispose(): void {
    this.#controller.abort();
  }
}
