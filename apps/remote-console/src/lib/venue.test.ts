import { describe, expect, it } from 'vitest';
import { VENUE, WAYPOINT_NAMES, waypointLabelKey } from './venue.ts';

describe('console venue map', () => {
  it('draws every waypoint inside the mapped area', () => {
    for (const w of VENUE.waypoints) {
      expect(w.x).toBeGreaterThanOrEqual(VENUE.bounds.minX);
      expect(w.x).toBeLessThanOrEqual(VENUE.bounds.maxX);
      expect(w.y).toBeGreaterThanOrEqual(VENUE.bounds.minY);
      expect(w.y).toBeLessThanOrEqual(VENUE.bounds.maxY);
    }
  });

  it('lists entrance, counters 1-6, elevator and dock', () => {
    expect(WAYPOINT_NAMES).toEqual(['entrance', 'counter-1', 'counter-2', 'counter-3', 'counter-4', 'counter-5', 'counter-6', 'elevator', 'dock']);
    expect(waypointLabelKey('counter-4')).toEqual({ key: 'waypoint.counter', params: { n: 4 } });
    expect(waypointLabelKey('dock')).toEqual({ key: 'waypoint.dock', params: {} });
    expect(waypointLabelKey('lift-2')).toEqual({ key: 'waypoint.other', params: { name: 'lift-2' } });
  });
});
