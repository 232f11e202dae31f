/**
 * The venue map: named waypoints, obstacles and walls of the office lobby, in the `map` frame
 * (metres, radians; identical with `odom` in the simulator), plus the geometry the bumper and the
 * planner need. Custom venues are validated with {@link VenueMapSchema}.
 */
import { z } from 'zod';
import { formatIssues } from './messages.ts';
import type { Pose2D } from './model.ts';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const label = z.string().min(1, 'must be a non-empty string');

/** A named pose in the `map` frame: `x`, `y` in m, `theta` (heading) in rad. */
export const WaypointSchema = z.strictObject({
  name: label,
  x: finite,
  y: finite,
  theta: finite,
  /** Human-readable text for the console, e.g. "Counter 1 (passports)". */
  description: z.string().optional(),
});
/** Axis-aligned box obstacle (m): `minX..maxX` × `minY..maxY`. */
export const BoxObstacleSchema = z.strictObject({
  kind: z.literal('box'), name: label, minX: finite, minY: finite, maxX: finite, maxY: finite,
}).refine((b) => b.minX < b.maxX && b.minY < b.maxY, 'box needs minX < maxX and minY < maxY');
/** Circular obstacle: centre `x`, `y` (m) and `radius` (m, > 0). */
export const CircleObstacleSchema = z.strictObject({
  kind: z.literal('circle'), name: label, x: finite, y: finite, radius: z.number().positive(),
});
/** A wall: a thin line segment from (`x1`, `y1`) to (`x2`, `y2`), m. */
export const WallSchema = z.strictObject({ name: label, x1: finite, y1: finite, x2: finite, y2: finite });
/** A charging dock: `waypoint` names the docked pose; the robot stages `stagingDistance` m in front of it. */
export const DockSpecSchema = z.strictObject({ waypoint: label, stagingDistance: z.number().positive() });

/** A venue map. `robotRadius` (m) is the circular footprint used by the bumper and the planner. */
export const VenueMapSchema = z.strictObject({
  name: label,
  /** Frame of every coordinate; always `map`. */
  frameId: z.literal('map'),
  /** The mapped area (m); goals outside it are GOAL_OUTSIDE_MAP and the robot cannot leave it. */
  bounds: z.strictObject({ minX: finite, minY: finite, maxX: finite, maxY: finite }),
  robotRadius: z.number().positive(),
  waypoints: z.array(WaypointSchema).min(1),
  obstacles: z.array(z.discriminatedUnion('kind', [BoxObstacleSchema, CircleObstacleSchema])),
  walls: z.array(WallSchema),
  docks: z.array(DockSpecSchema),
}).superRefine((venue, ctx) => {
  const names = new Set<string>();
  venue.waypoints.forEach((w, i) => {
    if (names.has(w.name)) ctx.addIssue({ code: 'custom', path: ['waypoints', i, 'name'], message: `duplicate waypoint '${w.name}'` });
    names.add(w.name);
  });
  venue.docks.forEach((d, i) => {
    if (!names.has(d.waypoint)) ctx.addIssue({ code: 'custom', path: ['docks', i, 'waypoint'], message: `no waypoint named '${d.waypoint}'` });
  });
});

/** A named pose of the venue (m, m, rad). */
export type Waypoint = z.infer<typeof WaypointSchema>;
/** A box or circle obstacle. */
export type Obstacle = z.infer<typeof BoxObstacleSchema> | z.infer<typeof CircleObstacleSchema>;
/** A wall segment. */
export type Wall = z.infer<typeof WallSchema>;
/** A charging dock. */
export type DockSpec = z.infer<typeof DockSpecSchema>;
/** A venue map (see {@link VenueMapSchema}). */
export type VenueMap = z.infer<typeof VenueMapSchema>;

/** Name reported by the bumper when the robot reaches the edge of the mapped area. */
export const MAP_BOUNDARY = 'map boundary';

const counters: Waypoint[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  name: `counter-${n}`, x: 2 * n, y: 3.8, theta: Math.PI / 2, description: `Service counter ${n}`,
}));

/**
 * The city office lobby (16 m × 12 m, walls at x = −2 and 14 m, y = ±6 m). The robot starts at the
 * origin facing +x (east). Waypoints: `entrance` (facing the glass doors in the east wall),
 * `counter-1`..`counter-6` (facing the service counter along the north wall, 2 m apart),
 * `elevator` (facing the elevator doors in the south wall) and `dock` (the charger on the west wall;
 * docked facing west, staged 0.7 m in front of it). Obstacles: the counter, a planter, a column,
 * a sofa, an information stand and the charger itself.
 */
