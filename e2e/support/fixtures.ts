// What a browser test makes for itself before it starts: its people and queue (through the
// test server's door, e2e/support/e2e-server.ts), its customers and cases (through the API, as
// an admin of its own). Names and numbers carry a random tag, so specs never meet.
import { randomBytes, randomInt } from 'node:crypto';
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import type { CustomerCreate } from '../../contract/index.js';
import type { CampaignLeadRequest, Cast, CastRequest, CastUser, PastCallRequest } from './cast.js';
import { DEMO_PASSWORD } from '../pages/sign-in-page.js';
import { E2E_BASE_URL, E2E_CAST_URL } from './ports.js';

export type { Cast, CastUser } from './cast.js';
/** Every user a test makes has the demo's password (e2e/support/cast.ts). */
export const PASSWORD = DEMO_PASSWORD;

/** A tag no other test has: lower-case letters and digits. */
export function uniqueTag(): string {
  return randomBytes(6).toString('hex');
}

/** A number as typed, as E.164 (dialled and stored), and as the console shows it. */
export interface TestNumber {
  typed: string;
  e164: string;
  /** The console's one format: national grouping for the home region (CN here), else international. */
  shown: string;
}

/** A Chinese mobile number nobody else in the run has, typed with spaces and as E.164. */
export function uniqueMobile(prefix = '139'): TestNumber {
  const rest = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const national = `${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}`;
  return { typed: `+86 ${national}`, e164: `+86${prefix}${rest}`, shown: national };
}

/** A New York number nobody else in the run has, for a caller from abroad. */
export function uniqueUsNumber(): TestNumber {
  const exchange = String(randomInt(200, 1000));
  const line = String(randomInt(0, 10_000)).padStart(4, '0');
  const international = `+1 212 ${exchange} ${line}`;
  return { typed: international, e164: `+1212${exchange}${line}`, shown: international };
}

async function door<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(E2E_CAST_URL + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Makes the test's team, users and queue; every user signs in with PASSWORD. */
export async function makeCast(req: Omit<CastRequest, 'tag'>): Promise<Cast & { tag: string }> {
  const tag = uniqueTag();
  return { tag, ...(await door<Cast>('/cast', { tag, ...req })) };
}

/** A finished call in the customer's history, made before the test's own calls. */
export async function addPastCall(req: PastCallRequest): Promise<void> {
  await door('/past-calls', req);
}

/** Puts the customer on a campaign of the marketer's. */
export async function addCampaignLead(req: CampaignLeadRequest): Promise<void> {
  await door('/campaign-leads', req);
}

/** An API session of its own (own cookies), as another person at another desk would have. */
export async function apiAs(username: string, baseURL = E2E_BASE_URL): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const login = await ctx.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.ok(), `sign-in of ${username}`).toBe(true);
  return ctx;
}

export interface CreatedCustomer {
  id: number;
  name: string;
}

/** Creates a customer through the API (an admin's session, for the owner to be set). */
export async function createCustomer(api: APIRequestContext, body: CustomerCreate): Promise<CreatedCustomer> {
  const res = await api.post('/api/customers', { data: body });
  expect(res.status(), await res.text()).toBe(201);
  const { customer } = (await res.json()) as { customer: { id: number; name: string } };
  return { id: customer.id, name: customer.name };
}

/** Signs a request context in (the test's `request`, say): later calls act as that user. */
export async function signIn(api: APIRequestContext, username: string): Promise<void> {
  const login = await api.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.ok(), `sign-in of ${username}`).toBe(true);
}

export interface Desk {
  tag: string;
  /** Dialled to reach the queue, as 4008001234 reaches the demo's support queue. */
  hotline: string;
  queueId: number;
  queueName: string;
  /** The queue's agents, in the order asked for: the first made is the first offered on a tie. */
  agents: CastUser[];
  admin: CastUser;
  supervisor: CastUser;
}

export interface DeskOptions {
  ringSeconds?: number;
  wrapUpSeconds?: number;
  csat?: boolean;
}

/**
 * A queue of the test's own with these agents (by display name), a supervisor of their team
 * and an admin. `api` is signed in as the admin, to make the test's customers and cases.
 */
export async function makeDesk(api: APIRequestContext, agentNames: string[], options: DeskOptions = {}): Promise<Desk> {
  const agentKeys = agentNames.map((_, i) => `agent${i + 1}`);
  const cast = await makeCast({
    users: [
      ...agentNames.map((displayName, i) => ({ key: agentKeys[i]!, role: 'agent' as const, displayName })),
      { key: 'supervisor', role: 'supervisor', displayName: 'E2E Supervisor' },
      { key: 'admin', role: 'admin', displayName: 'E2E Admin' },
    ],
    queue: { members: agentKeys, ...options },
  });
  await signIn(api, cast.users.admin!.username);
  return {
    tag: cast.tag,
    hotline: cast.queue!.dialNumber,
    queueId: cast.queue!.id,
    queueName: cast.queue!.name,
    agents: agentKeys.map((k) => cast.users[k]!),
    admin: cast.users.admin!,
    supervisor: cast.users.supervisor!,
  };
}

/** The number as the caller types it, as E.164, and as the console shows it. */
export interface Caller extends CreatedCustomer, TestNumber {}

/** A customer with a number nobody else has; `api` must be signed in as an admin. */
export async function makeCaller(
  api: APIRequestContext,
  name: string,
  extra: Omit<CustomerCreate, 'name' | 'phones'> & { number?: TestNumber } = {},
): Promise<Caller> {
  const { number = uniqueMobile(), ...rest } = extra;
  const customer = await createCustomer(api, { name, phones: [{ number: number.typed }], ...rest });
  return { ...customer, ...number };
}
