import type { ZodType, ZodTypeDef } from 'zod';
import { invalid } from '../domain-error.js';
import { fieldsOfIssues } from '../zod-fields.js';

/** Parses untrusted input; a failure is a 400 that names every bad field. */
export function parseInput<O>(schema: ZodType<O, ZodTypeDef, unknown>, data: unknown, prefix = ''): O {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw invalid(fieldsOfIssues(r.error.issues, prefix));
}
