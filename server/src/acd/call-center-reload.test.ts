// Overlapping reloads of queues (an admin's save while a new agent is added): the ACD keeps the
// newest read, whichever answers first, so a queue just created is never forgotten again.
import { describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../../contract/index.js';
import { AgentRegistry } from './agent-registry.js';
import { CallCenter } from './call-center.js';
import { CallFacts } from './call-facts.js';
import type { QueueDefinition, QueueDirectoryRepository } from './data/queue-directory.repository.js';
import { logger } from '../platform/logger.js';
import type { CallControl } from '../switch/ports.js';
import { FakeClock } from '../../../tests/support/fake-clock.js';

const queue = (id: number, name: string): QueueDefinition => ({
  id,
  name,
  displayName: name,
  dialNumber: null,
  skillId: null,
  ringSeconds: 15,
  wrapUpSeconds: 60,
  maxWaitSeconds: 600,
  maxSize: 50,
  overflowQueueId: null,
  csatEnabled: false,
});

const control: CallControl = {
  offer: () => true,
  withdrawOffer() {},
  release() {},
  isReachable: () => true,
  promptCaller() {},
} as unknown as CallControl;

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('reloading queues while another reload is under way', () => {
  it('keeps the later read when the earlier one answers last', async () => {
    const reads: ReturnType<typeof deferred<QueueDefinition[]>>[] = [];
    const directory = {
      queues: () => {
        const d = deferred<QueueDefinition[]>();
        reads.push(d);
        return d.promise;
      },
      agents: async () => [],
    } as unknown as QueueDirectoryRepository;
    const clock = new FakeClock();
    const facts = new CallFacts((err) => {
      throw err;
    });
    const log = logger.child({ test: 'reload' });
    log.level = 'silent';
    const cc = new CallCenter({
      directory,
      agents: new AgentRegistry(facts, clock),
      facts,
      clock,
      log,
      screenPop: async (n) => ({ callerNumber: n, normalizedPhone: n, matches: [], primary: null }) as unknown as ScreenPop,
      nextInteractionId: async () => 1,
      directCalls: { handle() {}, updateScreenPop: () => false, currentView: () => null },
      survey: { has: () => false, start() {}, digit() {}, callerLeft() {} },
    });
    const started = cc.start(control);
    reads[0]!.resolve([queue(1, 'support')]);
    await started;

    // A reload starts before the billing queue is created, another after; the second answers first.
    const early = cc.reload();
    const late = cc.reload();
    reads[2]!.resolve([queue(1, 'support'), queue(2, 'billing')]);
    await late;
    reads[1]!.resolve([queue(1, 'support')]);
    await early;

    const admission = await cc.queueCallArrived({ callId: 'c1', sipCallId: 's1', callerNumber: '+8613800138000', callerDisplayName: null, dialled: 'billing' });
    expect(admission).toMatchObject({ outcome: 'queued' });
  });
});
