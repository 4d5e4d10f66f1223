// Composition root for the business layer: each service gets exactly the repositories it uses.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { CaseRepository } from '../repositories/case.repository.js';
import { CustomerRepository } from '../repositories/customer.repository.js';
import { InteractionRepository } from '../repositories/interaction.repository.js';
import { SessionRepository } from '../repositories/session.repository.js';
import { UserRepository } from '../repositories/user.repository.js';
import { AuthService, DEFAULT_LOGIN_POLICY, type LoginPolicy } from './auth.service.js';
import { CustomerService } from './customer.service.js';

export interface Services {
  db: Db;
  users: UserRepository;
  interactions: InteractionRepository;
  auth: AuthService;
  customers: CustomerService;
}

export function createServices(
  db: Db,
  config: Pick<Config, 'sessionTtlMs' | 'defaultRegion'>,
  loginPolicy: LoginPolicy = DEFAULT_LOGIN_POLICY,
): Services {
  const users = new UserRepository(db);
  const audit = new AuditRepository(db);
  const interactions = new InteractionRepository(db);
  return {
    db,
    users,
    interactions,
    auth: new AuthService(users, new SessionRepository(db), audit, config.sessionTtlMs, loginPolicy),
    customers: new CustomerService(
      new CustomerRepository(db),
      interactions,
      new CaseRepository(db),
      users,
      audit,
      config.defaultRegion,
    ),
  };
}
