// "My work": the signed-in agent's open cases and pending follow-ups, soonest due first.
import type { CaseListItem, FollowUpTask } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import { caseApi } from './case-api.js';

export class MyWork {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state.raw<unknown>(null);
  cases = $state.raw<CaseListItem[]>([]);
  followUps = $state.raw<FollowUpTask[]>([]);
  refreshing = $state(false);
  #controller = new AbortController();

  async load(): Promise<void> {
    this.refreshing = this.status === 'ready';
    this.error = null;
    try {
      const work = await caseApi.myWork(this.#controller.signal);
      this.cases = work.cases;
      this.followUps = work.followUps;
      this.status = 'ready';
    } catch (e) {
      if (isAbort(e)) return;
      this.error = e;
      if (this.status !== 'ready') this.status = 'error';
    } finally {
      this.refreshing = false;
    }
  }

  dispose(): void {
    this.#controller.abort();
  }
}
