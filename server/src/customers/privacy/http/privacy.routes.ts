// The personal-data routes beside the customer's own: consent, the audited reveal of masked
// numbers, the export (JSON, or CSVs in a zip) and erasure; and the masking policy's setting.
import { Router } from 'express';
import { z } from 'zod';
import {
  CALL_TAKING_ROLES,
  ConsentCreate,
  CUSTOMER_SERVICE_ROLES,
  DATA_REQUEST_ROLES,
  ExportQuery,
  IdParam,
  MaskedDialParams,
  MaskedDialRequest,
  PhoneMaskingSave,
  RetentionSave,
  SUPERVISING_ROLES,
} from '../../../../../contract/index.js';
import { contextOf, requireRole } from '../../../identity/http/authenticate.js';
import { parseInput } from '../../../platform/http/validate.js';
import type { ConsentService } from '../consent.service.js';
import type { CustomerExportService } from '../customer-export.service.js';
import type { ErasureService } from '../erasure.service.js';
import type { MaskedDialService } from '../masked-dial.service.js';
import type { PhoneMasking } from '../phone-masking.js';
import type { RetentionService } from '../retention.service.js';

const NoQuery = z.object({}).strict();
const NoBody = z.union([z.undefined(), z.object({}).strict()]);

export interface PrivacyRouteDeps {
  consent: ConsentService;
  exports: CustomerExportService;
  erasure: ErasureService;
  masking: PhoneMasking;
  maskedDial: MaskedDialService;
}

/** Mounted at /customers, beside customerRoutes. */
export function customerPrivacyRoutes(d: PrivacyRouteDeps): Router {
  const r = Router();

  r.get('/:id/consents', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await d.consent.list(contextOf(req), id));
  });

  r.post('/:id/consents', requireRole(...CUSTOMER_SERVICE_ROLES), async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    const body = parseInput(ConsentCreate, req.body);
    res.status(201).json(await d.consent.record(contextOf(req), id, body));
  });

  r.post('/:id/phones/reveal', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoBody, req.body);
    res.json(await d.masking.reveal(contextOf(req), id));
  });

  /** A one-time dial token for a number the caller may call without seeing it (masked-dial.service.ts). */
  r.post('/:id/phones/:index/dial', requireRole(...CALL_TAKING_ROLES), async (req, res) => {
    const { id, index } = parseInput(MaskedDialParams, req.params, 'path');
    const { shown } = parseInput(MaskedDialRequest, req.body);
    res.json(await d.maskedDial.dial(contextOf(req), id, index, shown));
  });

  r.get('/:id/export', requireRole(...DATA_REQUEST_ROLES), async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    const { format } = parseInput(ExportQuery, req.query, 'query');
    const ctx = contextOf(req);
    if (format === 'csv') {
      const body = await d.exports.csvZip(ctx, id);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="customer-${id}.zip"`);
      res.send(body);
      return;
    }
    const data = await d.exports.json(ctx, id);
    res.setHeader('Content-Disposition', `attachment; filename="customer-${id}.json"`);
    res.json(data);
  });

  r.post('/:id/erasure', requireRole('admin'), async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoBody, req.body);
    res.json(await d.erasure.erase(contextOf(req), id));
  });

  return r;
}

/** Mounted at /privacy: the masking policy, read by managers and saved by admins. */
export function privacySettingsRoutes(masking: PhoneMasking, retention: RetentionService): Router {
  const r = Router();
  r.get('/phone-masking', requireRole(...SUPERVISING_ROLES), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await masking.policy());
  });
  r.put('/phone-masking', requireRole('admin'), async (req, res) => {
    const body = parseInput(PhoneMaskingSave, req.body);
    res.json(await masking.save(contextOf(req), body.value, body.version));
  });
  r.get('/retention', requireRole('admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await retention.setting());
  });
  r.put('/retention', requireRole('admin'), async (req, res) => {
    const body = parseInput(RetentionSave, req.body);
    res.json(await retention.save(contextOf(req), body.value, body.version));
  });
  /** Runs retention now (the daily run does the same); answers what it removed. */
  r.post('/retention/run', requireRole('admin'), async (req, res) => {
    parseInput(NoBody, req.body);
    const report = await retention.apply(contextOf(req).viewer.id);
    res.json({ report });
  });
  return r;
}
