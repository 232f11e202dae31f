import { describe, expect, it } from 'vitest';
// The simulator's venue (the map the robot navigates with); the console's copy must match it.
import { DEFAULT_VENUE } from '../../../../hardware/src/venue.ts';
import { VENUE, WAYPOINT_NAMES, waypointLabelKey } from './venue.ts';

describe('console venue map', () => {
  it('matches the simulator venue (hardware/src/venue.ts)', () => {
    expect(VENUE.bounds).toEqual(DEFAULT_VENUE.bounds);
    expect(VENUE.waypoints.map(({ name, x, y, theta }) => ({ name, x, y, theta }))).toEqual(DEFAULT_VENUE.waypoints.map(({ name, x, y, theta }) => ({ name, x, y, theta })));
    expect(VENUE.obstacles).toEqual(DEFAULT_VENUE.obstacles);
    expect(VENUE.walls).toEqual(DEFAULT_VENUE.walls);
  });

  it('lists entrance, counters 1-6, elevator and dock', () => {
    expect(WAYPOINT_NAMES).toEqual(['entrance', 'counter-1', 'counter-2', 'counter-3', 'counter-4', 'counter-5', 'counter-6', 'elevator', 'dock']);
    expect(waypointLabelKey('counter-4')).toEqual({ key: 'waypoint.counter', params: { n: 4 } });
    expect(waypointLabelKey('dock')).toEqual({ key: 'waypoint.dock', params: {} });
    expect(waypointLabelKey('lift-2')).toEqual({ key: 'waypoint.other', params: { name: 'lift-2' } });
  });
});
