import { describe, expect, it } from 'vitest';
import { admissionFor, type AdmissionQueue } from './admission.js';

const q = (id: number, name: string, over: Partial<AdmissionQueue> = {}): AdmissionQueue => ({ id, name, dialNumber: null, maxSize: 2, overflowQueueId: null, ...over });
const support = q(1, 'support', { dialNumber: '4008001234', overflowQueueId: 2 });
const backup = q(2, 'backup');
const queues = [support, backup];

describe('admissionFor', () => {
  it('finds the queue by name in any case, or by its number', () => {
    expect(admissionFor(queues, ' SUPPORT ', () => 0)).toEqual({ outcome: 'queued', queue: support });
    expect(admissionFor(queues, '4008001234', () => 0)).toEqual({ outcome: 'queued', queue: support });
    expect(admissionFor(queues, 'nosuch', () => 0)).toEqual({ outcome: 'unknown_queue' });
  });

  it('sends the caller of a full queue to its overflow while that has room, else refuses', () => {
    expect(admissionFor(queues, 'support', (id) => (id === 1 ? 2 : 0))).toEqual({ outcome: 'queued', queue: backup });
    expect(admissionFor(queues, 'support', () => 2)).toEqual({ outcome: 'full', queue: support });
    expect(admissionFor(queues, 'backup', () => 2)).toEqual({ outcome: 'full', queue: backup });
  });
});
