import { describe, expect, it } from 'vitest';
import { CallLogWriter } from './call-log-writer.js';
import type { CallLogRepository } from './call-log.repository.js';

/** A call log whose writes finish only when the test lets them. */
function slowLog() {
  const done: string[] = [];
  const gates: (() => void)[] = [];
  const write = (what: string) => () =>
    new Promise<void>((resolve) => {
      gates.push(() => {
        done.push(what);
        resolve();
      });
    });
  const repo = {
    createCall: (r: { id?: number }) => write(`create ${r.id}`)().then(() => r.id!),
    recordOffer: () => write('offer')().then(() => 99),
    endOffer: write('end offer'),
    markAnswered: write('answered'),
    endCall: write('end call'),
  } as unknown as CallLogRepository;
  const release = async () => {
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { repo, done, gates, release };
}

describe('CallLogWriter', () => {
  it('writes one call\'s facts in order, and its idle signal waits for the last', async () => {
    const log = slowLog();
    const writer = new CallLogWriter(log.repo, (err) => {
      throw err;
    });
    writer.write({ type: 'call-queued', callId: 'c1', interactionId: 5, sipCallId: 's', callerNumber: '+1', customerId: null, queueId: 1, at: 0 });
    writer.write({ type: 'call-offered', callId: 'c1', interactionId: 5, agentId: 2, at: 1, view: {} as never });
    writer.write({ type: 'offer-ended', callId: 'c1', agentId: 2, outcome: 'missed', reason: 'timeout', at: 2 });
    writer.write({ type: 'call-ended', callId: 'c1', interactionId: 5, agentId: null, at: 3, reason: 'abandoned', hangupBy: 'customer', waitSeconds: 3, talkSeconds: null, holdSeconds: 0 });
    let idle = false;
    const flushed = writer.flush().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    expect(log.gates).toHaveLength(1); // the insert first; nothing else of the call overtakes it
    await log.release();
    await flushed;
    expect(idle).toBe(true);
    expect(log.done).toEqual(['create 5', 'offer', 'end offer', 'end call']);
  });

  it('does not hold one call\'s rows behind another\'s', async () => {
    const log = slowLog();
    const writer = new CallLogWriter(log.repo, () => {});
    writer.write({ type: 'call-queued', callId: 'a', interactionId: 1, sipCallId: 'sa', callerNumber: '+1', customerId: null, queueId: 1, at: 0 });
    writer.write({ type: 'call-queued', callId: 'b', interactionId: 2, sipCallId: 'sb', callerNumber: '+2', customerId: null, queueId: 1, at: 0 });
    await new Promise((r) => setImmediate(r));
    expect(log.gates).toHaveLength(2);
    await log.release();
    await writer.flush();
    expect(writer.idle).toBe(true);
  });
});
