// A small History API router: the URL is the state, links are intercepted, back/forward work.
import { tick } from 'svelte';

export type Route =
  | { name: 'home' }
  | { name: 'login'; next: string | null }
  | { name: 'customers'; q: string }
  | { name: 'customer'; id: number }
  | { name: 'phone' }
  | { name: 'cases'; query: string }
  | { name: 'case'; id: number }
  | { name: 'my-work' }
  | { name: 'escalations' }
  | { name: 'reports' }
  | { name: 'floor' }
  | { name: 'desk' }
  | { name: 'settings' }
  | { name: 'audit' }
  | { name: 'admin-users' }
  | { name: 'admin-teams' }
  | { name: 'admin-queues' }
  | { name: 'admin-phone-numbers' }
  | { name: 'admin-skills' }
  | { name: 'campaigns' }
  | { name: 'campaign'; id: number }
  | { name: 'segments' }
  | { name: 'admin-reasons' }
  | { name: 'admin-dispositions' }
  | { name: 'not-found' };

export const paths = {
  home: () => '/',
  login: (next?: string | null) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  customers: (q?: string) => (q ? `/customers?q=${encodeURIComponent(q)}` : '/customers'),
  customer: (id: number) => `/customers/${id}`,
  /** The public web phone (no sign-in). */
  phone: () => '/phone',
  /** Ticket and complaint list; `query` is the filter part of the URL (e.g. "status=active&q=…"). */
  cases: (query?: string) => (query ? `/cases?${query}` : '/cases'),
  case: (id: number) => `/cases/${id}`,
  myWork: () => '/my-work',
  escalations: () => '/escalations',
  reports: () => '/reports',
  floor: () => '/floor',
  /** A supervisor's desk: their phone and calls (an agent's is the home page). */
  desk: () => '/desk',
  settings: () => '/settings',
  audit: () => '/admin/audit',
  adminUsers: () => '/admin/users',
  adminTeams: () => '/admin/teams',
  adminQueues: () => '/admin/queues',
  adminPhoneNumbers: () => '/admin/phone-numbers',
  adminSkills: () => '/admin/skills',
  campaigns: () => '/campaigns',
  campaign: (id: number) => `/campaigns/${id}`,
  segments: () => '/segments',
  adminReasons: () => '/admin/not-ready-reasons',
  adminDispositions: () => '/admin/dispositions',
};

/** Pure: which page a path and query string show. */
export function matchRoute(pathname: string, search: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const query = new URLSearchParams(search);
  if (path === '/') return { name: 'home' };
  if (path === '/login') return { name: 'login', next: safeNext(query.get('next')) };
  if (path === '/phone') return { name: 'phone' };
  if (path === '/customers') return { name: 'customers', q: query.get('q') ?? '' };
  if (path === '/cases') return { name: 'cases', query: query.toString() };
  if (path === '/my-work') return { name: 'my-work' };
  if (path === '/escalations') return { name: 'escalations' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/floor') return { name: 'floor' };
  if (path === '/desk') return { name: 'desk' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/admin/audit') return { name: 'audit' };
  if (path === '/admin/users') return { name: 'admin-users' };
  if (path === '/admin/teams') return { name: 'admin-teams' };
  if (path === '/admin/queues') return { name: 'admin-queues' };
  if (path === '/admin/phone-numbers') return { name: 'admin-phone-numbers' };
  if (path === '/admin/skills') return { name: 'admin-skills' };
  if (path === '/campaigns') return { name: 'campaigns' };
  if (path === '/segments') return { name: 'segments' };
  const k = /^\/campaigns\/(\d{1,9})$/.exec(path);
  if (k) return { name: 'campaign', id: Number(k[1]) };
  if (path === '/admin/not-ready-reasons') return { name: 'admin-reasons' };
  if (path === '/admin/dispositions') return { name: 'admin-dispositions' };
  const c = /^\/cases\/(\d{1,15})$/.exec(path);
  if (c) {
    const id = Number(c[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name: 'case', id };
  }
  const m = /^\/customers\/(\d{1,15})$/.exec(path);
  if (m) {
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name: 'customer', id };
  }
  return { name: 'not-found' };
}

/** Only same-site paths are followed after sign-in (no open redirect to //evil.example). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?')) return null;
  return next;
}

export interface NavigateOptions {
  replace?: boolean;
  /** CSS selector of what gets focus after the page renders; default: the page's h1. */
  focus?: string | null;
}

const DEFAULT_FOCUS = 'main h1';

class Router {
  path = $state(location.pathname);
  search = $state(location.search);
  route: Route = $derived(matchRoute(this.path, this.search));

  /** The full current location (path + query), e.g. for "come back here after sign-in". */
  get current(): string {
    return this.path + this.search;
  }

  constructor() {
    window.addEventListener('popstate', () => this.#sync());
    document.addEventListener('click', (e) => this.#onClick(e));
  }

  navigate(to: string, opts: NavigateOptions = {}): void {
    const url = new URL(to, location.origin);
    const target = url.pathname + url.search + url.hash;
    const samePage = url.pathname === this.path;
    if (target === this.current + location.hash) {
      if (opts.focus !== undefined) void this.#focus(opts.focus);
      return;
    }
    if (opts.replace) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    this.#sync();
    if (!opts.replace && !samePage) window.scrollTo(0, 0);
    // A new page takes focus to its heading, so screen readers hear where they are;
    // a query change on the same page (a new search) leaves focus where it is.
    const focus = opts.focus !== undefined ? opts.focus : samePage ? null : DEFAULT_FOCUS;
    if (focus) void this.#focus(focus);
  }

  async #focus(selector: string | null) {
    if (!selector) return;
    await tick();
    // Pages may render their heading a frame later; try briefly.
    for (let i = 0; i < 10; i++) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) {
        if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
        el.focus();
        return;
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  #sync() {
    this.path = location.pathname;
    this.search = location.search;
  }

  #onClick(e: MouseEvent) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || !a.href || a.hasAttribute('download')) return;
    if (a.target && a.target !== '_self') return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    // In-page anchors (#id) keep the browser's own behaviour.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    e.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}

export const router = new Router();
