import { Router } from 'express';
import { z } from 'zod';
import {
  CustomerCreate,
  CustomerListQuery,
  CustomerPatch,
  IdParam,
  InteractionPageQuery,
  type CustomerResponse,
} from '../../../../contract/index.js';
import type { CustomerService } from '../customer.service.js';
import { contextOf } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();

/** Thin: parse, call the service, answer. The rules are in CustomerService. */
export function customerRoutes(customers: CustomerService): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const q = parseInput(CustomerListQuery, req.query, 'query');
    const ctx = contextOf(req);
    res.json(q.phone !== undefined ? await customers.findByPhone(ctx, q.phone, q.limit) : await customers.search(ctx, q.q!, q.limit));
  });

  r.post('/', async (req, res) => {
    const body = parseInput(CustomerCreate, req.body);
    const out: CustomerResponse = { customer: await customers.create(contextOf(req), body) };
    res.status(201).json(out);
  });

  r.get('/:id', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await customers.get360(contextOf(req), id));
  });

  r.get('/:id/interactions', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    const q = parseInput(InteractionPageQuery, req.query, 'query');
    res.json(await customers.history(contextOf(req), id, q.limit, q.before));
  });

  r.patch('/:id', async (req, res) => {
    const { id } = parseInput(IdParam, req.params, 'path');
    const body = parseInput(CustomerPatch, req.body);
    const out: CustomerResponse = { customer: await customers.update(contextOf(req), id, body) };
    res.json(out);
  });

  return r;
}
