import type { Logger } from 'pino';
import type { SwitchEvents } from './ports.js';

/**
 * The ACD's handlers run on the switch's message path: one that throws must not abort the
 * SIP handling halfway (a call left with one leg). A throwing queueCallArrived refuses the
 * call with 503; any other throw is logged and the switch carries on.
 */
export function guardEvents(events: SwitchEvents, log: Logger): SwitchEvents {
  const guard =
    <A extends unknown[]>(name: keyof SwitchEvents, fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        log.error({ err: error, event: name }, 'A SwitchEvents handler threw');
      }
    };
  return {
    queueCallArrived: (call) => {
      try {
        return events.queueCallArrived(call);
      } catch (error) {
        log.error({ err: error, event: 'queueCallArrived' }, 'A SwitchEvents handler threw');
        return { outcome: 'refused', status: 503, reason: 'Service Unavailable' };
      }
    },
    offerRinging: guard('offerRinging', (c: string, a: number) => events.offerRinging(c, a)),
    offerAnswered: guard('offerAnswered', (c: string, a: number) => events.offerAnswered(c, a)),
    offerFailed: guard('offerFailed', (c: string, a: number, w: Parameters<SwitchEvents['offerFailed']>[2]) =>
      events.offerFailed(c, a, w)),
    callerLeft: guard('callerLeft', (c: string) => events.callerLeft(c)),
    // Its answer matters (keep the caller for a survey); a throw ends both legs as usual.
    agentLeft: (c: string, a: number) => {
      try {
        return events.agentLeft(c, a);
      } catch (error) {
        log.error({ err: error, event: 'agentLeft' }, 'A SwitchEvents handler threw');
        return 'release';
      }
    },
    holdChanged: guard('holdChanged', (c: string, h: boolean) => events.holdChanged(c, h)),
    callerDtmf: guard('callerDtmf', (c: string, d: string) => events.callerDtmf(c, d)),
    agentReachabilityChanged: guard('agentReachabilityChanged', (a: number, r: boolean) =>
      events.agentReachabilityChanged(a, r)),
    directCallChanged: guard('directCallChanged', (call: Parameters<SwitchEvents['directCallChanged']>[0],
      change: Parameters<SwitchEvents['directCallChanged']>[1], endedBy?: Parameters<SwitchEvents['directCallChanged']>[2]) =>
      events.directCallChanged(call, change, endedBy)),
  };
}
