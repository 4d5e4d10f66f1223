// The dry run: who would be dialled now, in what order, and why not the others. It walks every
// lead of the campaign through the one eligibility rule (rules/dial-eligibility.ts) that the
// desk's next lead also uses, with facts read fresh from the database (a do-not-call entry or a
// consent withdrawal just written already counts).
import { EXCLUSION_REASONS, type Campaign, type DryRun, type DryRunLead, type ExclusionReason } from '../../../contract/index.js';
import type { ConsentRepository } from '../customers/privacy/data/consent.repository.js';
import type { Viewer } from '../identity/request-context.js';
import type { DialFactsRepository, LeadDialRow } from './data/dial-facts.repository.js';
import { CallingWindow, localTimeOf } from './rules/calling-window.js';
import { exclusionOf, type CampaignFacts } from './rules/dial-eligibility.js';
import { leadComparator } from './rules/lead-order.js';
import { timeZonesOfNumber } from './rules/lead-time-zone.js';

const PAGE = 5000;
const HOUR_MS = 3_600_000;

export interface DryRunDeps {
  facts: DialFactsRepository;
  consents: ConsentRepository;
  /** The business calendar's holidays ('YYYY-MM-DD'). */
  holidays(): Promise<readonly string[]>;
  centerZone: string;
  now(): number;
  /** Masks a number for viewers whose role sees numbers masked. */
  maskFor(viewer: Viewer): Promise<(phone: string) => string>;
}

export interface Evaluated {
  row: LeadDialRow;
  timeZones: string[];
  reason: ExclusionReason | null;
}

export class DryRunService {
  constructor(private readonly d: DryRunDeps) {}

  /** Every lead (or just `leadIds`) with its decision now, a page at a time. */
  async *evaluate(campaign: Campaign, now: number, leadIds?: readonly number[]): AsyncGenerator<Evaluated[]> {
    const facts: CampaignFacts = {
      purpose: campaign.purpose,
      rules: campaign.rules,
      window: new CallingWindow(campaign.rules.window, campaign.rules.skipHolidays ? await this.d.holidays() : []),
    };
    const recallMs = campaign.rules.abandonRecallHours * HOUR_MS;
    let after = 0;
    for (;;) {
      const rows = await this.d.facts.page(campaign.id, now, recallMs, after, PAGE, leadIds);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      const consents = campaign.purpose === 'marketing' ? await this.d.consents.latestForMany(rows.map((r) => r.customerId), 'marketing_calls') : new Map();
      yield rows.map((row) => {
        // Leads loaded before zones were derived at import get theirs from the number now.
        const timeZones = row.timeZones.length ? row.timeZones : timeZonesOfNumber(row.phone, this.d.centerZone);
        const marketingConsent = consents.get(row.customerId)?.decision ?? 'unknown';
        return { row, timeZones, reason: exclusionOf(facts, { ...row, timeZones, marketingConsent }, now) };
      });
      if (rows.length < PAGE) return;
    }
  }

  async run(viewer: Viewer, campaign: Campaign, limit: number, samples: number): Promise<DryRun> {
    const now = this.d.now();
    const mask = await this.d.maskFor(viewer);
    const at = new Date(now);
    const view = (e: Evaluated): DryRunLead => ({
      leadId: e.row.id,
      customerId: e.row.customerId,
      phone: mask(e.row.phone),
      name: e.row.name,
      status: e.row.status,
      attempts: e.row.attempts,
      timeZone: e.timeZones.join(', '),
      localTime: localTimeOf(e.timeZones[0]!, at),
    });
    const excluded = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
    const sampled = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, [] as DryRunLead[]])) as Record<ExclusionReason, DryRunLead[]>;
    const dialable: Evaluated[] = [];
    for await (const page of this.evaluate(campaign, now)) {
      for (const e of page) {
        if (e.reason === null) dialable.push(e);
        else {
          excluded[e.reason]++;
          if (sampled[e.reason].length < samples) sampled[e.reason].push(view(e));
        }
      }
    }
    const order = leadComparator(campaign.rules.order, now);
    dialable.sort((a, b) => order(a.row, b.row));
    return { at: at.toISOString(), wouldDial: dialable.slice(0, limit).map(view), wouldDialCount: dialable.length, excluded, samples: sampled };
  }
}
