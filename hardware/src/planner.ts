/**
 * Global path planner of the simulator: A* on an occupancy grid of the venue (like nav2's
 * NavFn/Smac planners on a costmap), with an inflation band that keeps the path away from
 * obstacles, then line-of-sight shortcutting so the robot drives few, straight legs.
 * Failure reasons mirror nav2_msgs/action/ComputePathToPose error codes (GOAL_OUTSIDE_MAP,
 * START_OCCUPIED, GOAL_OCCUPIED, NO_VALID_PATH).
 */
import { clearance, inBounds, type VenueMap } from './venue.ts';

/** A point in the `map` frame, m. */
export interface Point {
  /** m */
  x: number;
  /** m */
  y: number;
}

/** Why planning failed, as in nav2_msgs/action/ComputePathToPose. */
export type PlanFailure = 'goal_outside_map' | 'start_occupied' | 'goal_occupied' | 'no_valid_path';

/** Result of {@link planPath}: the path's corner points (start first, goal last) and its length in m. */
export type PlanResult =
  | { ok: true; path: Point[]; length: number }
  | { ok: false; reason: PlanFailure; message: string };

/** Options of {@link planPath}. */
export interface PlannerOptions {
  /** Grid cell size, m. Default 0.1. */
  resolution?: number;
  /** Preferred free space beyond the robot radius, m (the inflation band). Default 0.15. */
  safetyMargin?: number;
}

/** Least clearance beyond the robot radius the robot may pass with, m. */
const MIN_GAP = 0.02;

interface Grid {
  res: number;
  cols: number;
  rows: number;
  /** Step cost multiplier per cell; Infinity = lethal. */
  cost: Float64Array;
}

const grids = new WeakMap<VenueMap, Map<string, Grid>>();

function gridFor(venue: VenueMap, res: number, margin: number): Grid {
  const key = `${res}:${margin}`;
  let byKey = grids.get(venue);
  if (!byKey) grids.set(venue, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const { minX, minY, maxX, maxY } = venue.bounds;
  const cols = Math.max(1, Math.ceil((maxX - minX) / res));
  const rows = Math.max(1, Math.ceil((maxY - minY) / res));
  const cost = new Float64Array(cols * rows);
  const r = venue.robotRadius;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const d = clearance(venue, minX + (col + 0.5) * res, minY + (row + 0.5) * res).distance;
      cost[row * cols + col] = d < r + MIN_GAP ? Infinity : d < r + margin ? 1 + (8 * (r + margin - d)) / margin : 1;
    }
  }
  const grid = { res, cols, rows, cost };
  byKey.set(key, grid);
  return grid;
}

/** Binary min-heap of cell indices keyed by f-score. */
class Heap {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: number, key: number): void {
    let i = this.items.length;
    this.items.push(item);
    this.keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.items[i] = this.items[p]!;
      this.keys[i] = this.keys[p]!;
      i = p;
    }
    this.items[i] = item;
    this.keys[i] = key;
  }
  pop(): number {
    const top = this.items[0]!;
    const lastItem = this.items.pop()!;
    const lastKey = this.keys.pop()!;
    if (this.items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.items.length) break;
        const c = l + 1 < this.items.length && this.keys[l + 1]! < this.keys[l]! ? l + 1 : l;
        if (this.keys[c]! >= lastKey) break;
        this.items[i] = this.items[c]!;
        this.keys[i] = this.keys[c]!;
        i = c;
      }
      this.items[i] = lastItem;
      this.keys[i] = lastKey;
    }
    return top;
  }
}

/**
 * True when the robot can drive the straight segment a→b: every sample (every `res`/2 m) keeps
 * `radius + margin/2` m of clearance; within 0.4 m of a point in `relaxed` only `radius + MIN_GAP` is needed.
 */
export function segmentClear(venue: VenueMap, a: Point, b: Point, margin: number, relaxed: readonly Point[] = [], step = 0.05): boolean {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const n = Math.max(1, Math.ceil(len / step));
  for (let i = 0; i <= n; i++) {
    const x = a.x + ((b.x - a.x) * i) / n;
    const y = a.y + ((b.y - a.y) * i) / n;
    const near = relaxed.some((p) => Math.hypot(p.x - x, p.y - y) < 0.4);
    if (clearance(venue, x, y).distance < venue.robotRadius + (near ? MIN_GAP : margin / 2)) return false;
  }
  return true;
}

const pathLength = (path: readonly Point[]) => path.slice(1).reduce((sum, p, i) => sum + Math.hypot(p.x - path[i]!.x, p.y - path[i]!.y), 0);

