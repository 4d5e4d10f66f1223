import { z } from 'zod';
import { UserAgent } from 'sip.js';
import { DEFAULT_BACKOFF } from './backoff.js';
import { SoftphoneError } from './softphone-error.js';

/**
 * The SIP account the server hands the console for the signed-in agent. The softphone never
 * asks the agent for any of it.
 */
export const SipCredentials = z.object({
  /** Address of record, e.g. `sip:agent1@kefu.local`. */
  uri: z
    .string()
    .regex(/^sips?:/i, 'must be a sip: or sips: URI')
    .refine((value) => UserAgent.makeURI(value) !== undefined, 'is not a valid SIP URI'),
  authorizationUsername: z.string().min(1),
  authorizationPassword: z.string().min(1),
  /** SIP over WebSocket endpoint, e.g. `wss://kefu.example.com/sip`. */
  wsServer: z.string().regex(/^wss?:\/\/[^\s/]+/i, 'must be a ws:// or wss:// URL'),
  displayName: z.string(),
});
export type SipCredentials = z.infer<typeof SipCredentials>;

const IceServer = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

const Backoff = z
  .object({
    initialDelayMs: z.number().int().min(0).max(60_000),
    maxDelayMs: z.number().int().min(0).max(300_000),
    jitter: z.number().min(0).max(1),
  })
  .refine((b) => b.maxDelayMs >= b.initialDelayMs, 'maxDelayMs must not be below initialDelayMs');

/** Credentials plus tuning; every tuning field has a default that suits a LAN. */
export const SoftphoneConfig = SipCredentials.extend({
  /**
   * How long sip.js waits for ICE candidates before sending the SDP. sip.js waits up to 5 s by
   * default; on a LAN the host candidates are there in milliseconds, so a low bound keeps call
   * set-up fast. Raise it only when TURN candidates are needed from far away.
   */
  iceGatheringTimeoutMs: z.number().int().min(0).max(10_000).default(200),
  /** STUN/TURN servers. Empty by default: sip.js would otherwise use Google's public STUN. */
  iceServers: z.array(IceServer).default([]),
  reconnect: Backoff.default(DEFAULT_BACKOFF),
  registerExpiresSeconds: z.number().int().min(30).max(86_400).default(600),
  /** sip.js rejects an unanswered incoming call (480) after this long. */
  noAnswerTimeoutSeconds: z.number().int().min(1).max(3_600).default(60),
  userAgentString: z.string().min(1).default('kefu-softphone'),
  /** Level below which sip.js's own log lines are dropped before they reach the logger. */
  sipLogLevel: z.enum(['debug', 'log', 'warn', 'error']).default('warn'),
});
/** What the caller passes: credentials, tuning optional. */
export type SoftphoneConfigInput = z.input<typeof SoftphoneConfig>;
/** The config with every default filled in. */
export type SoftphoneConfig = z.output<typeof SoftphoneConfig>;

/**
 * Checks the config once, at construction, and names every bad field. The message lists field
 * paths and problems only, never values, so the password cannot end up in a log.
 */
export function parseSoftphoneConfig(input: unknown): SoftphoneConfig {
  const result = SoftphoneConfig.safeParse(input);
  if (result.success) return Object.freeze(result.data);
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
  throw new SoftphoneError('INVALID_CONFIG', `Invalid softphone config - ${problems.join('; ')}`);
}
