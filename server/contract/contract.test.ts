import { describe, expectTypeOf, it } from 'vitest';
import type { Ack, ClientToServerEvents, Customer360, Me, ServerToClientEvents } from './index.js';

describe('the shared contract', () => {
  it('pins the socket event shapes both ends compile against', () => {
    expectTypeOf<Parameters<ServerToClientEvents['session:ready']>[0]>().toEqualTypeOf<{ user: Me }>();
    expectTypeOf<Parameters<ClientToServerEvents['session:ping']>[1]>().toEqualTypeOf<(res: Ack<{ at: string }>) => void>();
  });
  it('keeps cases optional for roles that may not see them', () => {
    expectTypeOf<Customer360['cases']>().toBeNullable();
  });
});
