// Where each consent purpose stands: the latest decision recorded for it, whatever came before.
// A withdrawal recorded during a call is therefore in force from the moment it is saved.
import { CONSENT_PURPOSES, type ConsentRecord, type ConsentState } from '../../../../../contract/index.js';

/** `records` in any order; ties on time are broken by the later id (the later write). */
export function consentStates(records: readonly ConsentRecord[]): ConsentState[] {
  return CONSENT_PURPOSES.map((purpose) => {
    let latest: ConsentRecord | null = null;
    for (const r of records) {
      if (r.purpose !== purpose) continue;
      if (!latest || r.at > latest.at || (r.at === latest.at && r.id > latest.id)) latest = r;
    }
    return latest
      ? { purpose, state: latest.decision, at: latest.at, channel: latest.channel }
      : { purpose, state: 'unknown', at: null, channel: null };
  });
}
