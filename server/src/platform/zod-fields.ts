// zod's issues as the field errors every refusal carries: written once for the HTTP edge and
// for the rules that parse configuration (calendars, SLA policies) inside the domain.
import type { ZodIssue } from 'zod';
import { codeOfIssue } from '../../../contract/index.js';
import { fieldError, type KeyedFieldError } from './domain-error.js';

/**
 * One field error per bad field. `prefix` goes before each path; `whole` names an issue about
 * the input as a whole (no path).
 */
export function fieldsOfIssues(issues: readonly ZodIssue[], prefix = '', whole = prefix || 'body'): KeyedFieldError[] {
  const at = (path: (string | number)[]) => [prefix, ...path].filter((p) => p !== '').join('.') || whole;
  return issues.flatMap((issue): KeyedFieldError[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => fieldError(at([...issue.path, k]), 'request.unknownField'));
    // The contract's refinements carry their message's code, so the viewer's language is written
    // from the code; zod's own messages are still English text.
    const coded = codeOfIssue(issue);
    if (coded) return [fieldError(at(issue.path), coded.messageKey, coded.messageParams)];
    return [{ field: at(issue.path), message: issue.message }];
  });
}
