// The campaigns API: campaigns, lead imports (a CSV body, read as it arrives), the dry run and
// its export. Routes parse input with the contract's shapes and call the services.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  CampaignCreate,
  CampaignIdParam,
  CampaignUpdate,
  DryRunQuery,
  ImportIdParams,
  LeadImportQuery,
  ROLES,
  type DryRun,
} from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { csvLine, toCsv } from '../../platform/csv.js';
import { DomainError } from '../../platform/domain-error.js';
import { parseInput } from '../../platform/http/validate.js';
import { msg } from '../../platform/i18n/message.js';
import type { CampaignService } from '../campaign.service.js';
import type { DryRunService } from '../dry-run.service.js';
import type { LeadImportService } from '../lead-import.service.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';

const NoQuery = z.object({}).strict();
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();
const DryRunExportQuery = z.object({ samples: z.coerce.number().int().min(0).max(10_000).default(1000) }).strict();

export interface CampaignRouteDeps {
  campaigns: CampaignService;
  imports: LeadImportService;
  dryRun: DryRunService;
  audit: AuditRepository;
}

function sendCsv(res: Response, fileName: string, body: string): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  res.send(body);
}

/** The dry run as one CSV: the leads that would be dialled, then the samples of each reason. */
function dryRunCsv(d: DryRun): string {
  const rows = [
    ...d.wouldDial.map((l) => ({ decision: 'dial', ...l })),
    ...Object.entries(d.samples).flatMap(([reason, list]) => list.map((l) => ({ decision: reason, ...l }))),
  ];
  const counts = Object.entries(d.excluded).map(([reason, n]) => csvLine(['#', reason, n])).join('');
  return toCsv(['decision', 'leadId', 'customerId', 'phone', 'name', 'status', 'attempts', 'timeZone', 'localTime'], rows) + csvLine(['#', 'dial', d.wouldDialCount]) + counts;
}

export function campaignRoutes(d: CampaignRouteDeps): Router {
  const r = Router();
  const id = (req: Request) => parseInput(CampaignIdParam, req.params, 'path').id;

  r.get('/', requireRole(...ROLES), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json({ items: await d.campaigns.list(contextOf(req).viewer) });
  });
  r.post('/', requireRole('marketer', 'admin'), async (req, res) => {
    res.status(201).json(await d.campaigns.create(contextOf(req), parseInput(CampaignCreate, req.body)));
  });
  // Before '/:id', which would read 'agents' as an id.
  r.get('/agents', requireRole('marketer', 'admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json({ items: await d.campaigns.assignableAgents(contextOf(req).viewer) });
  });
  r.get('/:id', requireRole(...ROLES), async (req, res) => {
    const campaignId = id(req);
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.campaigns.visible(contextOf(req).viewer, campaignId));
  });
  r.patch('/:id', requireRole('marketer', 'admin'), async (req, res) => {
    const campaignId = id(req);
    res.json(await d.campaigns.update(contextOf(req), campaignId, parseInput(CampaignUpdate, req.body)));
  });
  r.post('/:id/start', requireRole('marketer', 'admin', 'supervisor'), async (req, res) => {
    res.json(await d.campaigns.start(contextOf(req), id(req)));
  });
  r.post('/:id/pause', requireRole('marketer', 'admin', 'supervisor'), async (req, res) => {
    res.json(await d.campaigns.pause(contextOf(req), id(req)));
  });
  r.post('/:id/stop', requireRole('marketer', 'admin', 'supervisor'), async (req, res) => {
    res.json(await d.campaigns.stop(contextOf(req), id(req)));
  });

  r.post('/:id/leads/import', requireRole('marketer', 'admin'), async (req, res) => {
    const campaignId = id(req);
    const q = parseInput(LeadImportQuery, req.query, 'query');
    if (!req.is(['text/csv', 'text/plain'])) throw new DomainError('VALIDATION', msg('campaign.csvExpected'));
    res.json(await d.imports.import(contextOf(req), campaignId, q, req));
  });
  r.get('/:id/imports', requireRole('marketer', 'admin'), async (req, res) => {
    const campaignId = id(req);
    parseInput(NoQuery, req.query, 'query');
    res.json({ items: await d.imports.list(contextOf(req), campaignId) });
  });
  r.get('/:id/imports/:importId', requireRole('marketer', 'admin'), async (req, res) => {
    const p = parseInput(ImportIdParams, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.imports.get(contextOf(req), p.id, p.importId));
  });
  r.get('/:id/imports/:importId/rejections', requireRole('marketer', 'admin'), async (req, res) => {
    const p = parseInput(ImportIdParams, req.params, 'path');
    const { format } = parseInput(FormatQuery, req.query, 'query');
    const rows = await d.imports.rejections(contextOf(req), p.id, p.importId);
    if (format === 'csv') return sendCsv(res, `kefu-import-${p.importId}-rejected.csv`, toCsv(['row', 'reason', 'detail'], rows));
    res.json({ items: rows });
  });

  r.get('/:id/dry-run', requireRole('marketer', 'admin', 'supervisor'), async (req, res) => {
    const campaignId = id(req);
    const q = parseInput(DryRunQuery, req.query, 'query');
    const ctx = contextOf(req);
    const campaign = await d.campaigns.visible(ctx.viewer, campaignId);
    res.json(await d.dryRun.run(ctx.viewer, campaign, q.limit, q.samples));
  });
  // The export carries numbers and names out of the server: audited.
  r.get('/:id/dry-run/export', requireRole('marketer', 'admin', 'supervisor'), async (req, res) => {
    const campaignId = id(req);
    const q = parseInput(DryRunExportQuery, req.query, 'query');
    const ctx = contextOf(req);
    const campaign = await d.campaigns.visible(ctx.viewer, campaignId);
    const result = await d.dryRun.run(ctx.viewer, campaign, 100_000, q.samples);
    const rows = result.wouldDial.length + Object.values(result.samples).reduce((n, l) => n + l.length, 0);
    await d.audit.write({ userId: ctx.viewer.id, action: 'campaign.dryRun.export', entity: 'campaign', entityId: campaignId, outcome: 'allowed', rowCount: rows, ip: ctx.ip, requestId: ctx.requestId, detail: { excluded: result.excluded, wouldDial: result.wouldDialCount } });
    sendCsv(res, `kefu-campaign-${campaignId}-dry-run.csv`, dryRunCsv(result));
  });
  return r;
}
