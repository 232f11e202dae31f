/**
 * The venue map the console draws and offers as "Go to" targets: the Harbor City Office lobby.
 *
 * It is the map the robot navigates with: `DEFAULT_VENUE` from hardware/src/venue.ts (the
 * simulator's venue, in the `map` frame: metres, radians, x east, y north, theta
 * counter-clockwise from +x). When the kiosk reports its waypoints (`/get_waypoints`) through
 * the orchestrator, load them from there instead.
 */
import { DEFAULT_VENUE } from '@telekiosk/hardware/venue';

/** A named pose of the venue: x, y in m, theta (heading) in rad. */
export interface VenueWaypoint {
  name: string;
  x: number;
  y: number;
  theta: number;
}

export type VenueObstacle =
  | { kind: 'box'; name: string; minX: number; minY: number; maxX: number; maxY: number }
  | { kind: 'circle'; name: string; x: number; y: number; radius: number };

export interface VenueWall {
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Venue {
  name: string;
  /** The mapped area, m. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  waypoints: readonly VenueWaypoint[];
  obstacles: readonly VenueObstacle[];
  walls: readonly VenueWall[];
}

/** The lobby (16 m x 12 m; x -2..14, y -6..6): the simulator's venue, so the map and the robot agree. Waypoint order is the "Go to" order. */
export const VENUE: Venue = DEFAULT_VENUE;

/** Waypoint names in "Go to" order. */
export const WAYPOINT_NAMES: readonly string[] = VENUE.waypoints.map((w) => w.name);

/** Catalog key and values of a waypoint's display name (`counter-3` -> `waypoint.counter`, n 3). */
export function waypointLabelKey(name: string): { key: string; params: Record<string, string | number> } {
  const counter = /^counter-(\d+)$/.exec(name);
  if (counter) return { key: 'waypoint.counter', params: { n: Number(counter[1]) } };
  if (name === 'entrance' || name === 'elevator' || name === 'dock') return { key: `waypoint.${name}`, params: {} };
  return { key: 'waypoint.other', params: { name } };
}
