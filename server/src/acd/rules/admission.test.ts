import { describe, expect, it } from 'vitest';
import { officeHoursCalendar } from '../../cases/rules/business-calendar.js';
import { admissionFor, type AdmissionQueue } from './admission.js';

const q = (id: number, name: string, over: Partial<AdmissionQueue> = {}): AdmissionQueue => ({ id, name, dialNumber: null, maxSize: 2, overflowQueueId: null, ...over });
const support = q(1, 'support', { dialNumber: '+864008001234', numbers: ['+864008001234', '+861058001234'], overflowQueueId: 2 });
const backup = q(2, 'backup');
const queues = [support, backup];
// A Wednesday, 10:00 and 20:00 in Shanghai.
const WED_10 = new Date('2026-12-02T02:00:00Z');
const WED_20 = new Date('2026-12-02T12:00:00Z');
const office = officeHoursCalendar('Asia/Shanghai');

describe('admissionFor', () => {
  it('finds the queue by name in any case, or by any of its numbers as dialled or read as E.164', () => {
    expect(admissionFor(queues, ' SUPPORT ', () => 0, WED_10)).toEqual({ outcome: 'queued', queue: support });
    expect(admissionFor(queues, '+861058001234', () => 0, WED_10)).toEqual({ outcome: 'queued', queue: support });
    expect(admissionFor(queues, '4008001234', () => 0, WED_10, '+864008001234')).toEqual({ outcome: 'queued', queue: support });
    expect(admissionFor(queues, 'nosuch', () => 0, WED_10)).toEqual({ outcome: 'unknown_queue' });
  });

  it('does not reach a deactivated queue', () => {
    expect(admissionFor([{ ...support, active: false }], 'support', () => 0, WED_10)).toEqual({ outcome: 'unknown_queue' });
  });

  it('sends the caller of a full queue to its overflow while that has room, else refuses', () => {
    expect(admissionFor(queues, 'support', (id) => (id === 1 ? 2 : 0), WED_10)).toEqual({ outcome: 'queued', queue: backup });
    expect(admissionFor(queues, 'support', () => 2, WED_10)).toEqual({ outcome: 'full', queue: support });
    expect(admissionFor(queues, 'backup', () => 2, WED_10)).toEqual({ outcome: 'full', queue: backup });
  });

  it('outside opening hours sends the caller to the out-of-hours queue when it is open, else closed', () => {
    const day = { ...support, openingHours: office, outOfHoursQueueId: 2 };
    expect(admissionFor([day, backup], 'support', () => 0, WED_10)).toEqual({ outcome: 'queued', queue: day });
    expect(admissionFor([day, backup], 'support', () => 0, WED_20)).toEqual({ outcome: 'queued', queue: backup });
    const closedToo = { ...backup, openingHours: office };
    expect(admissionFor([day, closedToo], 'support', () => 0, WED_20)).toEqual({ outcome: 'closed', queue: day });
    const noElsewhere = { ...day, outOfHoursQueueId: null };
    expect(admissionFor([noElsewhere, backup], 'support', () => 0, WED_20)).toEqual({ outcome: 'closed', queue: noElsewhere });
  });

  it('treats a holiday as closed', () => {
    const holiday = { ...office, holidays: ['2026-12-02'] };
    expect(admissionFor([{ ...support, openingHours: holiday }], 'support', () => 0, WED_10).outcome).toBe('closed');
  });
});
