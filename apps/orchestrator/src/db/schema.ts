import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Provisioned kiosk or robot. The device token is stored only as a SHA-256 hash. */
export interface DevicesTable {
  id: string;
  name: string;
  location: string;
  token_hash: string;
  created_at: Generated<Timestamp>;
  last_seen_at: Timestamp | null;
  battery_percent: number | null;
  charging: boolean | null;
  robot_link: string;
  app_version: string | null;
  /** Latched e-stop as last reported (migration 0002). */
  estop: Generated<boolean | null>;
  /** Last reported pose `{x, y, theta}` (m, m, rad) (migration 0002). */
  pose: ColumnType<{ x: number; y: number; theta: number } | null, string | null, string | null>;
  /** Manually in service (migration 0003). */
  in_service: Generated<boolean>;
  camera: Generated<string>;
  microphone: Generated<string>;
  /** A kiosk socket is connected (migration 0006). */
  connected: Generated<boolean>;
  /** When the last kiosk socket dropped; the visitor's reconnect grace counts from here (migration 0006). */
  disconnected_at: Timestamp | null;
  /** When the current device credential was issued (enrolment or rotation; migration 0007). */
  credential_issued_at: Timestamp | null;
  /** When the credential was revoked from the console (migration 0007); null while valid. */
  credential_revoked_at: Timestamp | null;
}

/** Fleet alerts (migration 0003). */
export interface AlertsTable {
  id: string;
  device_id: string;
  kind: string;
  severity: string;
  state: string;
  detail: string;
  opened_at: Timestamp;
  acknowledged_by: string | null;
  resolved_at: Timestamp | null;
}

/** Battery history (migration 0003). */
export interface TelemetrySamplesTable {
  id: Generated<number>;
  device_id: string;
  at: Timestamp;
  battery_percent: number | null;
  charging: boolean | null;
}

