// The requests of the queue, phone number and skill pages and of the start-up checklist.
import type {
  AdminPhoneNumber,
  AdminPhoneNumberCreate,
  AdminPhoneNumberList,
  AdminPhoneNumberPatch,
  AdminQueue,
  AdminQueueCreate,
  AdminQueuePage,
  AdminQueuePatch,
  AdminSkill,
  AdminSkillList,
  AgentRouting,
  AgentRoutingPut,
  SetupChecklist,
  StoredSetting,
  UserOptions,
} from '@kefu/contract';
import { request } from '../shared/api.js';

export const queueAdminApi = {
  /** Every queue (a site has tens, not thousands): pages of 200 until the last. */
  async queues(signal?: AbortSignal): Promise<AdminQueue[]> {
    const all: AdminQueue[] = [];
    let after: number | null = null;
    do {
      const p = new URLSearchParams({ limit: '200' });
      if (after !== null) p.set('after', String(after));
      const page: AdminQueuePage = await request<AdminQueuePage>('GET', `/api/admin/queues?${p.toString()}`, { signal });
      all.push(...page.items);
      after = page.nextAfter;
    } while (after !== null);
    return all;
  },
  createQueue: (body: AdminQueueCreate) => request<AdminQueue>('POST', '/api/admin/queues', { body }),
  updateQueue: (id: number, body: AdminQueuePatch) => request<AdminQueue>('PATCH', `/api/admin/queues/${id}`, { body }),
  numbers: (signal?: AbortSignal) => request<AdminPhoneNumberList>('GET', '/api/admin/phone-numbers', { signal }),
  createNumber: (body: AdminPhoneNumberCreate) => request<AdminPhoneNumber>('POST', '/api/admin/phone-numbers', { body }),
  updateNumber: (id: number, body: AdminPhoneNumberPatch) => request<AdminPhoneNumber>('PATCH', `/api/admin/phone-numbers/${id}`, { body }),
  removeNumber: (id: number, version: number) => request<void>('DELETE', `/api/admin/phone-numbers/${id}?version=${version}`),
  skills: (signal?: AbortSignal) => request<AdminSkillList>('GET', '/api/admin/skills', { signal }),
  createSkill: (name: string) => request<AdminSkill>('POST', '/api/admin/skills', { body: { name } }),
  renameSkill: (id: number, version: number, name: string) => request<AdminSkill>('PATCH', `/api/admin/skills/${id}`, { body: { version, name } }),
  routing: (userId: number, signal?: AbortSignal) => request<AgentRouting>('GET', `/api/admin/agents/${userId}/routing`, { signal }),
  setRouting: (userId: number, body: AgentRoutingPut) => request<AgentRouting>('PUT', `/api/admin/agents/${userId}/routing`, { body }),
  checklist: (signal?: AbortSignal) => request<SetupChecklist>('GET', '/api/admin/setup-checklist', { signal }),
  /** People and teams for pickers (admins and supervisors). */
  directory: (signal?: AbortSignal) => request<UserOptions>('GET', '/api/directory', { signal }),
  /** The site's business calendar (Settings), which a queue can follow. */
  siteCalendar: (signal?: AbortSignal) => request<StoredSetting<'business_calendar'>>('GET', '/api/settings/business_calendar', { signal }),
};

