import type { ZodType, ZodTypeDef, ZodIssue } from 'zod';
import type { FieldError } from '../../../../contract/index.js';
import { fieldError, invalid } from '../domain-error.js';

function issueToFields(issue: ZodIssue, prefix: string): FieldError[] {
  const at = (path: (string | number)[]) => [prefix, ...path].filter((p) => p !== '').join('.') || prefix || 'body';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => fieldError(at([...issue.path, k]), 'request.unknownField'));
  }
  return [{ field: at(issue.path), message: issue.message }];
}

/** Parses untrusted input; a failure is a 400 that names every bad field. */
export function parseInput<O>(schema: ZodType<O, ZodTypeDef, unknown>, data: unknown, prefix = ''): O {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw invalid(r.error.issues.flatMap((i) => issueToFields(i, prefix)));
}
