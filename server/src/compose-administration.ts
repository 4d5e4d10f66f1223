// The composition root's administration part: the services admins set the site up with (users,
// teams, queues, numbers, skills, Not-ready reasons, disposition codes, the start-up checklist)
// and their routes. Part of the root with compose.ts: features never import it.
import type { RequestHandler } from 'express';
import type { ApiMount } from './platform/http/app.js';
import type { Services } from './compose-services.js';
import { hashPassword } from './identity/password.js';
import { adminTeamRoutes, adminUserRoutes } from './administration/http/admin.routes.js';
import {
  adminAgentRoutingRoutes,
  adminPhoneNumberRoutes,
  adminQueueRoutes,
  adminSetupRoutes,
  adminSkillRoutes,
} from './administration/http/queue-admin.routes.js';
import { adminDispositionRoutes, adminNotReadyReasonRoutes, notReadyReasonRoutes } from './administration/http/code-admin.routes.js';
import { UserAdminService } from './administration/user-admin.service.js';
import { TeamAdminService } from './administration/team-admin.service.js';
import { QueueAdminService } from './administration/queue-admin.service.js';
import { PhoneNumberAdminService } from './administration/phone-number-admin.service.js';
import { SkillAdminService } from './administration/skill-admin.service.js';
import { SetupChecklistService } from './administration/setup-checklist.service.js';
import { NotReadyReasonAdminService } from './administration/not-ready-reason-admin.service.js';
import { DispositionAdminService } from './administration/disposition-admin.service.js';

export interface AdministrationWiring {
  demo: boolean;
  signedIn: RequestHandler;
  /** A user's sessions ended (deactivated, password reset): their consoles and phones close. */
  sessionsEnded(userId: number): void;
  /**
   * Queues, numbers, members, skills or agents changed: routing and the wallboard read them
   * again, so the next call follows the change.
   */
  routingChanged(): Promise<void>;
}

/** The administration's routes under /api, each service built over the one database. */
export function administrationRoutes(services: Services, w: AdministrationWiring): ApiMount[] {
  const { db, audit } = services;
  const routing = { db, audit, effects: { routingChanged: w.routingChanged } };
  const normalize = (raw: string) => services.customers.normalize(raw);
  const userAdmin = new UserAdminService({
    db,
    audit,
    hashPassword,
    effects: { sessionsEnded: (userId) => w.sessionsEnded(userId), agentsChanged: w.routingChanged },
  });
  const skillAdmin = new SkillAdminService(routing);
  return [
    ['/admin/users', w.signedIn, adminUserRoutes(userAdmin)],
    ['/admin/teams', w.signedIn, adminTeamRoutes(new TeamAdminService({ db, audit }))],
    ['/admin/queues', w.signedIn, adminQueueRoutes(new QueueAdminService({ ...routing, normalize }))],
    ['/admin/phone-numbers', w.signedIn, adminPhoneNumberRoutes(new PhoneNumberAdminService({ ...routing, normalize }))],
    ['/admin/skills', w.signedIn, adminSkillRoutes(skillAdmin)],
    ['/admin/agents', w.signedIn, adminAgentRoutingRoutes(skillAdmin)],
    ['/admin/setup-checklist', w.signedIn, adminSetupRoutes(new SetupChecklistService({ db, demo: w.demo }))],
    ['/admin/not-ready-reasons', w.signedIn, adminNotReadyReasonRoutes(new NotReadyReasonAdminService({ db, audit }))],
    ['/admin/dispositions', w.signedIn, adminDispositionRoutes(new DispositionAdminService({ db, audit }))],
    ['/not-ready-reasons', w.signedIn, notReadyReasonRoutes(services.notReadyReasons)],
  ];
}
