/**
 * Registry of the ROS 2 message types the simulator understands, with a zod schema per type.
 *
 * Field names and constants follow the ROS 2 interface definitions (geometry_msgs, nav_msgs,
 * sensor_msgs, std_msgs, builtin_interfaces). Schemas are strict: unknown fields and wrong JSON
 * types are errors. Missing fields are filled from the type's zero message before validation,
 * as the rosbridge v2 spec prescribes for `publish` ("If the msg is a subset of the type of the
 * topic ... the unspecified fields are filled in with defaults").
 */
import { z } from 'zod';

/** float64 / float32 field: any finite JSON number. */
const float = z.number();
/** Unsigned 8-bit integer field (uint8). */
const uint8 = z.number().int().min(0).max(255);

/** builtin_interfaces/msg/Time: `sec` (int32, s) and `nanosec` (uint32, ns, < 1e9). */
export const TimeSchema = z.strictObject({
  sec: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1),
  nanosec: z.number().int().min(0).max(999_999_999),
});
/** std_msgs/msg/Header: stamp and coordinate frame id. */
export const HeaderSchema = z.strictObject({ stamp: TimeSchema, frame_id: z.string() });
/** geometry_msgs/msg/Vector3 (x, y, z; units depend on use: m/s or rad/s in a Twist). */
export const Vector3Schema = z.strictObject({ x: float, y: float, z: float });
/** geometry_msgs/msg/Point, m. */
export const PointSchema = Vector3Schema;
/** geometry_msgs/msg/Quaternion (x, y, z, w). */
export const QuaternionSchema = z.strictObject({ x: float, y: float, z: float, w: float });
/** geometry_msgs/msg/Twist: linear (m/s) and angular (rad/s) velocity. */
export const TwistSchema = z.strictObject({ linear: Vector3Schema, angular: Vector3Schema });
/** Row-major 6×6 covariance matrix (float64[36]). */
const Covariance = z.array(float).length(36);
/** nav_msgs/msg/Odometry: pose in `header.frame_id`, twist in `child_frame_id`. */
export const OdometrySchema = z.strictObject({
  header: HeaderSchema,
  child_frame_id: z.string(),
  pose: z.strictObject({ pose: z.strictObject({ position: PointSchema, orientation: QuaternionSchema }), covariance: Covariance }),
  twist: z.strictObject({ twist: TwistSchema, covariance: Covariance }),
});
/** sensor_msgs/msg/BatteryState; `percentage` is 0..1 (not percent), voltage V, current A, charge and capacity Ah. */
export const BatteryStateSchema = z.strictObject({
  header: HeaderSchema,
  voltage: float,
  temperature: float,
  current: float,
  charge: float,
  capacity: float,
  design_capacity: float,
  percentage: z.number().min(0).max(1),
  power_supply_status: uint8,
  power_supply_health: uint8,
  power_supply_technology: uint8,
  present: z.boolean(),
  cell_voltage: z.array(float),
  cell_temperature: z.array(float),
  location: z.string(),
  serial_number: z.string(),
});
/** builtin_interfaces/msg/Duration: `sec` (int32, s) and `nanosec` (uint32, ns, < 1e9). */
export const DurationSchema = TimeSchema;
/** geometry_msgs/msg/Pose: position (m) and orientation (unit quaternion). */
export const PoseSchema = z.strictObject({ position: PointSchema, orientation: QuaternionSchema });
/** geometry_msgs/msg/PoseStamped: a pose in `header.frame_id` (here `map`). */
export const PoseStampedSchema = z.strictObject({ header: HeaderSchema, pose: PoseSchema });
/** diagnostic_msgs/msg/KeyValue. */
export const KeyValueSchema = z.strictObject({ key: z.string(), value: z.string() });
/**
 * diagnostic_msgs/msg/DiagnosticStatus. `level` is a `byte` (rosbridge sends it as a JSON number):
 * OK=0, WARN=1, ERROR=2, STALE=3 ({@link DIAGNOSTIC_LEVEL}).
 */
export const DiagnosticStatusSchema = z.strictObject({
  level: z.number().int().min(0).max(3),
  name: z.string(),
  message: z.string(),
  hardware_id: z.string(),
  values: z.array(KeyValueSchema),
});
/** diagnostic_msgs/msg/DiagnosticArray: one status per component. */
export const DiagnosticArraySchema = z.strictObject({ header: HeaderSchema, status: z.array(DiagnosticStatusSchema) });
/** `level` constants of diagnostic_msgs/msg/DiagnosticStatus. */
export const DIAGNOSTIC_LEVEL = Object.freeze({ OK: 0, WARN: 1, ERROR: 2, STALE: 3 });

/** std_msgs/msg/String. */
export const StringMsgSchema = z.strictObject({ data: z.string() });
/** std_msgs/msg/Bool. */
export const BoolMsgSchema = z.strictObject({ data: z.boolean() });
/** std_msgs/msg/Float32. */
export const Float32MsgSchema = z.strictObject({ data: float });
/** std_msgs/msg/Empty. */
export const EmptyMsgSchema = z.strictObject({});

