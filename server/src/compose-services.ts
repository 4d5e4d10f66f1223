// The composition root's first part: every feature's services over one database. Part of the
// root with compose.ts (which re-exports it): features never import it.
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/database.js';
import { AuditRepository } from './identity/data/audit.repository.js';
import { AuditLogReader } from './identity/data/audit-log.reader.js';
import { AuditLogService } from './identity/audit-log.service.js';
import { SearchTermHasher } from './platform/search-term-hash.js';
import { CaseRepository } from './cases/data/case.repository.js';
import { CustomerRepository } from './customers/data/customer.repository.js';
import { InteractionRepository } from './cti/data/interaction.repository.js';
import { SessionRepository } from './identity/data/session.repository.js';
import { LoginThrottleRepository } from './identity/data/login-throttle.repository.js';
import { UserRepository } from './identity/data/user.repository.js';
import { CaseWriteRepository } from './cases/data/case-write.repository.js';
import { DispositionRepository } from './cti/data/disposition.repository.js';
import { NotReadyReasonRepository } from './acd/data/not-ready-reason.repository.js';
import { NotReadyReasons } from './acd/not-ready-reasons.js';
import { EscalationRepository } from './cases/data/escalation.repository.js';
import { FollowUpRepository } from './cases/data/follow-up.repository.js';
import { SettingsRepository } from './platform/db/settings.repository.js';
import { systemClock, type Clock } from './platform/clock.js';
import { DialIntents } from './cti/dial-intents.js';
import { AuthService, DEFAULT_LOGIN_POLICY, type LoginPolicy } from './identity/auth.service.js';
import { CaseService } from './cases/case.service.js';
import { CaseWorkflowService } from './cases/case-workflow.service.js';
import { CustomerService } from './customers/customer.service.js';
import { ConsentRepository } from './customers/privacy/data/consent.repository.js';
import { CustomerExportRepository } from './customers/privacy/data/customer-export.repository.js';
import { ErasureRepository } from './customers/privacy/data/erasure.repository.js';
import { ConsentService } from './customers/privacy/consent.service.js';
import { CustomerExportService } from './customers/privacy/customer-export.service.js';
import { ErasureService } from './customers/privacy/erasure.service.js';
import { PhoneMasking } from './customers/privacy/phone-masking.js';
import { MaskedDialService } from './customers/privacy/masked-dial.service.js';
import { DialTokens } from './cti/dial-tokens.js';
import { AuditRetention } from './identity/audit-retention.service.js';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../contract/index.js';
import { RetentionService } from './customers/privacy/retention.service.js';
import { RetentionRepository } from './customers/privacy/data/retention.repository.js';
import { keyedHash } from './platform/keyed-hash.js';
import { Keyring } from './platform/crypto/keyring.js';
import { SensitiveFields } from './platform/crypto/sensitive-fields.js';
import { resealFields, type ResealCounts, type ResealMode } from './platform/crypto/reseal-fields.js';
import { REDACTED } from './customers/privacy/rules/redaction.js';
import { randomBytes } from 'node:crypto';
import { EscalationService } from './cases/escalation.service.js';
import { ReportService } from './cases/report.service.js';
import { SlaSettings } from './cases/sla-settings.js';
import { UserDirectory } from './identity/user-directory.js';
import { CampaignRepository } from './campaigns/data/campaign.repository.js';
import { DialFactsRepository } from './campaigns/data/dial-facts.repository.js';
import { DncRepository } from './campaigns/data/dnc.repository.js';
import { LeadImportRepository } from './campaigns/data/lead-import.repository.js';
import { CampaignService } from './campaigns/campaign.service.js';
import { DncService } from './campaigns/dnc.service.js';
import { DryRunService } from './campaigns/dry-run.service.js';
import { LeadImportService } from './campaigns/lead-import.service.js';
import { LeadWorkRepository } from './campaigns/data/lead-work.repository.js';
import { PreviewService } from './campaigns/preview.service.js';
import { maskPhoneText } from './customers/privacy/rules/phone-mask.js';
import type { Viewer } from './identity/request-context.js';
import { PurchaseImportRepository } from './campaigns/data/purchase-import.repository.js';
import { RfmRepository } from './campaigns/data/rfm.repository.js';
import { SegmentRepository } from './campaigns/data/segment.repository.js';
import { PurchaseImportService } from './campaigns/purchase-import.service.js';
import { RfmService } from './campaigns/rfm.service.js';
import { SegmentService } from './campaigns/segment.service.js';