/** Console user (worker, supervisor, facility staff). Passwords as scrypt hashes. */
export interface WorkersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  /** JSON array of language tags. */
  languages: ColumnType<string[], string, string>;
  password_hash: string;
  created_at: Generated<Timestamp>;
  /** JSON array of department queues the worker serves (migration 0005). */
  departments: ColumnType<string[], string | undefined, string>;
  /** Tier 1..3 (migration 0005). */
  level: Generated<number>;
  /** `active`, `disabled` or `deleted` (migration 0007): checked on every request. */
  status: Generated<string>;
  /** Single sign-on identity `issuer|sub` (migration 0007). */
  oidc_subject: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionsTable {
  id: string;
  device_id: string;
  language: string;
  state: string;
  mode: string;
  worker_id: string | null;
  consent_at: Timestamp;
  created_at: Timestamp;
  escalated_at: Timestamp | null;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  disposition: string | null;
  rating: number | null;
  /** Sequence number of the last transcript line (migration 0006). */
  last_seq: Generated<number>;
  /** A supervisor revoked the worker's control of the robot for this call (migration 0006). */
  robot_lease_revoked: Generated<boolean>;
  /** What the intake learned so far (intent, articles, collected fields...), kept across restarts (migration 0006). */
  intake_facts: ColumnType<unknown, string | null | undefined, string | null>;
  /** Personal data erased on a data-subject request (migration 0007). */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TranscriptEntriesTable {
  id: string;
  session_id: string;
  seq: number;
  speaker: string;
  text: string;
  language: string;
  translation: ColumnType<unknown, string | null, string | null> | null;
  translation_status: string;
  created_at: Timestamp;
  /** Client-generated request id of the line (idempotent retries; migration 0006). */
  client_id: string | null;
}

export interface HandoffPackagesTable {
  id: string;
  session_id: string;
  version: number;
  package: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

/** Audit trail: every session state change with who, when and why. */
export interface SessionEventsTable {
  id: Generated<number>;
  session_id: string;
  type: string;
  actor: string;
  data: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

/** Callback requests (migration 0004). Contains the visitor's contact details: purge after handling per retention policy. */
export interface CallbacksTable {
  id: string;
  ticket: string;
  session_id: string;
  device_id: string;
  language: string;
  name: string;
  contact: string;
  note: string | null;
  created_at: Timestamp;
  status: string;
  handled_by: string | null;
  /** When it was completed; contact details are erased a retention period later (migration 0007). */
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the contact details were erased (retention or a data-subject request; migration 0007). */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The routing task (queue entry) of an escalated, unfinished session (migration 0006). */
export interface RoutingTasksTable {
  session_id: string;
  language: string;
  /** Routing priority, lower first (0 = safety). */
  priority: number;
  department: string;
  min_level: number;
  site: string | null;
  /** First enqueue: age and aging count from here. */
  created_at: Timestamp;
  /** Entry into the current queue: eligibility fallbacks count from here. */
  queued_at: Timestamp;
  at_head: boolean;
  state: string;
  worker_id: string | null;
  assigned_at: Timestamp | null;
  updated_at: Timestamp;
}

/** Offers (reservations) with their deadlines (migration 0006). */
export interface OffersTable {
  id: string;
  session_id: string;
  worker_id: string;
  /** `routed` by the engine, `transfer` (warm transfer), `reassign` (supervisor). */
  kind: string;
  from_worker_id: string | null;
  note: string | null;
  needs_translation: boolean;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** `open`, `accepted`, `declined`, `timeout`, `revoked`. */
  status: string;
  closed_at: Timestamp | null;
  close_reason: string | null;
}

/** Worker presence kept across restarts (migration 0006). */
export interface WorkerPresenceTable {
  worker_id: string;
  /** Chosen presence: `available`, `away`, `offline`. */
  presence: string;
  away_reason: string | null;
  idle_since: Timestamp;
  /** End of the running wrap-up, if any. */
  wrap_up_until: Timestamp | null;
  connected: boolean;
  /** When the last console socket dropped (reconnect grace counts from here). */
  disconnected_at: Timestamp | null;
  updated_at: Timestamp;
  /** Derived contact-center state as routing last reported it (`available`, `busy`, `wrap_up`, `away`, `offline`). */
  state: Generated<string>;
}

/** Token signing keys (migration 0006). */
export interface SigningKeysTable {
  kid: string;
  /** HMAC secret, base64url. */
  secret: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

/** Orchestrator nodes of a deployment (migration 0006). */
export interface NodesTable {
  id: string;
  started_at: Timestamp;
  last_seen: Timestamp;
  /** The routing leader. */
  leader: boolean;
  /** Takes no new sessions or media rooms. */
  draining: boolean;
  /** Media load `{workers, rooms, consumers}`. */
  media: ColumnType<unknown, string | undefined, string>;
}

/** Open socket connections and the node holding each (migration 0006). */
export interface ConnectionsTable {
  socket_id: string;
  node_id: string;
  /** `device` (kiosk) or `console`. */
  kind: string;
  /** Device id or worker id. */
  subject_id: string;
  connected_at: Timestamp;
}

/** Supervisors monitoring a call, and whether they barged in (migration 0006). */
export interface CallMonitorsTable {
  session_id: string;
  worker_id: string;
  barged: boolean;
  since: Timestamp;
}

/** The node hosting a call's media room (migration 0006). */
export interface MediaRoomsTable {
  session_id: string;
  node_id: string;
  created_at: Timestamp;
}

/** Sign-in sessions (migration 0007): one per sign-in; revoked ones revoke every token naming them. */
export interface AuthSessionsTable {
  id: string;
  worker_id: string;
  /** `password` or `oidc`. */
  method: string;
  created_at: Timestamp;
  /** Absolute end of the sign-in (refresh tokens stop working). */
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
}

/** Rotating refresh tokens as SHA-256 hex hashes (migration 0007). */
export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Timestamp;
  /** When it was exchanged for a new one (a second use after the leeway revokes the sign-in session). */
  used_at: Timestamp | null;
}

/** One-time device enrolment codes as SHA-256 hex hashes (migration 0007). */
export interface DeviceEnrolmentsTable {
  code_hash: string;
  device_id: string;
  /** `worker:<id>` of the staff member or supervisor who created it. */
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** Security and privacy audit trail outside sessions (migration 0007). */
export interface AuditEventsTable {
  id: Generated<number>;
  at: Timestamp;
  /** `worker:<id>`, `device:<id>`, `system`. */
  actor: string;
  /** e.g. `device.credential_rotated`, `callback.contact_viewed`, `session.erased`. */
  action: string;
  /** What it concerns: `device:<id>`, `worker:<id>`, `callback:<id>`, `session:<id>`. */
  subject: string;
  data: ColumnType<unknown, string | undefined, string>;
}

/** Sign-in rate limits shared by all nodes (rate-limiter-flexible's RateLimiterPostgres table; migration 0007). */
export interface LoginLimitsTable {
  key: string;
  points: number;
  /** Epoch ms when the window ends. */
  expire: string | number | null;
}

/** Every version of every knowledge article (migration 0008); at most one `published` per article. */
export interface KbArticleVersionsTable {
  article_id: string;
  version: number;
  /** draft | review | published | retired */
  status: string;
  category: string;
  department: string;
  /** `{ <lang>: { title, answer, keywords, editedAt } }` */
  content: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

/** Knowledge-base settings (one row, migration 0008). */
export interface KbMetaTable {
  id: number;
  office: string;
}

/** A worker's verdict on a handoff they received (migration 0008); `verdict` is a HandoffVerdict, redacted. */
export interface SessionVerdictsTable {
  session_id: string;
  worker_id: string;
  verdict: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

/** Trainers' labels on turns (migration 0008). */
export interface ReviewLabelsTable {
  session_id: string;
  entry_id: string;
  label: string;
  reason: string | null;
  trainer_id: string;
  created_at: Timestamp;
}

/** Warm transfers with a private consult (migration 0008). */
export interface CallConsultsTable {
  session_id: string;
  from_worker: string;
  to_worker: string;
  /** offered | consult | three_way */
  phase: string;
  created_at: Timestamp;
}

export interface DatabaseSchema {
  call_consults: CallConsultsTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_meta: KbMetaTable;
  session_verdicts: SessionVerdictsTable;
  review_labels: ReviewLabelsTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  device_enrolments: DeviceEnrolmentsTable;
  audit_events: AuditEventsTable;
  login_limits: LoginLimitsTable;
  nodes: NodesTable;
  connections: ConnectionsTable;
  call_monitors: CallMonitorsTable;
  media_rooms: MediaRoomsTable;
  routing_tasks: RoutingTasksTable;
  offers: OffersTable;
  worker_presence: WorkerPresenceTable;
  signing_keys: SigningKeysTable;
  callbacks: CallbacksTable;
  devices: DevicesTable;
  workers: WorkersTable;
  sessions: SessionsTable;
  transcript_entries: TranscriptEntriesTable;
  handoff_packages: HandoffPackagesTable;
  session_events: SessionEventsTable;
  alerts: AlertsTable;
  telemetry_samples: TelemetrySamplesTable;
}

export type DeviceRow = Selectable<DevicesTable>;
export type WorkerRow = Selectable<WorkersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type TranscriptRow = Selectable<TranscriptEntriesTable>;
export type AlertRow = Selectable<AlertsTable>;
export type CallbackRow = Selectable<CallbacksTable>;
export type RoutingTaskRow = Selectable<RoutingTasksTable>;
export type OfferRow = Selectable<OffersTable>;
export type WorkerPresenceRow = Selectable<WorkerPresenceTable>;
