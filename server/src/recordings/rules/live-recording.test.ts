import { describe, expect, it } from 'vitest';
import { move, stateAtAnswer } from './live-recording.js';
import { retentionCutoff } from './retention.js';

describe('a call’s recording on the desk', () => {
  it('starts as the queue’s policy says', () => {
    expect(stateAtAnswer('all')).toBe('start');
    expect(stateAtAnswer('on_demand')).toBe('available');
    expect(stateAtAnswer('none')).toBeNull();
  });

  it('pauses and resumes, and an on-demand call starts once', () => {
    expect(move('available', 'start')).toEqual({ ok: true, to: 'recording', media: 'start' });
    expect(move('recording', 'pause')).toEqual({ ok: true, to: 'paused', media: 'stop' });
    expect(move('paused', 'resume')).toEqual({ ok: true, to: 'recording', media: 'start' });
  });

  it('refuses every other move with the reason', () => {
    expect(move('recording', 'start')).toEqual({ ok: false, why: 'recording.alreadyStarted' });
    expect(move('paused', 'pause')).toEqual({ ok: false, why: 'recording.notRunning' });
    expect(move('available', 'pause')).toEqual({ ok: false, why: 'recording.notRunning' });
    expect(move('recording', 'resume')).toEqual({ ok: false, why: 'recording.notPaused' });
    expect(move('failed', 'resume')).toEqual({ ok: false, why: 'recording.mediaFailed' });
    expect(move('failed', 'start')).toEqual({ ok: false, why: 'recording.mediaFailed' });
  });
});

describe('recording retention', () => {
  it('keeps the last N days', () => {
    expect(retentionCutoff(new Date('2026-12-07T00:00:00Z'), 30).toISOString()).toBe('2026-11-07T00:00:00.000Z');
  });
});