/** Plans a collision-free path for the venue's circular robot from `start` to `goal` (m, `map` frame). */
export function planPath(venue: VenueMap, start: Point, goal: Point, options: PlannerOptions = {}): PlanResult {
  const res = options.resolution ?? 0.1;
  const margin = options.safetyMargin ?? 0.15;
  const r = venue.robotRadius;
  const fmt = (p: Point) => `(${p.x.toFixed(2)}, ${p.y.toFixed(2)})`;
  if (!inBounds(venue, goal.x, goal.y)) return { ok: false, reason: 'goal_outside_map', message: `goal ${fmt(goal)} is outside the map` };
  const atGoal = clearance(venue, goal.x, goal.y);
  if (atGoal.distance < r + MIN_GAP) {
    return { ok: false, reason: 'goal_occupied', message: `goal ${fmt(goal)} is blocked by the ${atGoal.nearest}` };
  }
  const atStart = clearance(venue, start.x, start.y);
  if (atStart.distance < r - 0.01) {
    return { ok: false, reason: 'start_occupied', message: `start ${fmt(start)} overlaps the ${atStart.nearest}` };
  }
  const relaxed = [start, goal];
  if (segmentClear(venue, start, goal, margin, relaxed)) return { ok: true, path: [start, goal], length: pathLength([start, goal]) };

  const grid = gridFor(venue, res, margin);
  const { cols, rows, cost } = grid;
  const { minX, minY } = venue.bounds;
  const cellOf = (p: Point) => {
    const col = Math.min(cols - 1, Math.max(0, Math.floor((p.x - minX) / res)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor((p.y - minY) / res)));
    return row * cols + col;
  };
  const centre = (cell: number): Point => ({ x: minX + ((cell % cols) + 0.5) * res, y: minY + (Math.floor(cell / cols) + 0.5) * res });
  const startCell = cellOf(start);
  const goalCell = cellOf(goal);
  const passable = (cell: number) => cell === startCell || cell === goalCell || cost[cell]! < Infinity;
  const stepCost = (cell: number) => (cell === startCell || cell === goalCell ? 1 : cost[cell]!);
  const h = (cell: number) => {
    const dx = Math.abs((cell % cols) - (goalCell % cols));
    const dy = Math.abs(Math.floor(cell / cols) - Math.floor(goalCell / cols));
    return (Math.max(dx, dy) + (Math.SQRT2 - 1) * Math.min(dx, dy)) * res;
  };
  const g = new Float64Array(cols * rows).fill(Infinity);
  const parent = new Int32Array(cols * rows).fill(-1);
  const closed = new Uint8Array(cols * rows);
  const open = new Heap();
  g[startCell] = 0;
  open.push(startCell, h(startCell));
  while (open.size > 0) {
    const cell = open.pop();
    if (closed[cell]) continue;
    closed[cell] = 1;
    if (cell === goalCell) break;
    const col = cell % cols;
    const row = Math.floor(cell / cols);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if ((dx === 0 && dy === 0) || col + dx < 0 || col + dx >= cols || row + dy < 0 || row + dy >= rows) continue;
        const next = cell + dy * cols + dx;
        if (closed[next] || !passable(next)) continue;
        if (dx !== 0 && dy !== 0 && (!passable(cell + dx) || !passable(cell + dy * cols))) continue; // no corner cutting
        const tentative = g[cell]! + (dx !== 0 && dy !== 0 ? Math.SQRT2 : 1) * res * stepCost(next);
        if (tentative < g[next]!) {
          g[next] = tentative;
          parent[next] = cell;
          open.push(next, tentative + h(next));
        }
      }
    }
  }
  if (!closed[goalCell]) return { ok: false, reason: 'no_valid_path', message: `no path from ${fmt(start)} to ${fmt(goal)}` };

  const cells: number[] = [];
  for (let c = goalCell; c !== -1; c = parent[c]!) cells.unshift(c);
  const raw: Point[] = cells.map(centre);
  raw[0] = start;
  raw[raw.length - 1] = goal;
  // Line-of-sight shortcutting: from each corner go straight as far along the grid path as stays clear.
  const path: Point[] = [start];
  let i = 0;
  while (i < raw.length - 1) {
    let j = i + 1;
    while (j + 1 < raw.length && segmentClear(venue, raw[i]!, raw[j + 1]!, margin, relaxed)) j++;
    path.push(raw[j]!);
    i = j;
  }
  return { ok: true, path, length: pathLength(path) };
}