export const DEFAULT_VENUE: VenueMap = Object.freeze({
  name: 'Harbor City Office lobby',
  frameId: 'map',
  bounds: { minX: -2, minY: -6, maxX: 14, maxY: 6 },
  robotRadius: 0.3,
  waypoints: [
    { name: 'entrance', x: 12.5, y: 0, theta: 0, description: 'Inside the main entrance, facing the doors' },
    ...counters,
    { name: 'elevator', x: 8, y: -4.8, theta: -Math.PI / 2, description: 'In front of the elevators' },
    { name: 'dock', x: -1.45, y: 0, theta: Math.PI, description: 'On the charging dock' },
  ],
  obstacles: [
    { kind: 'box', name: 'service counter', minX: 1, minY: 4.6, maxX: 13, maxY: 5.4 },
    { kind: 'circle', name: 'planter', x: 4.5, y: -1.5, radius: 0.5 },
    { kind: 'circle', name: 'column', x: 6, y: 1.5, radius: 0.3 },
    { kind: 'box', name: 'sofa', minX: 3, minY: -4.6, maxX: 5, maxY: -3.9 },
    { kind: 'box', name: 'information stand', minX: 9.5, minY: -1.5, maxX: 10.5, maxY: -0.6 },
    { kind: 'box', name: 'charger', minX: -2, minY: -0.3, maxX: -1.85, maxY: 0.3 },
  ],
  walls: [
    { name: 'elevator doors', x1: 7, y1: -6, x2: 9, y2: -6 },
    { name: 'west wall', x1: -2, y1: -6, x2: -2, y2: 6 },
    { name: 'north wall', x1: -2, y1: 6, x2: 14, y2: 6 },
    { name: 'south wall', x1: -2, y1: -6, x2: 14, y2: -6 },
    { name: 'east wall', x1: 14, y1: -6, x2: 14, y2: -1.5 },
    { name: 'entrance doors', x1: 14, y1: -1.5, x2: 14, y2: 1.5 },
    { name: 'east wall', x1: 14, y1: 1.5, x2: 14, y2: 6 },
  ],
  docks: [{ waypoint: 'dock', stagingDistance: 0.7 }],
} satisfies VenueMap);

/** Validates a venue map; throws an Error naming the bad field (e.g. `field 'waypoints.2.x': ...`). */
export function parseVenueMap(value: unknown): VenueMap {
  const parsed = VenueMapSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid venue map: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** The waypoint called `name`, or undefined. */
export function findWaypoint(venue: VenueMap, name: string): Waypoint | undefined {
  return venue.waypoints.find((w) => w.name === name);
}

/** Signed distance (m) from a point to an obstacle's surface: negative inside. */
function obstacleDistance(o: Obstacle, x: number, y: number): number {
  if (o.kind === 'circle') return Math.hypot(x - o.x, y - o.y) - o.radius;
  const dx = Math.max(o.minX - x, 0, x - o.maxX);
  const dy = Math.max(o.minY - y, 0, y - o.maxY);
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return -Math.min(x - o.minX, o.maxX - x, y - o.minY, o.maxY - y);
}

/** Distance (m) from a point to a wall segment. */
function wallDistance(w: Wall, x: number, y: number): number {
  const vx = w.x2 - w.x1;
  const vy = w.y2 - w.y1;
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - w.x1) * vx + (y - w.y1) * vy) / len2));
  return Math.hypot(x - (w.x1 + t * vx), y - (w.y1 + t * vy));
}

/** Free space around a point: distance (m) to the nearest obstacle, wall or map edge, and that thing's name. */
export interface Clearance {
  /** Distance to the nearest surface, m (negative inside an obstacle or outside the map). */
  distance: number;
  /** Name of the nearest obstacle or wall ({@link MAP_BOUNDARY} for the map edge). */
  nearest: string;
}

/** Clearance of the point (`x`, `y`) in m. */
export function clearance(venue: VenueMap, x: number, y: number): Clearance {
  let best: Clearance = { distance: Number.POSITIVE_INFINITY, nearest: MAP_BOUNDARY };
  for (const o of venue.obstacles) {
    const d = obstacleDistance(o, x, y);
    if (d < best.distance) best = { distance: d, nearest: o.name };
  }
  for (const w of venue.walls) {
    const d = wallDistance(w, x, y);
    if (d < best.distance) best = { distance: d, nearest: w.name };
  }
  const b = venue.bounds;
  const edge = Math.min(x - b.minX, b.maxX - x, y - b.minY, b.maxY - y); // named walls on the edge win ties
  return edge < best.distance ? { distance: edge, nearest: MAP_BOUNDARY } : best;
}

/** True when (`x`, `y`) lies inside the venue's bounds. */
export function inBounds(venue: VenueMap, x: number, y: number): boolean {
  const b = venue.bounds;
  return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY;
}

/**
 * Bumper test: the name of what the circular footprint (radius `radius` m, default the venue's
 * robot radius) touches at `pose`, or undefined when it is clear.
 */
export function footprintContact(venue: VenueMap, pose: Pose2D, radius = venue.robotRadius): string | undefined {
  const c = clearance(venue, pose.x, pose.y);
  return c.distance < radius ? c.nearest : undefined;
}

/** The staging pose of a dock: `stagingDistance` m in front of the docked pose, same heading (m, m, rad). */
export function stagingPose(dock: Pose2D, stagingDistance: number): Pose2D {
  return { x: dock.x - stagingDistance * Math.cos(dock.theta), y: dock.y - stagingDistance * Math.sin(dock.theta), theta: dock.theta };
}