/** geometry_msgs/msg/Twist as a TypeScript type. */
export type Twist = z.infer<typeof TwistSchema>;
/** nav_msgs/msg/Odometry as a TypeScript type. */
export type Odometry = z.infer<typeof OdometrySchema>;
/** sensor_msgs/msg/BatteryState as a TypeScript type. */
export type BatteryState = z.infer<typeof BatteryStateSchema>;
/** builtin_interfaces/msg/Time as a TypeScript type. */
export type RosTime = z.infer<typeof TimeSchema>;
/** builtin_interfaces/msg/Duration as a TypeScript type (`sec` s, `nanosec` ns). */
export type RosDuration = z.infer<typeof DurationSchema>;
/** geometry_msgs/msg/PoseStamped as a TypeScript type. */
export type PoseStamped = z.infer<typeof PoseStampedSchema>;
/** geometry_msgs/msg/Quaternion as a TypeScript type. */
export type Quaternion = z.infer<typeof QuaternionSchema>;
/** diagnostic_msgs/msg/DiagnosticStatus as a TypeScript type. */
export type DiagnosticStatus = z.infer<typeof DiagnosticStatusSchema>;
/** diagnostic_msgs/msg/DiagnosticArray as a TypeScript type. */
export type DiagnosticArray = z.infer<typeof DiagnosticArraySchema>;

/** `power_supply_status` constants of sensor_msgs/msg/BatteryState. */
export const POWER_SUPPLY_STATUS = Object.freeze({ UNKNOWN: 0, CHARGING: 1, DISCHARGING: 2, NOT_CHARGING: 3, FULL: 4 });
/** `power_supply_health` constants of sensor_msgs/msg/BatteryState. */
export const POWER_SUPPLY_HEALTH = Object.freeze({
  UNKNOWN: 0, GOOD: 1, OVERHEAT: 2, DEAD: 3, OVERVOLTAGE: 4, UNSPEC_FAILURE: 5, COLD: 6, WATCHDOG_TIMER_EXPIRE: 7, SAFETY_TIMER_EXPIRE: 8,
});
/** `power_supply_technology` constants of sensor_msgs/msg/BatteryState. */
export const POWER_SUPPLY_TECHNOLOGY = Object.freeze({ UNKNOWN: 0, NIMH: 1, LION: 2, LIPO: 3, LIFE: 4, NICD: 5, LIMN: 6 });

/** Converts ms since epoch to a builtin_interfaces/msg/Time. */
export function toRosTime(ms: number): RosTime {
  const sec = Math.floor(ms / 1000);
  return { sec, nanosec: Math.min(999_999_999, Math.round((ms - sec * 1000) * 1e6)) };
}

/** Converts a duration in ms (negative counts as 0) to a builtin_interfaces/msg/Duration. */
export function toRosDuration(ms: number): RosDuration {
  return toRosTime(Math.max(0, Number.isFinite(ms) ? ms : 0));
}

/** Quaternion of a rotation by `theta` rad about z (yaw). */
export function yawToQuaternion(theta: number): Quaternion {
  return { x: 0, y: 0, z: Math.sin(theta / 2), w: Math.cos(theta / 2) };
}

/** Yaw in rad, (−π, π], of a quaternion (normalised first); NaN for the zero quaternion. */
export function quaternionToYaw(q: Quaternion): number {
  const n = Math.hypot(q.x, q.y, q.z, q.w);
  if (n === 0) return Number.NaN;
  const [x, y, z, w] = [q.x / n, q.y / n, q.z / n, q.w / n];
  return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
}

const zeroVector = () => ({ x: 0, y: 0, z: 0 });
const zeroHeader = (nowMs: number) => ({ stamp: toRosTime(nowMs), frame_id: '' });
/** The zero geometry_msgs/msg/Pose (identity orientation, as the ROS 2 default `w = 1`). */
export const zeroPose = () => ({ position: zeroVector(), orientation: { x: 0, y: 0, z: 0, w: 1 } });
/** The zero std_msgs/msg/Header stamped `nowMs` (ms since epoch), as rosbridge fills an omitted header. */
export const defaultHeader = zeroHeader;

/** One entry of the type registry. */
export interface MessageType {
  /** Canonical ROS 2 name, `pkg/msg/Type`. */
  name: string;
  /** Strict schema of a complete message. */
  schema: z.ZodType;
  /** The zero message; headers get the current time (`nowMs`, ms since epoch) as the rosbridge spec prescribes. */
  defaults: (nowMs: number) => Record<string, unknown>;
}

