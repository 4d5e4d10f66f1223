// Words and clock times for calls and agent states. Pure apart from the current language.
import { LOGGED_OUT_BY_SUPERVISOR, type AgentStatusView, type EndReason, type Interaction } from '@kefu/contract';
import { i18n, t, type MessageKey } from '../i18n/index.svelte.js';
import type { CallPhase } from './call-reconciliation.js';
import { reasonWords } from '../shared/not-ready-reasons.svelte.js';

/** "02:13", "1:02:13": a running clock for a call or a state. */
export function clockTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "4:05", "0:09": time left, in whole seconds rounded up, so 0:00 only once it is over. */
export function countdownTime(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** "Ready", "Not ready (missed call)", "On a call"… */
export function agentStateWords(status: AgentStatusView | null): string {
  if (!status) return t('agent.unknown');
  if (status.state === 'not_ready' && status.reason) {
    return t('agentState.notReadyBecause', { reason: reasonWords(status.reason) });
  }
  if (status.state === 'logged_out' && status.reason === LOGGED_OUT_BY_SUPERVISOR) return t('agentState.loggedOutBySupervisor');
  return t(`agentState.${status.state}`);
}

const KNOWN_END_REASONS = new Set<string>(['completed', 'abandoned', 'missed', 'rejected', 'failed', 'interrupted', 'busy', 'overflow']);

export function endReasonWords(reason: EndReason | string): string {
  return KNOWN_END_REASONS.has(reason) ? t(`endReason.${reason}` as MessageKey) : reason;
}

/**
 * A call's disposition in the console's language, in the server's words (the codes and their
 * labels are the server's, per queue); the code itself when the server has no words for it.
 */
export function dispositionWords(code: string, label: Interaction['dispositionLabel']): string {
  if (!label) return code;
  return i18n.locale === 'zh-CN' ? label.labelZh : label.label;
}

const SIP_LINES = {
  incoming: 'call.incoming',
  answering: 'call.answering',
  dialing: 'call.dialing',
  'ringing-out': 'call.ringingOut',
  active: 'call.active',
  held: 'call.held',
} as const;

/** One sentence for where the call stands: "Incoming call from 张伟 (+86…)". */
export function callLineWords(phase: CallPhase, caller: string): string {
  switch (phase.kind) {
    case 'sip':
      return t(SIP_LINES[phase.state], { caller });
    case 'withdrawn':
      return t(`call.withdrawn.${phase.withdrawn.reason}`, { caller: phase.withdrawn.caller });
    case 'ended':
      return t('call.endedBecause', { caller, reason: endReasonWords(phase.endReason) });
    case 'sip-ended':
      return t('call.ended', { caller });
    case 'offered':
      return t('call.offered', { caller });
    case 'elsewhere':
      return t('call.elsewhere', { caller });
    case 'idle':
      return t('call.idle');
  }
}

/**
 * From how much time left the wrap-up countdown turns red and is said aloud. A long wrap-up warns
 * at 30 s; a short one (an outbound call's 30 s) would be red from its first second, so it warns
 * at 10 s. `allowedMs` is the whole wrap-up time the call was given.
 */
export function wrapUpWarnAtMs(allowedMs: number | null): number {
  return allowedMs !== null && allowedMs > 60_000 ? 30_000 : 10_000;
}
