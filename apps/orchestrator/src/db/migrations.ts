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
  '0006_durable_state': {
    async up(db: Kysely<any>) {
      // Transcript sequence counter per session (one-statement appends) and client request ids
      // (a retried send never duplicates a line).
      await sql`alter table sessions add column last_seq integer not null default 0`.execute(db);
      await sql`update sessions s set last_seq = coalesce((select max(seq) from transcript_entries t where t.session_id = s.id), 0)`.execute(db);
      await sql`alter table sessions add column intake_facts jsonb`.execute(db);
      await sql`alter table transcript_entries add column client_id text`.execute(db);
      await sql`create unique index transcript_entries_client on transcript_entries (session_id, client_id) where client_id is not null`.execute(db);
      // Routing state: the queue entry (task) of every escalated, unfinished session.
      await sql`
        create table routing_tasks (
          session_id uuid primary key references sessions(id),
          language text not null,
          priority real not null,
          department text not null,
          min_level smallint not null default 1,
          site text,
          created_at timestamptz not null,
          queued_at timestamptz not null,
          at_head boolean not null default false,
          state text not null check (state in ('queued','assigned')),
          worker_id text references workers(id),
          assigned_at timestamptz,
          updated_at timestamptz not null
        )`.execute(db);
      await sql`create index routing_tasks_state on routing_tasks (state)`.execute(db);
      // Offers (reservations) with their deadlines; at most one open offer per session.
      await sql`
        create table offers (
          id uuid primary key,
          session_id uuid not null references sessions(id),
          worker_id text not null references workers(id),
          kind text not null check (kind in ('routed','transfer','reassign')),
          from_worker_id text,
          note text,
          needs_translation boolean not null default false,
          created_at timestamptz not null,
          expires_at timestamptz not null,
          status text not null check (status in ('open','accepted','declined','timeout','revoked')),
          closed_at timestamptz,
          close_reason text
        )`.execute(db);
      await sql`create unique index offers_one_open_per_session on offers (session_id) where status = 'open'`.execute(db);
      await sql`create index offers_open_worker on offers (worker_id) where status = 'open'`.execute(db);
      // Worker presence: chosen state, wrap-up deadline and connection, kept across restarts.
      await sql`
        create table worker_presence (
          worker_id text primary key references workers(id),
          presence text not null check (presence in ('available','away','offline')),
          away_reason text,
          idle_since timestamptz not null,
          wrap_up_until timestamptz,
          connected boolean not null default false,
          disconnected_at timestamptz,
          updated_at timestamptz not null
        )`.execute(db);
      // Device presence (connection and when it dropped: the reconnect grace counts from here).
      await sql`alter table devices add column connected boolean not null default false`.execute(db);
      await sql`alter table devices add column disconnected_at timestamptz`.execute(db);
      // Cluster: nodes with heartbeats (the routing leader marks itself), socket connections per
      // node (a dead node's connections are known to be gone), call monitors shared by all nodes,
      // the node hosting each call's media room, and the robot lease revocation of a call.
      await sql`
        create table nodes (
          id text primary key,
          started_at timestamptz not null,
          last_seen timestamptz not null,
          leader boolean not null default false,
          draining boolean not null default false,
          media jsonb not null default '{}'
        )`.execute(db);
      await sql`
        create table connections (
          socket_id text primary key,
          node_id text not null,
          kind text not null check (kind in ('device','console')),
          subject_id text not null,
          connected_at timestamptz not null
        )`.execute(db);
      await sql`create index connections_subject on connections (kind, subject_id)`.execute(db);
      await sql`create index connections_node on connections (node_id)`.execute(db);
      await sql`alter table worker_presence add column state text not null default 'offline'`.execute(db);
      await sql`
        create table call_monitors (
          session_id uuid not null references sessions(id),
          worker_id text not null references workers(id),
          barged boolean not null default false,
          since timestamptz not null,
          primary key (session_id, worker_id)
        )`.execute(db);
      await sql`
        create table media_rooms (
          session_id uuid primary key references sessions(id),
          node_id text not null,
          created_at timestamptz not null
        )`.execute(db);
      await sql`alter table sessions add column robot_lease_revoked boolean not null default false`.execute(db);
      // Token signing keys with key ids (rotation: a new key signs, older ones still verify until retired).
      await sql`
        create table signing_keys (
          kid text primary key,
          secret text not null,
          created_at timestamptz not null,
          retired_at timestamptz
        )`.execute(db);
    },
  },
  '0007_trust': {
    async up(db: Kysely<any>) {
      // Account status: access is checked against it on every request (a disabled or deleted user
      // loses access at once). Rows are never deleted (sessions reference them): `deleted` keeps the
      // history readable. `oidc_subject` links a single sign-on identity (`issuer|sub`).
      await sql`alter table workers add column status text not null default 'active' check (status in ('active','disabled','deleted'))`.execute(db);
      await sql`alter table workers add column oidc_subject text unique`.execute(db);
      await sql`alter table workers add column updated_at timestamptz not null default now()`.execute(db);
      // Sign-in sessions (one per sign-in) and their rotating refresh tokens (stored as SHA-256
      // hashes). Revoking a sign-in session (sign-out, theft detected, account disabled) revokes
      // every access token that names it: the revocation list.
      await sql`
        create table auth_sessions (
          id text primary key,
          worker_id text not null references workers(id),
          method text not null check (method in ('password','oidc')),
          created_at timestamptz not null,
          expires_at timestamptz not null,
          revoked_at timestamptz,
          revoke_reason text
        )`.execute(db);
      await sql`create index auth_sessions_worker on auth_sessions (worker_id) where revoked_at is null`.execute(db);
      await sql`
        create table refresh_tokens (
          token_hash text primary key,
          session_id text not null references auth_sessions(id),
          created_at timestamptz not null,
          used_at timestamptz
        )`.execute(db);
      await sql`create index refresh_tokens_session on refresh_tokens (session_id)`.execute(db);
      // Device enrolment: one-time codes (hashed) a kiosk exchanges once for its credential.
      await sql`
        create table device_enrolments (
          code_hash text primary key,
          device_id text not null references devices(id),
          created_by text not null,
          created_at timestamptz not null,
          expires_at timestamptz not null,
          used_at timestamptz
        )`.execute(db);
      await sql`alter table devices add column credential_issued_at timestamptz`.execute(db);
      await sql`alter table devices add column credential_revoked_at timestamptz`.execute(db);
      // Audit trail of security and privacy actions that are not session events (credential
      // changes, account changes, contact details viewed, exports and erasures).
      await sql`
        create table audit_events (
          id bigserial primary key,
          at timestamptz not null,
          actor text not null,
          action text not null,
          subject text not null,
          data jsonb not null default '{}'
        )`.execute(db);
      await sql`create index audit_events_at on audit_events (at)`.execute(db);
      await sql`create index audit_events_subject on audit_events (subject, id)`.execute(db);
      // Callbacks: when they were completed (retention counts from here) and when their contact
      // details were erased.
      await sql`alter table callbacks add column completed_at timestamptz`.execute(db);
      await sql`alter table callbacks add column erased_at timestamptz`.execute(db);
      // Personal data of a session erased on request (GDPR art. 17 / APPI art. 35).
      await sql`alter table sessions add column erased_at timestamptz`.execute(db);
      // Sign-in limits shared by every node (rate-limiter-flexible's RateLimiterPostgres layout).
      await sql`create table login_limits (key varchar(255) primary key, points integer not null default 0, expire bigint)`.execute(db);
    },
  },
  '0008_knowledge': {
    async up(db: Kysely<any>) {
      // Two new console roles: knowledge editor and AI trainer.
      await sql`alter table workers drop constraint if exists workers_role_check`.execute(db);
      await sql`alter table workers add constraint workers_role_check check (role in ('worker','supervisor','staff','editor','trainer'))`.execute(db);
      // The knowledge base as managed content: every version of every article.
      await sql`
        create table kb_article_versions (
          article_id text not null,
          version integer not null,
          status text not null check (status in ('draft','review','published','retired')),
          category text not null,
          department text not null,
          content jsonb not null,
          created_by text not null,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          published_at timestamptz,
          primary key (article_id, version)
        )`.execute(db);
      await sql`create unique index kb_one_published on kb_article_versions (article_id) where status = 'published'`.execute(db);
      await sql`create table kb_meta (id integer primary key check (id = 1), office text not null)`.execute(db);
      // A worker's verdict on a handoff they received (wrap-up).
      await sql`
        create table session_verdicts (
          session_id uuid primary key references sessions(id),
          worker_id text not null,
          verdict jsonb not null,
          created_at timestamptz not null
        )`.execute(db);
      // Trainers' labels on turns.
      await sql`
        create table review_labels (
          session_id uuid not null references sessions(id),
          entry_id uuid not null,
          label text not null,
          reason text,
          trainer_id text not null,
          created_at timestamptz not null,
          primary key (session_id, entry_id)
        )`.execute(db);
      await sql`create index session_events_type_time on session_events (type, created_at)`.execute(db);
      // Warm transfers with a private consult: who transferred to whom, and the phase.
      await sql`
        create table call_consults (
          session_id uuid primary key references sessions(id),
          from_worker text not null,
          to_worker text not null,
          phase text not null check (phase in ('offered','consult','three_way')),
          created_at timestamptz not null
        )`.execute(db);
    },
  },
};

/** Kysely migration provider over {@link migrations}. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
