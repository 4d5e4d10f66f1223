// Calls to numbers their agent may not see, and the audit log's retention.
//
// - interactions.number_hidden: the agent dialled a one-time token for a number shown to them
//   masked (the switch resolved it); the agent's own lists (today's calls) keep showing it
//   masked, whatever the masking policy says later.
//
// - Retention of audit entries (PIPL, GDPR: personal data in the log is not kept for ever).
//   The log is append-only (triggers refuse UPDATE, DELETE and TRUNCATE) and hash-chained
//   (migration audit_log_chain), so entries cannot simply be deleted: a removed entry is what
//   the chain exists to expose. The one way out is audit_log_purge(keep_days):
//   * it takes the chain's advisory lock, so no entry is chained while it cuts;
//   * it removes only a prefix of the chain (oldest ids first, up to the first entry still
//     within the period, never the newest entry), so what is left is still one chain;
//   * before deleting, it records an anchor in audit_log_anchors (itself append-only): the id
//     of the last entry removed and that entry's hash. `npm run verify-audit` starts the chain
//     from the newest anchor instead of the genesis hash: a purged prefix is accounted for,
//     while an entry removed from the middle, or a prefix removed without an anchor, still
//     breaks the chain where the check finds it;
//   * the append-only trigger lets a DELETE through only while the function runs (it sets the
//     transaction-local `kefu.audit_purge`) AND only for entries an anchor already covers.
//     The setting alone would be a switch anyone could flip; the anchor condition means every
//     entry ever let through is accounted for in the anchors.
//   * It is SECURITY DEFINER and not executable by PUBLIC: a site that runs kefu as a role
//     with only INSERT and SELECT on the log (recommended, see audit_log_chain) grants that
//     role EXECUTE on this one function and nothing else: it can purge old entries by the
//     rules above and cannot delete any entry it likes.
//   The application writes an `audit.purged` entry in the same transaction, so the purge is
//   itself in the chain.
import type { Knex } from 'knex';

/** The lock every chained insert takes (migration audit_log_chain). */
const CHAIN_LOCK = 0x6b656675_61756474n;

const REFUSE_ALWAYS = `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE interactions ADD COLUMN number_hidden boolean NOT NULL DEFAULT false');

  await knex.raw(`CREATE TABLE audit_log_anchors (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    through_id bigint NOT NULL,
    last_hash text NOT NULL,
    purged_count bigint NOT NULL CHECK (purged_count > 0),
    kept_days integer NOT NULL,
    purged_at timestamptz NOT NULL DEFAULT now()
  )`);
  await knex.raw(`CREATE FUNCTION audit_log_anchors_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log_anchors is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await knex.raw('CREATE TRIGGER audit_log_anchors_append_only BEFORE UPDATE OR DELETE ON audit_log_anchors FOR EACH ROW EXECUTE FUNCTION audit_log_anchors_append_only()');
  await knex.raw('CREATE TRIGGER audit_log_anchors_no_truncate BEFORE TRUNCATE ON audit_log_anchors FOR EACH STATEMENT EXECUTE FUNCTION audit_log_anchors_append_only()');

  // Nested IFs: OLD exists only for the row-level DELETE, not for TRUNCATE's statement trigger.
  await knex.raw(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('kefu.audit_purge', true) = 'on' THEN
        IF OLD.id <= (SELECT max(through_id) FROM audit_log_anchors) THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);

  await knex.raw(`CREATE FUNCTION audit_log_purge(keep_days integer)
    RETURNS TABLE (purged bigint, through_id bigint, anchor_hash text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      newest bigint;
      first_kept bigint;
      cut bigint;
      cut_hash text;
      n bigint;
    BEGIN
      IF keep_days IS NULL OR keep_days < 1 THEN
        RAISE EXCEPTION 'audit_log_purge: keep_days must be at least 1' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      PERFORM pg_advisory_xact_lock(${CHAIN_LOCK.toString()});
      SELECT max(a.id) INTO newest FROM audit_log a;
      IF newest IS NULL THEN RETURN; END IF;
      SELECT min(a.id) INTO first_kept FROM audit_log a WHERE a.at >= now() - make_interval(days => keep_days);
      -- The newest entry always stays: the chain goes on from it.
      first_kept := least(coalesce(first_kept, newest), newest);
      SELECT a.id, a.hash INTO cut, cut_hash FROM audit_log a WHERE a.id < first_kept ORDER BY a.id DESC LIMIT 1;
      IF cut IS NULL THEN RETURN; END IF;
      SELECT count(*) INTO n FROM audit_log a WHERE a.id <= cut;
      INSERT INTO audit_log_anchors (through_id, last_hash, purged_count, kept_days) VALUES (cut, cut_hash, n, keep_days);
      PERFORM set_config('kefu.audit_purge', 'on', true);
      DELETE FROM audit_log a WHERE a.id <= cut;
      PERFORM set_config('kefu.audit_purge', 'off', true);
      RETURN QUERY SELECT n, cut, cut_hash;
    END $$`);
  await knex.raw('REVOKE ALL ON FUNCTION audit_log_purge(integer) FROM PUBLIC');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION audit_log_purge(integer)');
  await knex.raw(REFUSE_ALWAYS);
  await knex.raw('DROP TABLE audit_log_anchors');
  await knex.raw('DROP FUNCTION audit_log_anchors_append_only()');
  await knex.raw('ALTER TABLE interactions DROP COLUMN number_hidden');
}
