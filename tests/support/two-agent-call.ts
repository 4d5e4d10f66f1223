// The set-up the transfer tests share: two agents signed in with real sip.js phones, and a
// caller answered by the first of them while the second waits to be handed the call.
import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { LiveCallView, SipCredentialsView } from '../../contract/index.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import type { FakeMediaEngine } from '../../softphone/src/testing/fake-media.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import type { CallHarness } from './call-harness.js';
import type { TestDb } from './test-db.js';
import { ApiClient } from './test-app.js';

/** An agent's desk socket and phone, as the server sees them once signed in. */
export interface AgentDesk {
  client: ApiClient;
  socket: Socket;
  phone: Softphone;
  id: number;
}

/** Signs `username` in, opens their desk socket and registers their phone (with `media`, if given). */
export async function signInAgent(calls: CallHarness, baseUrl: string, t: TestDb, username: string, media?: FakeMediaEngine): Promise<AgentDesk> {
  const client = await new ApiClient(baseUrl).login(username);
  const socket = await calls.desk(client);
  const phone = calls.phone((await client.get<SipCredentialsView>('/api/softphone/credentials')).body, media);
  await phone.start();
  await registered(phone);
  const id = (await t.db('users').where({ username }).first('id')).id as number;
  return { client, socket, phone, id };
}

/** A caller's web phone for `number`, registered and ready to dial. */
export async function webCaller(calls: CallHarness, baseUrl: string, number: string, media?: FakeMediaEngine): Promise<Softphone> {
  const phone = calls.phone((await new ApiClient(baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number })).body, media);
  await phone.start();
  await registered(phone);
  return phone;
}

/** The next `event` on the socket (listen before the act that causes it). */
export function nextOn<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

/**
 * The caller reaches `first` (`second` is on a break so the queue cannot pick them), then
 * `second` is Ready to be handed the call. `wrapUp` finishes each agent's previous call first;
 * each file passes its own, since what a wrap-up must return differs between them.
 */
export async function callAnsweredByFirst<D extends AgentDesk>(first: D, second: D, from: Softphone, wrapUp: (desk: D) => Promise<void>): Promise<LiveCallView> {
  await wrapUp(first);
  await wrapUp(second);
  expect(await second.socket.emitWithAck('agent:set-state', { state: 'not_ready', reason: 'break' })).toMatchObject({ ok: true });
  expect(await first.socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });
  const offered = nextOn<LiveCallView>(first.socket, 'call:offered');
  const incoming = nextEvent(first.phone, 'call:incoming');
  await from.dial('4008001234');
  const offer = await offered;
  await incoming;
  const answered = nextOn<LiveCallView>(first.socket, 'call:updated');
  await first.phone.answer();
  await callReaches(from, 'active');
  await answered;
  expect(await second.socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });
  return offer;
}
