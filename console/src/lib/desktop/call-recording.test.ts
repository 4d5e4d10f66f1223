import { describe, expect, it } from 'vitest';
import type { CallRecordingView } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { actionFor, CallRecording } from './call-recording.svelte.js';

/** A socket that delivers pushes by hand and answers commands as the server would. */
function fakeSocket(answer: (event: string, payload: unknown) => unknown) {
  const handlers = new Map<string, (v: unknown) => void>();
  const sent: [string, unknown][] = [];
  const socket = {
    connected: false,
    on: (event: string, h: (v: unknown) => void) => handlers.set(event, h),
    off: (event: string) => handlers.delete(event),
    emit: (event: string, payload: unknown, done: (res: unknown) => void) => {
      sent.push([event, payload]);
      done({ ok: true, data: answer(event, payload) });
    },
  };
  return { socket: socket as unknown as KefuSocket, push: (event: string, v: unknown) => handlers.get(event)?.(v), sent, handlers };
}

const view = (state: CallRecordingView['state']): CallRecordingView => ({ callId: 'c1', interactionId: 7, state, failure: null });

describe('the desk’s call recording', () => {
  it('has one button per state: Start, Pause, Resume, and none once failed', () => {
    expect(actionFor('available')).toBe('start');
    expect(actionFor('recording')).toBe('pause');
    expect(actionFor('paused')).toBe('resume');
    expect(actionFor('failed')).toBeNull();
  });

  it('shows the pushed state for the call on the desk only, and pauses then resumes it', async () => {
    const rec = new CallRecording();
    const s = fakeSocket((_e, p) => view((p as { action: string }).action === 'pause' ? 'paused' : 'recording'));
    const stop = rec.listen(s.socket);
    s.push('recording:changed', view('recording'));
    expect(rec.of('c1')?.state).toBe('recording');
    expect(rec.of('other')).toBeNull();
    await rec.toggle(s.socket, 'c1');
    expect(s.sent).toEqual([['recording:control', { callId: 'c1', action: 'pause' }]]);
    expect(rec.of('c1')?.state).toBe('paused');
    await rec.toggle(s.socket, 'c1');
    expect(s.sent[1]).toEqual(['recording:control', { callId: 'c1', action: 'resume' }]);
    // Another call on the desk: nothing to toggle.
    await rec.toggle(s.socket, 'other');
    expect(s.sent).toHaveLength(2);
    stop();
    expect(s.handlers.has('recording:changed')).toBe(false);
  });
});
