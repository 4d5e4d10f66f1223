// One customer's consent: the state per purpose, the history, and recording a decision.
import type { ConsentCreate, CustomerConsents } from '@kefu/contract';
import { isAbort } from '../shared/api.js';
import { privacyApi } from './privacy-api.js';

export class CustomerConsentsState {
  data = $state.raw<CustomerConsents | null>(null);
  error = $state<unknown>(null);
  saving = $state(false);
  saveError = $state<unknown>(null);
  saved = $state(false);
  #controller = new AbortController();

  constructor(readonly customerId: number) {}

  async load(): Promise<void> {
    this.error = null;
    try {
      this.data = await privacyApi.consents(this.customerId, this.#controller.signal);
    } catch (e) {
      if (!isAbort(e)) this.error = e;
    }
  }

  async record(body: ConsentCreate): Promise<void> {
    this.saving = true;
    this.saveError = null;
    this.saved = false;
    try {
      this.data = await privacyApi.recordConsent(this.customerId, body);
      this.saved = true;
    } catch (e) {
      this.saveError = e;
    } finally {
      this.saving = false;
    }
  }

  dispose(): void {
    this.#controller.abort();
  }
}
