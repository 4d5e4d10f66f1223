// Composition root for the business layer: each service gets exactly the repositories it uses.
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/database.js';
import { AuditRepository } from './identity/data/audit.repository.js';
import { CaseRepository } from './cases/data/case.repository.js';
import { CustomerRepository } from './customers/data/customer.repository.js';
import { InteractionRepository } from './cti/data/interaction.repository.js';
import { SessionRepository } from './identity/data/session.repository.js';
import { UserRepository } from './identity/data/user.repository.js';
import { CaseWriteRepository } from './cases/data/case-write.repository.js';
import { DispositionRepository } from './cti/data/disposition.repository.js';
import { EscalationRepository } from './cases/data/escalation.repository.js';
import { FollowUpRepository } from './cases/data/follow-up.repository.js';
import { SettingsRepository } from './platform/db/settings.repository.js';
import { systemClock, type Clock } from './platform/clock.js';
import { DialIntents } from './cti/dial-intents.js';
import { AuthService, DEFAULT_LOGIN_POLICY, type LoginPolicy } from './identity/auth.service.js';
import { CaseService } from './cases/case.service.js';
import { CaseWorkflowService } from './cases/case-workflow.service.js';
import { CustomerService } from './customers/customer.service.js';
import { EscalationService } from './cases/escalation.service.js';
import { ReportService } from './cases/report.service.js';
import { SlaSettings } from './cases/sla-settings.js';
import { UserDirectory } from './identity/user-directory.js';

export interface Services {
  db: Db;
  audit: AuditRepository;
  users: UserRepository;
  interactions: InteractionRepository;
  auth: AuthService;
  customers: CustomerService;
  cases: CaseService;
  caseWorkflow: CaseWorkflowService;
  escalations: EscalationService;
  reports: ReportService;
  sla: SlaSettings;
  directory: UserDirectory;
  dispositions: DispositionRepository;
  dialIntents: DialIntents;
  clock: Clock;
}

export function createServices(
  db: Db,
  config: Pick<Config, 'sessionTtlMs' | 'defaultRegion'> & Partial<Pick<Config, 'timeZone'>>,
  loginPolicy: LoginPolicy = DEFAULT_LOGIN_POLICY,
  clock: Clock = systemClock,
): Services {
  const users = new UserRepository(db);
  const audit = new AuditRepository(db);
  const interactions = new InteractionRepository(db);
  const caseReads = new CaseRepository(db);
  const customers = new CustomerService(new CustomerRepository(db), interactions, caseReads, users, audit, config.defaultRegion);
  const sla = new SlaSettings({ db, settings: new SettingsRepository(db), audit }, config.timeZone ?? 'Asia/Shanghai');
  const directory = new UserDirectory(db);
  const caseDeps = { db, cases: caseReads, writes: new CaseWriteRepository(), interactions, customers, users: directory, audit, sla, clock };
  const cases = new CaseService(caseDeps);
  const dialIntents = new DialIntents(() => clock.now());
  return {
    db,
    audit,
    users,
    interactions,
    auth: new AuthService(users, new SessionRepository(db), audit, config.sessionTtlMs, loginPolicy),
    customers,
    cases,
    caseWorkflow: new CaseWorkflowService({ ...caseDeps, followUps: new FollowUpRepository(db), caseService: cases, dialIntents }),
    escalations: new EscalationService(new EscalationRepository(db), audit, clock),
    reports: new ReportService(db, audit),
    sla,
    directory,
    dispositions: new DispositionRepository(db),
    dialIntents,
    clock,
  };
}
