// The one way the console talks HTTP to the server: JSON in and out, same-origin cookie,
// and every failure turned into an ApiError that carries the server's error body.
import type {
  ApiErrorBody,
  Customer360,
  CustomerCreate,
  CustomerList,
  CustomerPatch,
  CustomerResponse,
  ErrorCode,
  FieldError,
  InteractionPage,
  Locale,
  LoginRequest,
  LoginResponse,
  MeResponse,
  SipCredentialsView,
  TodayCalls,
} from '@kefu/contract';
import { i18n } from '../i18n/index.svelte.js';

/** The server's codes, plus NETWORK when no answer came back at all. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

let onUnauthenticated: (() => void) | null = null;

/** Called when any request (other than sign-in and the session check) answers 401. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

/** A status the server sent without our JSON body (a proxy in between, a crash). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UNAVAILABLE';
  return 'VALIDATION';
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as "the session ended" (sign-in, the start-up session check). */
  expect401?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  // The language on screen, for the server's messages when the account has none saved yet
  // (on the sign-in page, say); a saved language wins on the server.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.locale };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = isErrorBody(data)
      ? new ApiError(
          res.status,
          data.error.code,
          data.error.message,
          data.error.fields ?? [],
          data.error.retryAfterSeconds ?? null,
          data.error.requestId ?? null,
        )
      : new ApiError(res.status, codeForStatus(res.status), res.statusText || `HTTP ${res.status}`);
    if (res.status === 401 && !opts.expect401) onUnauthenticated?.();
    throw err;
  }
  if (data === null) throw new ApiError(res.status, 'UNAVAILABLE', 'The server sent an unreadable answer');
  return data as T;
}

const enc = encodeURIComponent;

/** How many customers one search returns at most. */
export const SEARCH_LIMIT = 20;

export const api = {
  login: (body: LoginRequest) => request<LoginResponse>('POST', '/api/auth/login', { body, expect401: true }),
  logout: () => request<void>('POST', '/api/auth/logout', { expect401: true }),
  me: () => request<MeResponse>('GET', '/api/auth/me', { expect401: true }),
  setLocale: (locale: Locale) => request<MeResponse>('PATCH', '/api/auth/me', { body: { locale } }),

  customersByPhone: (phone: string, signal?: AbortSignal) =>
    request<CustomerList>('GET', `/api/customers?phone=${enc(phone)}&limit=${SEARCH_LIMIT}`, { signal }),
  customersByText: (q: string, signal?: AbortSignal) => request<CustomerList>('GET', `/api/customers?q=${enc(q)}&limit=${SEARCH_LIMIT}`, { signal }),
  customer360: (id: number, signal?: AbortSignal) => request<Customer360>('GET', `/api/customers/${id}`, { signal }),
  olderInteractions: (id: number, before: string, signal?: AbortSignal) =>
    request<InteractionPage>('GET', `/api/customers/${id}/interactions?before=${enc(before)}&limit=50`, { signal }),
  createCustomer: (body: CustomerCreate) => request<CustomerResponse>('POST', '/api/customers', { body }),
  updateCustomer: (id: number, body: CustomerPatch) => request<CustomerResponse>('PATCH', `/api/customers/${id}`, { body }),

  /** The signed-in agent's SIP account for the softphone (a fresh password each time). */
  softphoneCredentials: () => request<SipCredentialsView>('GET', '/api/softphone/credentials'),
  /** A SIP account for the public web phone, registered as this caller number (demo mode). */
  webPhoneCredentials: (number: string) =>
    request<SipCredentialsView>('POST', '/api/webphone/credentials', { body: { number }, expect401: true }),
  /** The signed-in agent's calls today, newest first. */
  todayCalls: (signal?: AbortSignal) => request<TodayCalls>('GET', '/api/interactions/today', { signal }),
};