export interface Services {
  db: Db;
  audit: AuditRepository;
  auditLog: AuditLogService;
  /** Old audit entries removed by the database's one purge path (KEFU_AUDIT_RETENTION_DAYS). */
  auditRetention: AuditRetention;
  users: UserRepository;
  interactions: InteractionRepository;
  auth: AuthService;
  customers: CustomerService;
  /** Consent per purpose; campaigns read consentState() before they dial. */
  consent: ConsentService;
  customerExports: CustomerExportService;
  erasure: ErasureService;
  phoneMasking: PhoneMasking;
  /** One-time tokens for numbers dialled without being shown (resolved by the switch). */
  dialTokens: DialTokens;
  maskedDial: MaskedDialService;
  retention: RetentionService;
  cases: CaseService;
  caseWorkflow: CaseWorkflowService;
  escalations: EscalationService;
  reports: ReportService;
  sla: SlaSettings;
  directory: UserDirectory;
  dispositions: DispositionRepository;
  notReadyReasons: NotReadyReasons;
  dialIntents: DialIntents;
  /** Seals and opens the fields declared sensitive (platform/crypto/sensitive-fields.ts). */
  sensitiveFields: SensitiveFields;
  clock: Clock;
  /** Outbound campaigns: the campaigns, their lead imports, the dry run, the do-not-call lists. */
  campaigns: CampaignService;
  campaignImports: LeadImportService;
  dryRun: DryRunService;
  dnc: DncService;
  preview: PreviewService;
  /** Purchases imports, the RFM scores and the segment builder (campaigns room). */
  purchaseImports: PurchaseImportService;
  rfm: RfmService;
  segments: SegmentService;
  /** The contact center's time zone (the nightly RFM run keeps its clock). */
  centerZone: string;
}

/**
 * The keys of a process given none (tests): random, and the same for every createServices call,
 * as one server's keys are, so services built again over the same database still open its values.
 */
const PROCESS_KEYS = { hash: randomBytes(32), data: new Keyring([randomBytes(32)]) };

