import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/**
 * Schema migrations, in order. Plain PostgreSQL: the same SQL runs on embedded PGlite and on
 * a PostgreSQL server. Never edit a shipped migration; add a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await sql`
        create table devices (
          id text primary key,
          name text not null,
          location text not null,
          token_hash text not null,
          created_at timestamptz not null default now(),
          last_seen_at timestamptz,
          battery_percent real,
          charging boolean,
          robot_link text not null default 'none',
          app_version text
        )`.execute(db);
      await sql`
        create table workers (
          id text primary key,
          username text not null unique,
          display_name text not null,
          role text not null check (role in ('worker','supervisor','staff')),
          languages jsonb not null,
          password_hash text not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table sessions (
          id uuid primary key,
          device_id text not null references devices(id),
          language text not null,
          state text not null check (state in ('intake','queued','in_call','ended')),
          mode text not null,
          worker_id text references workers(id),
          consent_at timestamptz not null,
          created_at timestamptz not null,
          escalated_at timestamptz,
          answered_at timestamptz,
          ended_at timestamptz,
          disposition text,
          rating smallint check (rating between 1 and 5)
        )`.execute(db);
      await sql`create index sessions_device_state on sessions (device_id, state)`.execute(db);
      await sql`
        create table transcript_entries (
          id uuid primary key,
          session_id uuid not null references sessions(id),
          seq integer not null,
          speaker text not null,
          text text not null,
          language text not null,
          translation jsonb,
          translation_status text not null,
          created_at timestamptz not null,
          unique (session_id, seq)
        )`.execute(db);
      await sql`
        create table handoff_packages (
          id uuid primary key,
          session_id uuid not null references sessions(id),
          version integer not null,
          package jsonb not null,
          created_at timestamptz not null
        )`.execute(db);
      await sql`
        create table session_events (
          id bigserial primary key,
          session_id uuid not null references sessions(id),
          type text not null,
          actor text not null,
          data jsonb not null,
          created_at timestamptz not null
        )`.execute(db);
      await sql`create index session_events_session on session_events (session_id, id)`.execute(db);
    },
  },
  '0002_device_robot_state': {
    async up(db: Kysely<any>) {
      await sql`alter table devices add column estop boolean`.execute(db);
      await sql`alter table devices add column pose jsonb`.execute(db);
    },
  },
  '0003_fleet': {
    async up(db: Kysely<any>) {
      await sql`alter table devices add column in_service boolean not null default true`.execute(db);
      await sql`alter table devices add column camera text not null default 'unknown'`.execute(db);
      await sql`alter table devices add column microphone text not null default 'unknown'`.execute(db);
      await sql`
        create table alerts (
          id uuid primary key,
          device_id text not null references devices(id),
          kind text not null,
          severity text not null check (severity in ('warning','critical')),
          state text not null check (state in ('open','acknowledged','resolved')),
          detail text not null,
          opened_at timestamptz not null,
          acknowledged_by text,
          resolved_at timestamptz
        )`.execute(db);
      await sql`create index alerts_device_state on alerts (device_id, state)`.execute(db);
      await sql`
        create table telemetry_samples (
          id bigserial primary key,
          device_id text not null references devices(id),
          at timestamptz not null,
          battery_percent real,
          charging boolean
        )`.execute(db);
      await sql`create index telemetry_device_at on telemetry_samples (device_id, at)`.execute(db);
    },
  },
  '0004_callbacks': {
    async up(db: Kysely<any>) {
      await sql`
        create table callbacks (
          id uuid primary key,
          ticket text not null unique,
          session_id uuid not null references sessions(id),
          device_id text not null references devices(id),
          language text not null,
          name text not null,
          contact text not null,
          note text,
          created_at timestamptz not null,
          status text not null check (status in ('open','done')),
          handled_by text references workers(id)
        )`.execute(db);
      await sql`create index callbacks_status on callbacks (status, created_at)`.execute(db);
    },
  },
  '0005_worker_skills': {
    async up(db: Kysely<any>) {
      await sql`alter table workers add column departments jsonb not null default '["general"]'`.execute(db);
      await sql`alter table workers add column level smallint not null default 1 check (level between 1 and 3)`.execute(db);
    },
  },
};

/** Kysely migration provider over {@link migrations}. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
