// The audit log becomes append-only and tamper-evident.
//
// - Append-only: UPDATE, DELETE and TRUNCATE on audit_log are refused by triggers, for every
//   role, superusers included, as long as the triggers are enabled. kefu's own role never needs
//   anything but INSERT and SELECT. (A role that owns the table can still disable the triggers;
//   run kefu as a role that does not own its tables for that to be out of its reach too.)
// - Tamper-evident: every entry carries the hash of the one before it (prev_hash) and its own
//   hash, sha256(prev_hash || canonical entry). The chain is computed here, in a BEFORE INSERT
//   trigger, under a transaction-level advisory lock, and the entry's id is drawn under that
//   lock: entries are chained in id order even when several kefu servers write at once, and the
//   lock is held until the writing transaction ends, so the next writer always sees the entry
//   before it. `npm run verify-audit` recomputes the chain outside the database.
// - Rows that arrive with their hash already set (pg_restore COPYs every column) keep their
//   chain as it was: a restore must not re-chain, and a row inserted with a made-up hash breaks
//   the chain where verify-audit finds it.
// - Searched phone numbers and search text are kept only as a keyed hash (search_hash, written
//   by the application, whose key the database never sees); clear terms already written are
//   removed here, before the chain is first computed.
//
// Retention, when it comes, needs one controlled way to drop old entries. The plan: a
// SECURITY DEFINER function owned by a role other than kefu's, e.g.
// audit_log_drop_before(before_id bigint), that in one transaction takes the same advisory
// lock, records the hash of the last entry it removes in a one-row audit_log_anchor table
// (only that function may write it), sets `kefu.audit_retention = on` locally (the
// append-only trigger then lets exactly that DELETE through) and deletes the entries with
// id < before_id. verify-audit then starts the chain from the anchor instead of the genesis
// hash, so a removed prefix is accounted for and a removed middle still breaks the chain.
import type { Knex } from 'knex';

/** The lock every chained insert takes (an arbitrary constant: "kefu audit"). */
const CHAIN_LOCK = 0x6b656675_61756474n;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE audit_log
    ADD COLUMN search_hash text,
    ADD COLUMN prev_hash text,
    ADD COLUMN hash text`);
  // Clear search terms written before they were hashed: dropped, since the key is not here.
  await knex.raw(`UPDATE audit_log SET detail = detail - 'phone' - 'q'
    WHERE action IN ('customer.lookup', 'customer.search', 'case.list') AND (detail -> 'phone' IS NOT NULL OR detail -> 'q' IS NOT NULL)`);

  // The canonical form of an entry: every field as its length in bytes, a colon and its text
  // ('-' for null), each followed by ';'. Lengths make it unambiguous whatever the text holds;
  // timestamps are microseconds since the epoch, so the form does not depend on TimeZone.
  await knex.raw(`CREATE FUNCTION audit_entry_canonical(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(coalesce(octet_length(f)::text || ':' || f, '-') || ';', '' ORDER BY n)
    FROM unnest(ARRAY[
      e.id::text,
      ((extract(epoch FROM e.at) * 1000000)::bigint)::text,
      e.user_id::text,
      e.action::text,
      e.entity::text,
      e.entity_id::text,
      e.outcome::text,
      e.row_count::text,
      e.ip::text,
      e.request_id::text,
      e.detail::text,
      e.search_hash
    ]) WITH ORDINALITY AS t(f, n)
  $$`);
  await knex.raw(`CREATE FUNCTION audit_entry_hash(prev text, e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(prev || audit_entry_canonical(e), 'UTF8')), 'hex')
  $$`);

  // Entries written so far join the chain in id order, from the genesis hash (64 zeros).
  await knex.raw(`DO $$
    DECLARE r audit_log; prev text := repeat('0', 64);
    BEGIN
      FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        UPDATE audit_log SET prev_hash = prev, hash = audit_entry_hash(prev, r) WHERE id = r.id;
        prev := audit_entry_hash(prev, r);
      END LOOP;
    END $$`);
  await knex.raw('ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL');

  // The id is drawn by the trigger, under the lock, so id order is chain order.
  await knex.raw('ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT');
  await knex.raw(`CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE last_hash text;
    BEGIN
      IF NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.id IS NOT NULL THEN
        RETURN NEW; -- a restored row keeps its place in the chain
      END IF;
      -- The previous entry is read with a fresh snapshot after the lock; a REPEATABLE READ
      -- transaction would read an older one and fork the chain.
      IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit_log entries are written in READ COMMITTED transactions only';
      END IF;
      PERFORM pg_advisory_xact_lock(${CHAIN_LOCK.toString()});
      NEW.id := nextval('audit_log_id_seq');
      SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
      NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
      NEW.hash := audit_entry_hash(NEW.prev_hash, NEW);
      RETURN NEW;
    END $$`);
  await knex.raw('CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()');

  await knex.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  // Per row for UPDATE and DELETE, so deleting a user who never wrote an entry still works
  // (the users foreign key would otherwise run an empty UPDATE here and be refused).
  await knex.raw('CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()');
  await knex.raw('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()');

  // The admin page filters by what was searched, by entity and by action, newest first.
  await knex.raw('CREATE INDEX audit_log_search_hash ON audit_log (search_hash, id) WHERE search_hash IS NOT NULL');
  await knex.raw('CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id)');
  await knex.raw('CREATE INDEX audit_log_action ON audit_log (action, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX audit_log_action');
  await knex.raw('DROP INDEX audit_log_entity');
  await knex.raw('DROP INDEX audit_log_search_hash');
  await knex.raw('DROP TRIGGER audit_log_no_truncate ON audit_log');
  await knex.raw('DROP TRIGGER audit_log_append_only ON audit_log');
  await knex.raw('DROP FUNCTION audit_log_append_only()');
  await knex.raw('DROP TRIGGER audit_log_chain ON audit_log');
  await knex.raw('DROP FUNCTION audit_log_chain()');
  await knex.raw(`ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq'::regclass)`);
  await knex.raw('DROP FUNCTION audit_entry_hash(text, audit_log)');
  await knex.raw('DROP FUNCTION audit_entry_canonical(audit_log)');
  await knex.raw('ALTER TABLE audit_log DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN search_hash');
}
