import { expect, type APIRequestContext } from '@playwright/test';

interface InteractionRow {
  id: number;
  kind: string;
  direction: string | null;
  endedAt: string | null;
}

/**
 * The newest interaction ids of a customer, through the API. The request context must be
 * signed in as someone who may see the customer (makeDesk signs it in as the test's admin).
 */
async function interactionsOf(request: APIRequestContext, customerId: number): Promise<InteractionRow[]> {
  const res = await request.get(`/api/customers/${customerId}/interactions?limit=20`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: InteractionRow[] }).items;
}

/** The highest interaction id the customer has so far (0 when none). */
export async function latestInteractionId(request: APIRequestContext, customerId: number): Promise<number> {
  return Math.max(0, ...(await interactionsOf(request, customerId)).map((i) => i.id));
}

/**
 * Waits until the switch has logged a new inbound call of the customer that is still going
 * (the call row is written when the caller is admitted to the queue, before any routing).
 */
export async function expectCallQueued(request: APIRequestContext, customerId: number, afterId: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (await interactionsOf(request, customerId)).some(
          (i) => i.id > afterId && i.kind === 'call' && i.direction === 'inbound' && i.endedAt === null,
        ),
      { timeout: 15_000, message: 'the queued call is logged' },
    )
    .toBe(true);
}
