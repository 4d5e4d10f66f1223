// The screen-pop as the service built it before it became one statement: the customers on the
// number, then the first of them again with its latest interactions and open cases (three
// reads side by side). Kept so the look-ups measure the old and the new way in the same run,
// on the same machine state, and check that both give the same pop.
import type { ScreenPop } from '../../contract/index.js';
import type { Db } from '../../server/src/platform/db/database.js';
import type { Viewer } from '../../server/src/customers/rules/access-policy.js';
import { canSeeCases } from '../../server/src/customers/rules/access-policy.js';
import { CaseRepository } from '../../server/src/cases/data/case.repository.js';
import { CustomerRepository } from '../../server/src/customers/data/customer.repository.js';
import { InteractionRepository } from '../../server/src/cti/data/interaction.repository.js';
import type { SensitiveFields } from '../../server/src/platform/crypto/sensitive-fields.js';

export type FourQueryPop = (viewer: Viewer, callerNumber: string, e164: string | null, historySize?: number) => Promise<ScreenPop>;

export function fourQueryPop(db: Db, fields: SensitiveFields): FourQueryPop {
  const customers = new CustomerRepository(db, fields);
  const interactions = new InteractionRepository(db, fields);
  const cases = new CaseRepository(db, fields);
  return async (viewer, callerNumber, e164, historySize = 50) => {
    if (!e164) return { callerNumber, normalizedPhone: null, matches: [], primary: null };
    const matches = await customers.findByPhone(e164, viewer, 10);
    const first = matches[0];
    if (!first) return { callerNumber, normalizedPhone: e164, matches, primary: null };
    const [customer, latest, openCases] = await Promise.all([
      customers.getById(first.id),
      interactions.latestForCustomer(first.id, historySize),
      canSeeCases(viewer) ? cases.openForCustomer(first.id) : Promise.resolve(null),
    ]);
    return {
      callerNumber,
      normalizedPhone: e164,
      matches,
      primary: customer ? { customer, interactions: latest, openCases } : null,
    };
  };
}
