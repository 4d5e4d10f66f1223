// GET /api/reports/calls (JSON) and /api/reports/calls.csv (the audited download).
import { Router } from 'express';
import { CallReportQuery } from '../../../../contract/index.js';
import { contextOf } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';
import type { CallReportService } from '../call-report.service.js';

export function callReportRoutes(reports: CallReportService): Router {
  const r = Router();
  r.get('/calls', async (req, res) => {
    res.json(await reports.report(contextOf(req), parseInput(CallReportQuery, req.query, 'query')));
  });
  r.get('/calls.csv', async (req, res) => {
    const q = parseInput(CallReportQuery, req.query, 'query');
    const { csv, rows } = await reports.exportCsv(contextOf(req), q);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="kefu-calls-${q.from.slice(0, 10)}-${q.interval}.csv"`);
    res.setHeader('x-report-rows', String(rows));
    res.setHeader('cache-control', 'no-store');
    res.send(csv);
  });
  return r;
}
