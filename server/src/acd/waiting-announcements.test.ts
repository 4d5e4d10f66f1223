import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/support/fake-clock.js';
import type { CallerMedia, CallerPrompt } from '../switch/ports.js';
import type { CallFact } from './call-facts.js';
import { WaitingAnnouncements } from './waiting-announcements.js';

/** The switch's side, recording what each caller was played; every prompt lasts 2 s. */
class HeardBy implements CallerMedia {
  readonly heard: string[] = [];
  anchored = true;
  playToCaller(callId: string, prompt: CallerPrompt, repeat?: boolean): Promise<number> {
    if (!this.anchored) return Promise.resolve(0);
    this.heard.push(`${callId}:${prompt.name}${prompt.name === 'position' ? prompt.position : ''}${repeat ? ' (loop)' : ''}`);
    return Promise.resolve(2_000);
  }
  stopPlayingToCaller(): void {}
}

const settle = () => new Promise((r) => setImmediate(r));
const queued = (callId: string): CallFact => ({ type: 'call-queued', callId, interactionId: 1, sipCallId: 's', callerNumber: '1', customerId: null, queueId: 1, at: 0 });

function setup(positionEverySeconds = 20) {
  const clock = new FakeClock();
  const media = new HeardBy();
  const positions = new Map<string, number | null>([['a', 3]]);
  const announcements = new WaitingAnnouncements({
    media: () => media,
    positionOf: (id) => positions.get(id) ?? null,
    clock,
    log: pino({ level: 'silent' }),
    settings: { positionEverySeconds, language: 'zh-CN' },
  });
  const step = async (ms: number) => {
    clock.advance(ms);
    await settle();
  };
  return { clock, media, positions, announcements, step };
}

describe('what a queued caller hears', () => {
  it('a welcome, then music, then their place every N seconds with music between', async () => {
    const { media, announcements, step } = setup();
    announcements.follow(queued('a'));
    await settle();
    expect(media.heard).toEqual(['a:welcome']);
    await step(2_000); // the welcome's length
    expect(media.heard).toEqual(['a:welcome', 'a:music (loop)']);
    await step(19_999);
    expect(media.heard).toHaveLength(2);
    await step(1);
    expect(media.heard.at(-1)).toBe('a:position3');
    await step(2_000);
    expect(media.heard.at(-1)).toBe('a:music (loop)');
  });

  it('keeps the music, without a position, while the call rings an agent (no place in the line)', async () => {
    const { media, positions, announcements, step } = setup();
    announcements.follow(queued('a'));
    await settle();
    await step(2_000);
    positions.set('a', null);
    await step(20_000);
    expect(media.heard).toEqual(['a:welcome', 'a:music (loop)']);
    positions.set('a', 1);
    await step(20_000);
    expect(media.heard.at(-1)).toBe('a:position1');
  });

  it('stops when an agent answers or the call ends', async () => {
    const { media, announcements, step } = setup();
    announcements.follow(queued('a'));
    await settle();
    await step(2_000);
    announcements.follow({ type: 'call-answered', callId: 'a', interactionId: 1, agentId: 1, at: 0, waitSeconds: 2, view: {} as never });
    expect(announcements.active).toBe(0);
    await step(60_000);
    expect(media.heard).toEqual(['a:welcome', 'a:music (loop)']);
  });

  it('plays nothing more to a caller the media plane does not carry (a web caller)', async () => {
    const { media, announcements, step } = setup();
    media.anchored = false;
    announcements.follow(queued('a'));
    await step(60_000);
    expect(media.heard).toEqual([]);
    expect(announcements.active).toBe(0);
  });

  it('never announces the position when that is turned off', async () => {
    const { media, announcements, step } = setup(0);
    announcements.follow(queued('a'));
    await settle();
    await step(2_000);
    await step(600_000);
    expect(media.heard).toEqual(['a:welcome', 'a:music (loop)']);
  });
});
