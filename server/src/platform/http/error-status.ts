import type { ErrorCode } from '../../../../contract/index.js';

function assertNever(x: never): never {
  throw new Error(`Unmapped error code: ${String(x)}`);
}

/** Every error code has exactly one HTTP status; a new code fails the build until it is mapped. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'UNAVAILABLE':
      return 503;
    default:
      return assertNever(code);
  }
}
