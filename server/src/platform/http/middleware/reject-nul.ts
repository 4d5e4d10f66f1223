import type { RequestHandler } from 'express';
import { fieldError, invalid } from '../../domain-error.js';

const MAX_DEPTH = 20;

/** Finds the first string holding a NUL character, which PostgreSQL text cannot store. */
function findNul(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return path ? `${path}.${k}` : k;
    const hit = findNul(v, path ? `${path}.${k}` : k, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** Refuses input with NUL characters up front with a 400, instead of a database error later. */
export function rejectNulCharacters(): RequestHandler {
  return (req, _res, next) => {
    const where = findNul(req.body, '', 0) ?? (findNul(req.query, 'query', 0) || null);
    if (where !== null) return next(invalid([fieldError(where || 'body', 'request.nulCharacter')]));
    if (req.path.includes('\u0000') || /%00/i.test(req.originalUrl.split('?')[0] ?? '')) {
      return next(invalid([fieldError('path', 'request.nulCharacter')]));
    }
    next();
  };
}
