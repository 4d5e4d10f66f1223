// The calls waiting now, as the Floor page lists them (no caller numbers: the floor needs no
// personal data), with the queues a call may be pulled to. Read from the live ACD, never the
// database; the same list answers the REST read and the pushes.
import type { FloorWaitingCallList } from '../../../../contract/index.js';
import type { LiveFloor } from './floor-ports.js';

export function waitingCallList(floor: Pick<LiveFloor, 'waitingCalls' | 'queues'>): FloorWaitingCallList {
  return {
    items: floor.waitingCalls().map((c) => ({
      callId: c.callId,
      queueId: c.queueId,
      queueName: c.queueName,
      waitingSince: new Date(c.queuedAt).toISOString(),
      vip: c.vip,
      ringingAgentId: c.ringingAgentId,
    })),
    queues: floor.queues(),
  };
}
