import { Router } from 'express';
import { LoginRequest, MePatch, PasswordChange, type Locale, type LoginResponse, type MeResponse } from '../../../../contract/index.js';
import type { AuthService } from '../auth.service.js';
import type { UserRepository } from '../data/user.repository.js';
import { authenticate, SESSION_COOKIE } from './authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

export function authRoutes(
  auth: AuthService,
  users: UserRepository,
  opts: { secureCookies: boolean; sessionTtlMs: number },
  onSignOut: (sessionId: string, userId: number) => void,
  /** The user's open sockets answer in the saved language from now on. */
  onLocaleSaved: (userId: number, locale: Locale) => void,
  /** The user's other sessions ended: their other consoles close, their phones register again. */
  onPasswordChanged: (userId: number, keptSessionId: string) => void,
): Router {
  const r = Router();

  r.post('/login', async (req, res) => {
    const body = parseInput(LoginRequest, req.body);
    const { token, user } = await auth.login(body, req.ip ?? null, req.get('user-agent') ?? null);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies,
      path: '/',
      maxAge: opts.sessionTtlMs,
    });
    const out: LoginResponse = { user };
    res.json(out);
  });

  const signedIn = authenticate(auth, { passwordPending: 'allow' });

  r.post('/logout', signedIn, async (req, res) => {
    await auth.logout(req.auth!.sessionId);
    onSignOut(req.auth!.sessionId, req.auth!.user.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', signedIn, (req, res) => {
    const out: MeResponse = { user: req.auth!.user };
    res.json(out);
  });

  r.patch('/me', signedIn, async (req, res) => {
    const body = parseInput(MePatch, req.body);
    await users.setLocale(req.auth!.user.id, body.locale);
    onLocaleSaved(req.auth!.user.id, body.locale);
    const out: MeResponse = { user: { ...req.auth!.user, locale: body.locale } };
    res.json(out);
  });

  r.post('/password', signedIn, async (req, res) => {
    const body = parseInput(PasswordChange, req.body);
    const user = await auth.changePassword(req.auth!, body.current, body.next, req.ip ?? null);
    onPasswordChanged(user.id, req.auth!.sessionId);
    const out: MeResponse = { user };
    res.json(out);
  });

  return r;
}