export function createServices(
  db: Db,
  // No hashKey or keyring: random keys for this process (tests); the server passes the configured ones.
  config: Pick<Config, 'sessionTtlMs' | 'defaultRegion'> & Partial<Pick<Config, 'timeZone' | 'auditRetentionDays'>> & { hashKey?: Buffer | null; keyring?: Keyring },
  loginPolicy: LoginPolicy = DEFAULT_LOGIN_POLICY,
  clock: Clock = systemClock,
): Services {
  const users = new UserRepository(db);
  // One key for every keyed hash (erased numbers' tokens, searches in the audit log, blind indexes).
  const hashKey = config.hashKey ?? PROCESS_KEYS.hash;
  const audit = new AuditRepository(db, new SearchTermHasher(hashKey, config.defaultRegion));
  const hash = keyedHash(hashKey);
  const sensitiveFields = new SensitiveFields(config.keyring ?? PROCESS_KEYS.data, hash);
  const interactions = new InteractionRepository(db, sensitiveFields);
  const caseReads = new CaseRepository(db, sensitiveFields);
  const customerRows = new CustomerRepository(db, sensitiveFields);
  const now = () => new Date(clock.now());
  // The privacy part checks visibility through the customer service, built just below.
  const assertCanSee: CustomerService['assertCanSee'] = (ctx, id) => customers.assertCanSee(ctx, id);
  const settings = new SettingsRepository(db);
  const phoneMasking = new PhoneMasking({
    db,
    settings,
    audit,
    assertCanSee,
    phonesOf: async (id) => (await customerRows.getById(id))?.phones ?? [],
  });
  const customers = new CustomerService(customerRows, interactions, caseReads, users, audit, config.defaultRegion, phoneMasking);
  const consentRows = new ConsentRepository(db);
  const sla = new SlaSettings({ db, settings, audit }, config.timeZone ?? 'Asia/Shanghai');
  const directory = new UserDirectory(db);
  const caseDeps = { db, cases: caseReads, writes: new CaseWriteRepository(sensitiveFields), interactions, customers, users: directory, audit, sla, clock };
  const cases = new CaseService(caseDeps);
  const dialIntents = new DialIntents(() => clock.now());
  const dialTokens = new DialTokens(() => clock.now());
  const centerZone = config.timeZone ?? 'Asia/Shanghai';
  const maskFor = async (viewer: Viewer) => ((await phoneMasking.masksFor(viewer)) ? maskPhoneText : (p: string) => p);
  const campaigns = new CampaignService({ db, campaigns: new CampaignRepository(db), audit });
  const dncRows = new DncRepository(db);
  const leadImports = new LeadImportRepository(db);
  const dryRun = new DryRunService({
    facts: new DialFactsRepository(db),
    consents: consentRows,
    holidays: async () => (await sla.rules()).calendar.holidays,
    centerZone,
    now: () => clock.now(),
    maskFor,
  });
  return {
    db,
    audit,
    auditLog: new AuditLogService(new AuditLogReader(db), audit),
    auditRetention: new AuditRetention({ db, audit, keepDays: config.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS, now }),
    users,
    interactions,
    auth: new AuthService(users, new SessionRepository(db), audit, new LoginThrottleRepository(db), config.sessionTtlMs, loginPolicy, () => new Date(clock.now())),
    customers,
    consent: new ConsentService({ db, consents: consentRows, audit, assertCanSee, now }),
    customerExports: new CustomerExportService({ exports: new CustomerExportRepository(db, sensitiveFields), consents: consentRows, audit, assertCanSee, now }),
    erasure: new ErasureService({ erasures: new ErasureRepository(db), audit, hash, assertCanSee, now }),
    phoneMasking,
    dialTokens,
    maskedDial: new MaskedDialService({ audit, assertCanSee, phonesOf: async (id) => (await customerRows.getById(id))?.phones ?? [], tokens: dialTokens }),
    retention: new RetentionService({ db, settings, audit, retention: new RetentionRepository(db), now }),
    cases,
    caseWorkflow: new CaseWorkflowService({ ...caseDeps, followUps: new FollowUpRepository(db, sensitiveFields), caseService: cases, dialIntents }),
    escalations: new EscalationService(new EscalationRepository(db), audit, clock),
    reports: new ReportService(db, audit, clock),
    sla,
    directory,
    dispositions: new DispositionRepository(db),
    notReadyReasons: new NotReadyReasons(new NotReadyReasonRepository(db)),
    dialIntents,
    sensitiveFields,
    clock,
    campaigns,
    campaignImports: new LeadImportService({ imports: leadImports, campaigns, audit, region: config.defaultRegion, centerZone }),
    dryRun,
    dnc: new DncService({ db, dnc: dncRows, campaigns, audit, normalize: (raw) => customers.normalize(raw), maskFor }),
    preview: new PreviewService({ db, campaigns, dryRun, leads: new LeadWorkRepository(db), dnc: dncRows, audit, now: () => clock.now() }),
    purchaseImports: new PurchaseImportService({ imports: leadImports, purchases: new PurchaseImportRepository(db), audit, region: config.defaultRegion, centerZone }),
    rfm: new RfmService({ rfm: new RfmRepository(db), audit, now: () => clock.now() }),
    segments: new SegmentService({ segments: new SegmentRepository(db), imports: leadImports, campaigns, audit, now: () => clock.now(), centerZone, maskFor }),
    centerZone,
  };
}

/**
 * Seals the sensitive fields in place: the clear ones ('clear': at start, `npm run encrypt-data`)
 * or every one not under the current key ('not-current': `npm run rotate-key`). Erasure's
 * marker stays clear: it is no one's data, and retention and erasure match it.
 */
export function sealSensitiveData(db: Db, fields: SensitiveFields, mode: ResealMode, onBatch?: (field: string, done: number) => void): Promise<ResealCounts> {
  return resealFields(db, fields, { mode, leaveClear: [REDACTED], ...(onBatch ? { onBatch } : {}) });
}
