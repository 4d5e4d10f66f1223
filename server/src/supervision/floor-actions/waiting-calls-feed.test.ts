import { describe, expect, it } from 'vitest';
import type { FloorWaitingCallList } from '../../../../contract/index.js';
import type { CallFact } from '../../acd/call-facts.js';
import { FakeClock } from '../../../../tests/support/fake-clock.js';
import { COALESCE_MS } from '../floor.service.js';
import { WaitingCallsFeed } from './waiting-calls-feed.js';

const queued = (callId: string): CallFact => ({
  type: 'call-queued',
  callId,
  interactionId: 1,
  sipCallId: callId,
  callerNumber: '+8613912345678',
  customerId: null,
  queueId: 7,
  at: 0,
});

function feed(watching = true) {
  const clock = new FakeClock();
  const waiting: string[] = [];
  const pushed: FloorWaitingCallList[] = [];
  const list = (): FloorWaitingCallList => ({
    items: waiting.map((callId) => ({ callId, queueId: 7, queueName: 'Hotline', waitingSince: new Date(0).toISOString(), vip: false, ringingAgentId: null })),
    queues: [{ id: 7, name: 'Hotline' }],
  });
  const f = new WaitingCallsFeed({ list, clock, notifier: { watching: () => watching, changed: (l) => pushed.push(l) } });
  return { clock, waiting, pushed, f };
}

describe('the Floor page’s waiting calls, pushed', () => {
  it('pushes a burst of changes once, with the list as it stands after the burst', () => {
    const { clock, waiting, pushed, f } = feed();
    waiting.push('a');
    f.follow(queued('a'));
    waiting.push('b');
    f.follow(queued('b'));
    expect(pushed).toHaveLength(0);
    clock.advance(COALESCE_MS);
    expect(pushed.map((l) => l.items.map((c) => c.callId))).toEqual([['a', 'b']]);

    // The caller hangs up: the next push has nobody waiting.
    waiting.length = 0;
    f.follow({ type: 'call-ended', callId: 'a', interactionId: 1, agentId: null, at: 0, reason: 'abandoned', hangupBy: 'customer', waitSeconds: 3, talkSeconds: null, holdSeconds: 0 });
    clock.advance(COALESCE_MS);
    expect(pushed.at(-1)?.items).toEqual([]);
  });

  it('reads and pushes nothing when nobody watches, or for facts that cannot change who waits', () => {
    const quiet = feed(false);
    quiet.f.follow(queued('a'));
    quiet.clock.advance(COALESCE_MS);
    expect(quiet.pushed).toHaveLength(0);

    const { clock, pushed, f } = feed();
    f.follow({ type: 'wrap-up-ended', agentId: 3, callId: null, interactionId: 1, seconds: 10, at: 0 });
    clock.advance(COALESCE_MS);
    expect(pushed).toHaveLength(0);
    f.stop();
    f.follow(queued('a'));
    clock.advance(COALESCE_MS);
    expect(pushed).toHaveLength(0);
  });
});
