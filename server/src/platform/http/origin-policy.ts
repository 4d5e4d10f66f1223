/**
 * Which web pages may open the SIP WebSocket. A browser always sends Origin on a WebSocket
 * upgrade and lets any page open one to any server, so without this check a page on another
 * site could use a visitor's browser as a SIP client against this switch (cross-site
 * WebSocket hijacking). Upgrades without Origin come from SIP phones and tools, not browsers:
 * they are let through and authenticate with digest like everyone else.
 */
export interface OriginPolicy {
  /** Exact origins allowed (`scheme://host[:port]` as URL.origin writes them). */
  readonly origins: ReadonlySet<string>;
  /** Also allow a page served by the host the upgrade was sent to (Origin host = Host header). */
  readonly sameHost: boolean;
}

/** Only pages of the server itself: what applies when nothing else is said. */
export const SAME_HOST_ONLY: OriginPolicy = { origins: new Set(), sameHost: true };

/**
 * The policy for a configured list (exactly those origins), or without one the server's own
 * pages: those on the host the browser addressed (as the API's same-origin guard has it) and
 * those under the public URL (behind a proxy the two may differ).
 */
export function originPolicyFor(configured: readonly string[] | null, publicUrl: string | null): OriginPolicy {
  if (configured) return { origins: new Set(configured), sameHost: false };
  const origins = new Set<string>();
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  return { origins, sameHost: true };
}

export function originAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null", an opaque origin (sandboxed frame, file:)
  }
  if (policy.origins.has(url.origin)) return true;
  return policy.sameHost && host !== undefined && url.host === host.toLowerCase();
}

/**
 * Reads a comma-separated list of origins (`https://kefu.example.com, http://10.0.0.5:3000`)
 * into their URL.origin form; an error message instead when an entry is not a bare
 * http(s) origin (a path, query or credentials mean the writer meant something else).
 */
export function parseOriginList(text: string): { ok: true; origins: string[] } | { ok: false; error: string } {
  const entries = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) return { ok: false, error: 'must list at least one origin, e.g. https://kefu.example.com' };
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return { ok: false, error: `"${entry}" is not an origin, e.g. https://kefu.example.com` };
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !entry.endsWith('?') && !entry.endsWith('#');
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      return { ok: false, error: `"${entry}" must be scheme://host[:port] with http or https and nothing after it` };
    }
    origins.push(url.origin);
  }
  return { ok: true, origins };
}
