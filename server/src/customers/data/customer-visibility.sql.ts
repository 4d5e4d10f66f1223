// The SQL form of access-policy.ts's canSeeCustomer, for filtering lists in the database.
// `c` is the customers alias. Keep the two in step: tests/integration/access-policy.test.ts
// checks they agree on every viewer/customer pair of a seeded data set.
import type { Viewer } from '../../identity/request-context.js';

export interface SqlFragment {
  sql: string;
  bindings: (string | number)[];
}

export function customerVisibleTo(viewer: Viewer): SqlFragment {
  switch (viewer.role) {
    case 'admin':
      return { sql: 'TRUE', bindings: [] };
    case 'supervisor':
      if (viewer.teamId === null) return { sql: 'FALSE', bindings: [] };
      return {
        sql: `(c.team_id = ?
          OR c.owner_id IN (SELECT id FROM users WHERE team_id = ?)
          OR EXISTS (SELECT 1 FROM interactions i JOIN users u ON u.id = i.agent_id
                     WHERE i.customer_id = c.id AND i.agent_handled AND u.team_id = ?))`,
        bindings: [viewer.teamId, viewer.teamId, viewer.teamId],
      };
    case 'marketer':
      return {
        sql: `EXISTS (SELECT 1 FROM campaign_leads l JOIN campaigns k ON k.id = l.campaign_id
                      WHERE l.customer_id = c.id AND k.owner_id = ?)`,
        bindings: [viewer.id],
      };
    case 'agent':
      return {
        sql: `(c.owner_id = ?
          OR EXISTS (SELECT 1 FROM interactions i WHERE i.agent_id = ? AND i.customer_id = c.id AND i.agent_handled)
          OR EXISTS (SELECT 1 FROM interaction_offers o JOIN interactions i ON i.id = o.interaction_id
                     WHERE o.agent_id = ? AND o.outcome IS NULL AND i.customer_id = c.id)
          OR EXISTS (SELECT 1 FROM campaign_leads l WHERE l.customer_id = c.id AND l.reserved_by = ? AND l.reserved_until > now()))`,
        bindings: [viewer.id, viewer.id, viewer.id, viewer.id],
      };
  }
}
