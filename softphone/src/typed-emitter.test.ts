import { describe, expect, expectTypeOf, it } from 'vitest';
import { TypedEmitter } from './typed-emitter.js';
import type { SoftphoneEvents } from './softphone.js';
import type { CallInfo } from './call-info.js';

interface Events {
  ping: { n: number };
  pong: string;
}

class Emitter extends TypedEmitter<Events> {
  fire<K extends keyof Events>(event: K, payload: Events[K]): void {
    this.emit(event, payload);
  }
}

describe('TypedEmitter', () => {
  it('delivers to listeners until they are removed', () => {
    const emitter = new Emitter();
    const seen: number[] = [];
    const off = emitter.on('ping', (e) => seen.push(e.n));
    emitter.fire('ping', { n: 1 });
    off();
    emitter.fire('ping', { n: 2 });
    expect(seen).toEqual([1]);
  });

  it('once listens a single time', () => {
    const emitter = new Emitter();
    const seen: string[] = [];
    emitter.once('pong', (e) => seen.push(e));
    emitter.fire('pong', 'a');
    emitter.fire('pong', 'b');
    expect(seen).toEqual(['a']);
  });

  it('a throwing listener does not stop the others and is reported', () => {
    const errors: unknown[] = [];
    const emitter = new (class extends TypedEmitter<Events> {
      constructor() {
        super((error) => errors.push(error));
      }
      fire(): void {
        this.emit('pong', 'x');
      }
    })();
    const seen: string[] = [];
    emitter.on('pong', () => {
      throw new Error('boom');
    });
    emitter.on('pong', (e) => seen.push(e));
    emitter.fire();
    expect(seen).toEqual(['x']);
    expect(errors).toHaveLength(1);
  });

  it('types payloads from the event map', () => {
    expectTypeOf<SoftphoneEvents['call:incoming']>().toEqualTypeOf<{ readonly call: CallInfo }>();
    const emitter = new Emitter();
    // @ts-expect-error: unknown event names do not compile
    emitter.on('nope', () => {});
    // @ts-expect-error: payload type is checked
    emitter.fire('ping', { n: 'one' });
  });
});
