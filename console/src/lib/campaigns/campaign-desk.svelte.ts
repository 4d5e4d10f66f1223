// Campaign mode on the agent's desk (beside inbound): the running campaigns the agent works, the
// lead on the desk with its attempts, and what the agent does with it (call, skip, outcome).
import type { Campaign, CallOutcome, PreviewLead } from '@kefu/contract';
import { campaignApi } from './campaign-api.js';
import { refusalMessage } from '../shared/field-errors.js';

export class CampaignDesk {
  campaigns = $state.raw<Campaign[]>([]);
  campaignId = $state<number | null>(null);
  lead = $state.raw<PreviewLead | null>(null);
  /** True once a next lead was asked for and none may be called now. */
  noLead = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);

  running = $derived(this.campaigns.filter((c) => c.status === 'running'));

  async load(): Promise<void> {
    try {
      this.campaigns = (await campaignApi.list()).items;
      if (this.campaignId === null && this.running[0]) this.campaignId = this.running[0].id;
    } catch (e) {
      this.error = refusalMessage(e);
    }
  }

  async #act(fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await fn();
    } catch (e) {
      this.error = refusalMessage(e);
    } finally {
      this.busy = false;
    }
  }

  next(): Promise<void> {
    return this.#act(async () => {
      if (this.campaignId === null) return;
      this.lead = (await campaignApi.nextLead(this.campaignId)).lead;
      this.noLead = this.lead === null;
    });
  }

  skip(reason: 'wrong_time' | 'needs_research' | 'duplicate' | 'other'): Promise<void> {
    return this.#act(async () => {
      const l = this.lead;
      if (!l) return;
      await campaignApi.skipLead(l.campaignId, l.lead.leadId, { reason });
      this.lead = null;
    });
  }

  outcome(outcome: CallOutcome, callbackAt: string | null): Promise<void> {
    return this.#act(async () => {
      const l = this.lead;
      if (!l) return;
      await campaignApi.leadOutcome(l.campaignId, l.lead.leadId, { outcome, ...(callbackAt ? { callbackAt } : {}) });
      this.lead = null;
    });
  }
}
