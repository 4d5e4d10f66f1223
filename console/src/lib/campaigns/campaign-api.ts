// The requests of the campaign pages: campaigns, lead imports, the dry run, do-not-call lists.
import type {
  Campaign,
  CampaignCreate,
  CampaignList,
  CampaignUpdate,
  DncCreate,
  DncEntry,
  DncList,
  DryRun,
  LeadDisposition,
  LeadSkip,
  NextLead,
  LeadImportView,
  RejectedRow,
} from '@kefu/contract';
import { request } from '../shared/api.js';

export const campaignApi = {
  list: (signal?: AbortSignal) => request<CampaignList>('GET', '/api/campaigns', { signal }),
  agents: () => request<{ items: { id: number; name: string }[] }>('GET', '/api/campaigns/agents'),
  get: (id: number, signal?: AbortSignal) => request<Campaign>('GET', `/api/campaigns/${id}`, { signal }),
  create: (body: CampaignCreate) => request<Campaign>('POST', '/api/campaigns', { body }),
  update: (id: number, body: CampaignUpdate) => request<Campaign>('PATCH', `/api/campaigns/${id}`, { body }),
  start: (id: number) => request<Campaign>('POST', `/api/campaigns/${id}/start`),
  pause: (id: number) => request<Campaign>('POST', `/api/campaigns/${id}/pause`),
  stop: (id: number) => request<Campaign>('POST', `/api/campaigns/${id}/stop`),
  dryRun: (id: number, signal?: AbortSignal) => request<DryRun>('GET', `/api/campaigns/${id}/dry-run?limit=50&samples=10`, { signal }),
  dryRunExportUrl: (id: number) => `/api/campaigns/${id}/dry-run/export`,
  imports: (id: number) => request<{ items: LeadImportView[] }>('GET', `/api/campaigns/${id}/imports`),
  rejections: (id: number, importId: number) => request<{ items: RejectedRow[] }>('GET', `/api/campaigns/${id}/imports/${importId}/rejections`),
  rejectionsCsvUrl: (id: number, importId: number) => `/api/campaigns/${id}/imports/${importId}/rejections?format=csv`,
  dnc: (campaignId: number | null) => request<DncList>('GET', campaignId === null ? '/api/dnc' : `/api/dnc?campaignId=${campaignId}`),
  nextLead: (id: number) => request<NextLead>('POST', `/api/campaigns/${id}/next-lead`),
  skipLead: (id: number, leadId: number, body: LeadSkip) => request<void>('POST', `/api/campaigns/${id}/leads/${leadId}/skip`, { body }),
  leadOutcome: (id: number, leadId: number, body: LeadDisposition) => request<void>('POST', `/api/campaigns/${id}/leads/${leadId}/outcome`, { body }),
  addDnc: (body: DncCreate) => request<DncEntry>('POST', '/api/dnc', { body }),
};
