// Call recordings: each queue says whether its calls are recorded (all, none, or when the agent
// asks), and each recording of a call is a row tied to the call's interaction: who took the
// call, when it started and ended, how long it lasts, the spans paused for card numbers, the
// sealed file it became, and whether it is still recording, ready to play, or failed (and why).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE queues ADD COLUMN recording_policy text NOT NULL DEFAULT 'none'
    CHECK (recording_policy IN ('all', 'none', 'on_demand'))`);
  await knex.raw(`CREATE TABLE recordings (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interaction_id bigint NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    agent_id integer REFERENCES users(id) ON DELETE SET NULL,
    started_by text NOT NULL CHECK (started_by IN ('policy', 'agent')),
    state text NOT NULL DEFAULT 'recording' CHECK (state IN ('recording', 'ready', 'failed')),
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    duration_seconds integer CHECK (duration_seconds >= 0),
    paused_spans jsonb NOT NULL DEFAULT '[]',
    file_name text,
    file_bytes bigint,
    failure_reason text,
    CHECK (state <> 'ready' OR file_name IS NOT NULL),
    CHECK (state <> 'failed' OR failure_reason IS NOT NULL)
  )`);
  await knex.raw('CREATE INDEX recordings_interaction ON recordings (interaction_id)');
  // Retention finds the oldest first.
  await knex.raw('CREATE INDEX recordings_started ON recordings (started_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE recordings');
  await knex.raw('ALTER TABLE queues DROP COLUMN recording_policy');
}
