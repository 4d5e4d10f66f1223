// When a lead may be tried again after an attempt: after its outcome's delay for the outcomes
// that retry, at the customer's chosen time for a callback, never for the outcomes that end it.
import type { CallOutcome, CampaignRules } from '../../../../contract/index.js';

const MINUTE_MS = 60_000;

export interface NextTry {
  retryAt: number | null;
  callbackAt: number | null;
}

export function nextTryAfter(rules: CampaignRules, outcome: CallOutcome, at: number, callbackAt: number | null): NextTry {
  switch (outcome) {
    case 'no_answer':
    case 'busy':
    case 'voicemail':
      return { retryAt: at + rules.retryMinutes[outcome] * MINUTE_MS, callbackAt: null };
    case 'callback':
      return { retryAt: null, callbackAt: callbackAt ?? at + rules.retryMinutes.no_answer * MINUTE_MS };
    // The 72 h abandon rule is read from the attempts, for every campaign; the lead retries after it.
    case 'abandoned':
      return { retryAt: at + rules.abandonRecallHours * 60 * MINUTE_MS, callbackAt: null };
    case 'interested':
      return { retryAt: at + rules.retryMinutes.no_answer * MINUTE_MS, callbackAt: null };
    case 'sale':
    case 'not_interested':
    case 'wrong_number':
    case 'dnc_request':
      return { retryAt: null, callbackAt: null };
  }
}