const TYPES: readonly MessageType[] = [
  { name: 'geometry_msgs/msg/Twist', schema: TwistSchema, defaults: () => ({ linear: zeroVector(), angular: zeroVector() }) },
  {
    name: 'nav_msgs/msg/Odometry',
    schema: OdometrySchema,
    defaults: (now) => ({
      header: zeroHeader(now),
      child_frame_id: '',
      pose: { pose: { position: zeroVector(), orientation: { x: 0, y: 0, z: 0, w: 1 } }, covariance: new Array(36).fill(0) },
      twist: { twist: { linear: zeroVector(), angular: zeroVector() }, covariance: new Array(36).fill(0) },
    }),
  },
  {
    name: 'sensor_msgs/msg/BatteryState',
    schema: BatteryStateSchema,
    defaults: (now) => ({
      header: zeroHeader(now), voltage: 0, temperature: 0, current: 0, charge: 0, capacity: 0, design_capacity: 0, percentage: 0,
      power_supply_status: 0, power_supply_health: 0, power_supply_technology: 0, present: false,
      cell_voltage: [], cell_temperature: [], location: '', serial_number: '',
    }),
  },
  {
    name: 'geometry_msgs/msg/PoseStamped',
    schema: PoseStampedSchema,
    defaults: (now) => ({ header: zeroHeader(now), pose: zeroPose() }),
  },
  {
    name: 'diagnostic_msgs/msg/DiagnosticArray',
    schema: DiagnosticArraySchema,
    defaults: (now) => ({ header: zeroHeader(now), status: [] }),
  },
  { name: 'std_msgs/msg/String', schema: StringMsgSchema, defaults: () => ({ data: '' }) },
  { name: 'std_msgs/msg/Bool', schema: BoolMsgSchema, defaults: () => ({ data: false }) },
  { name: 'std_msgs/msg/Float32', schema: Float32MsgSchema, defaults: () => ({ data: 0 }) },
  { name: 'std_msgs/msg/Empty', schema: EmptyMsgSchema, defaults: () => ({}) },
];
const REGISTRY = new Map(TYPES.map((t) => [t.name, t]));

/** Canonical names of all registered message types. */
export const MESSAGE_TYPE_NAMES: readonly string[] = TYPES.map((t) => t.name);

/**
 * Canonical ROS 2 form of an interface type name: `pkg/Type` becomes `pkg/<kind>/Type`
 * (ROS 1 style names are accepted by rosbridge too). `kind` is `msg`, `srv` or `action`.
 */
export function canonicalTypeName(name: string, kind: 'msg' | 'srv' | 'action' = 'msg'): string {
  const parts = name.trim().split('/');
  return parts.length === 2 ? `${parts[0]}/${kind}/${parts[1]}` : name.trim();
}

/** Looks up a message type by ROS 1 or ROS 2 name; undefined when unknown. */
export function lookupMessageType(name: string): MessageType | undefined {
  return REGISTRY.get(canonicalTypeName(name));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fills missing fields of `value` from `defaults`, recording the dotted paths that were filled. */
function fillDefaults(value: unknown, defaults: unknown, path: string, filled: string[]): unknown {
  if (!isPlainObject(value) || !isPlainObject(defaults)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, def] of Object.entries(defaults)) {
    const here = path ? `${path}.${key}` : key;
    if (out[key] === undefined) {
      out[key] = def;
      filled.push(here);
    } else {
      out[key] = fillDefaults(out[key], def, here, filled);
    }
  }
  return out;
}

/** Result of {@link validateMessage}. */
export type ValidationResult =
  | { ok: true; value: Record<string, unknown>; filled: string[] }
  | { ok: false; error: string };

/**
 * Validates a message against a registered type (missing fields take defaults and are listed in
 * `filled`; unknown fields, wrong JSON types and out-of-range values are errors naming the field).
 * `nowMs` (ms since epoch) stamps an omitted header.
 */
export function validateMessage(typeName: string, msg: unknown, nowMs: number): ValidationResult {
  const type = lookupMessageType(typeName);
  if (!type) return { ok: false, error: `unknown message type '${typeName}'` };
  return validateWith(type, msg, nowMs);
}

/**
 * Like {@link validateMessage} for a type outside the registry (e.g. an action goal): fills missing
 * fields from `type.defaults(nowMs)`, then checks `type.schema`; errors name the field (`msg.a.b`).
 */
export function validateWith(type: MessageType, msg: unknown, nowMs: number, root = 'msg'): ValidationResult {
  if (!isPlainObject(msg)) return { ok: false, error: `field '${root}': expected a JSON object for ${type.name}, received ${describe(msg)}` };
  const filled: string[] = [];
  const completed = fillDefaults(msg, type.defaults(nowMs), '', filled);
  const parsed = type.schema.safeParse(completed);
  if (!parsed.success) return { ok: false, error: `invalid ${type.name}: ${formatIssues(parsed.error, root)}` };
  return { ok: true, value: parsed.data as Record<string, unknown>, filled };
}

/** Short description of a JSON value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Formats zod issues as `field 'a.b': problem; field 'c': problem`, prefixing paths with `root`.
 * Unrecognised keys are reported as `field 'a.x': unknown field`.
 */
export function formatIssues(error: z.ZodError, root = ''): string {
  const join = (segments: readonly PropertyKey[]) => [root, ...segments.map(String)].filter(Boolean).join('.');
  return error.issues
    .flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `field '${join([...issue.path, k])}': unknown field`);
      const where = join(issue.path);
      const message = issue.message.replace(/^Invalid input: /, '');
      return [where ? `field '${where}': ${message}` : message];
    })
    .join('; ');
}
