/**
 * The venue map the console draws and offers as "Go to" targets: the Harbor City Office lobby.
 *
 * Hard-coded for now. It must match the map the robot navigates with: `DEFAULT_VENUE` in
 * hardware/src/venue.ts (the simulator's venue, in the `map` frame: metres, radians, x east,
 * y north, theta counter-clockwise from +x). venue.test.ts checks that the two agree. When the
 * kiosk reports its waypoints (`/get_waypoints`) through the orchestrator, load them from there.
 */

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

const counters: VenueWaypoint[] = [1, 2, 3, 4, 5, 6].map((n) => ({ name: `counter-${n}`, x: 2 * n, y: 3.8, theta: Math.PI / 2 }));

/** The lobby (16 m x 12 m; x -2..14, y -6..6). Waypoint order is the order of the "Go to" list. */
export const VENUE: Venue = {
  name: 'Harbor City Office lobby',
  bounds: { minX: -2, minY: -6, maxX: 14, maxY: 6 },
  waypoints: [
    { name: 'entrance', x: 12.5, y: 0, theta: 0 },
    ...counters,
    { name: 'elevator', x: 8, y: -4.8, theta: -Math.PI / 2 },
    { name: 'dock', x: -1.45, y: 0, theta: Math.PI },
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
};

/** Waypoint names in "Go to" order. */
export const WAYPOINT_NAMES: readonly string[] = VENUE.waypoints.map((w) => w.name);

/** Catalog key and values of a waypoint's display name (`counter-3` -> `waypoint.counter`, n 3). */
export function waypointLabelKey(name: string): { key: string; params: Record<string, string | number> } {
  const counter = /^counter-(\d+)$/.exec(name);
  if (counter) return { key: 'waypoint.counter', params: { n: Number(counter[1]) } };
  if (name === 'entrance' || name === 'elevator' || name === 'dock') return { key: `waypoint.${name}`, params: {} };
  return { key: 'waypoint.other', params: { name } };
}
