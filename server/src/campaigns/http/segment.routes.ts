// The segments API: purchases imports (a CSV body, read as it arrives, as lead imports are), the
// RFM run ("recompute now" and the last run), the segment builder's count and sample, and saving
// a segment as a campaign's dial list. Routes parse input with the contract's shapes and call the
// services; marketers and admins only.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { CampaignIdParam, PurchaseImportQuery, SegmentQuery, SegmentSave } from '../../../../contract/index.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { toCsv } from '../../platform/csv.js';
import { DomainError } from '../../platform/domain-error.js';
import { parseInput } from '../../platform/http/validate.js';
import { msg } from '../../platform/i18n/message.js';
import type { PurchaseImportService } from '../purchase-import.service.js';
import type { RfmService } from '../rfm.service.js';
import type { SegmentService } from '../segment.service.js';

const NoQuery = z.object({}).strict();
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();
const ImportIdParam = z.object({ importId: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
const BUILDERS = ['marketer', 'admin'] as const;

export interface SegmentRouteDeps {
  purchaseImports: PurchaseImportService;
  rfm: RfmService;
  segments: SegmentService;
}

function sendCsv(res: Response, fileName: string, body: string): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  res.send(body);
}

/** Mounted at /purchases. */
export function purchaseRoutes(d: SegmentRouteDeps): Router {
  const r = Router();
  r.post('/import', requireRole(...BUILDERS), async (req, res) => {
    const q = parseInput(PurchaseImportQuery, req.query, 'query');
    if (!req.is(['text/csv', 'text/plain'])) throw new DomainError('VALIDATION', msg('campaign.csvExpected'));
    res.json(await d.purchaseImports.import(contextOf(req), q, req));
  });
  r.get('/imports/:importId', requireRole(...BUILDERS), async (req, res) => {
    const { importId } = parseInput(ImportIdParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.purchaseImports.get(contextOf(req), importId));
  });
  r.get('/imports/:importId/rejections', requireRole(...BUILDERS), async (req, res) => {
    const { importId } = parseInput(ImportIdParam, req.params, 'path');
    const { format } = parseInput(FormatQuery, req.query, 'query');
    const rows = await d.purchaseImports.rejections(contextOf(req), importId);
    if (format === 'csv') return sendCsv(res, `kefu-purchases-${importId}-rejected.csv`, toCsv(['row', 'reason', 'detail'], rows));
    res.json({ items: rows });
  });
  return r;
}

/** Mounted at /rfm. */
export function rfmRoutes(d: SegmentRouteDeps): Router {
  const r = Router();
  r.get('/', requireRole(...BUILDERS), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.rfm.status(contextOf(req)));
  });
  r.post('/recompute', requireRole(...BUILDERS), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.rfm.recomputeNow(contextOf(req)));
  });
  return r;
}

/** Mounted at /segments. POST: the filters are a document, not a query string. */
export function segmentRoutes(d: SegmentRouteDeps): Router {
  const r = Router();
  r.post('/count', requireRole(...BUILDERS), async (req, res) => {
    res.json(await d.segments.count(contextOf(req), parseInput(SegmentQuery, req.body)));
  });
  r.post('/sample', requireRole(...BUILDERS), async (req, res) => {
    res.json({ items: await d.segments.sample(contextOf(req), parseInput(SegmentQuery, req.body)) });
  });
  return r;
}

/** Mounted at /campaigns: a segment saved as the campaign's dial list. */
export function segmentListRoutes(d: SegmentRouteDeps): Router {
  const r = Router();
  r.post('/:id/leads/from-segment', requireRole(...BUILDERS), async (req, res) => {
    const { id } = parseInput(CampaignIdParam, req.params, 'path');
    res.json(await d.segments.saveToCampaign(contextOf(req), id, parseInput(SegmentSave, req.body).filter));
  });
  return r;
}
