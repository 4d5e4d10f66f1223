// A running campaign's live figures, as the progressive and predictive dialers count them, pushed
// to whoever watches the campaign's page ('campaign:figures'), never polled.
import { z } from 'zod';
import { DialMode } from './campaigns.js';

export const CampaignLiveFigures = z.object({
  campaignId: z.number().int(),
  at: z.string(),
  /** The switch is dialing for it now (running, progressive or predictive). */
  dialling: z.boolean(),
  /** How the pacer works at the moment: predictive drops to progressive under the cap. */
  workingAs: DialMode.nullable(),
  /** Calls placed per agent expected free (1 progressive). */
  dialRatio: z.number(),
  /** Calls placed, all time. */
  attempts: z.number().int(),
  /** Ringing, or answered and being connected. */
  inFlight: z.number().int(),
  /** Answered by the lead. */
  reached: z.number().int(),
  /** Answered and talking to an agent. */
  connected: z.number().int(),
  abandoned: z.number().int(),
  /** Abandoned over answered in the cap's current window (0 when nothing was answered yet). */
  abandonRate: z.number(),
  abandonCap: z.number(),
  capWindow: z.enum(['30d', '24h']),
  /** Leads not converted, lost or out of attempts. */
  remainingLeads: z.number().int(),
  agentsOnCampaign: z.number().int(),
  agentsReady: z.number().int(),
});
export type CampaignLiveFigures = z.infer<typeof CampaignLiveFigures>;

export const CampaignWatchCommand = z.object({ campaignId: z.number().int().positive().max(2_147_483_647) }).strict();
export type CampaignWatchCommand = z.infer<typeof CampaignWatchCommand>;

/** The Socket.IO room of one campaign's watchers. */
export const campaignRoom = (campaignId: number): string => `campaign:${campaignId}`;
