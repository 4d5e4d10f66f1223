import { describe, expect, it } from 'vitest';
import { resolveTransferTarget } from './transfer-target.js';

const agents = [
  { id: 1, name: '李娜 Li Na', extension: '1001' },
  { id: 2, name: '王芳 Wang Fang', extension: '1002' },
  { id: 3, name: '王强 Wang Qiang', extension: '1003' },
];
const queues = [{ id: 7, name: 'support', displayName: 'Customer support', numbers: ['+864008001234'] }];

describe('what "Transfer to" names', () => {
  it('finds an agent by extension, by the directory entry, by full or unique partial name', () => {
    expect(resolveTransferTarget('1002', agents, queues)).toEqual({ type: 'agent', agentId: 2 });
    expect(resolveTransferTarget('王芳 Wang Fang (1002)', agents, queues)).toEqual({ type: 'agent', agentId: 2 });
    expect(resolveTransferTarget('  li na ', agents, queues)).toEqual({ type: 'agent', agentId: 1 });
    expect(resolveTransferTarget('Qiang', agents, queues)).toEqual({ type: 'agent', agentId: 3 });
  });

  it('finds a queue by name, shown name or number', () => {
    expect(resolveTransferTarget('Support', agents, queues)).toEqual({ type: 'queue', queueId: 7 });
    expect(resolveTransferTarget('customer support', agents, queues)).toEqual({ type: 'queue', queueId: 7 });
    expect(resolveTransferTarget('4008001234', agents, queues)).toEqual({ type: 'queue', queueId: 7 });
  });

  it('says when a name matches several agents or nothing', () => {
    expect(resolveTransferTarget('wang', agents, queues)).toEqual({ type: 'ambiguous' });
    expect(resolveTransferTarget('nobody', agents, queues)).toEqual({ type: 'unknown' });
    expect(resolveTransferTarget('9999', agents, queues)).toEqual({ type: 'unknown' });
  });
});
