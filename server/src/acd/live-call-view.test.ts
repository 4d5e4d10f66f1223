import { describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../../contract/index.js';
import { liveCallView, type DeskCall } from './live-call-view.js';

const pop: ScreenPop = { callerNumber: '+8613800138000', normalizedPhone: '+8613800138000', matches: [], primary: null };
const desk = (over: Partial<DeskCall> = {}): DeskCall => ({
  callId: 'c1',
  interactionId: 7,
  queueName: 'Support',
  callerNumber: '+8613800138000',
  screenPop: pop,
  offeredAt: 1_000,
  answeredAt: null,
  ringSeconds: 15,
  onHold: false,
  ended: false,
  ...over,
});

describe('liveCallView', () => {
  it('rings until answered, with the ring time only while ringing', () => {
    expect(liveCallView(desk())).toMatchObject({ state: 'ringing', ringSeconds: 15, offeredAt: new Date(1_000).toISOString(), answeredAt: null });
    expect(liveCallView(desk({ answeredAt: 2_000 }))).toMatchObject({ state: 'talking', ringSeconds: null, answeredAt: new Date(2_000).toISOString() });
  });

  it('shows hold while answered, and wrap-up once the call is over whatever came before', () => {
    expect(liveCallView(desk({ answeredAt: 2_000, onHold: true })).state).toBe('held');
    expect(liveCallView(desk({ answeredAt: 2_000, onHold: true, ended: true })).state).toBe('wrap_up');
    expect(liveCallView(desk({ ended: true })).state).toBe('wrap_up');
  });
});
