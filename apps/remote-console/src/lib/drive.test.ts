import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRIVE_REPEAT_MS, DRIVE_SPEED, DriveRepeater, driveKey, velocityOf, type DriveOrStop } from './drive.ts';

describe('hold-to-move repeat', () => {
  let sent: DriveOrStop[];
  let repeater: DriveRepeater;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    repeater = new DriveRepeater((c) => sent.push(c));
  });
  afterEach(() => vi.useRealTimers());

  const drives = () => sent.filter((c) => c.type === 'drive').length;

  it('sends a drive at once and every 100 ms while held, then one stop on release', () => {
    repeater.press('pointer', 'forward');
    expect(sent).toEqual([{ type: 'drive', linear: DRIVE_SPEED.linear, angular: 0 }]);
    vi.advanceTimersByTime(DRIVE_REPEAT_MS * 3 + 50);
    expect(drives()).toBe(4);
    expect(repeater.active).toBe(true);
    repeater.release('pointer');
    expect(sent.at(-1)).toEqual({ type: 'stop' });
    expect(repeater.active).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(drives()).toBe(4);
    expect(sent.filter((c) => c.type === 'stop')).toHaveLength(1);
  });

  it('ignores a repeated press of the same direction (key auto-repeat) and does not restart the interval', () => {
    repeater.press('key:ArrowUp', 'forward');
    vi.advanceTimersByTime(50);
    repeater.press('key:ArrowUp', 'forward');
    vi.advanceTimersByTime(50);
    expect(drives()).toBe(2); // t=0 and t=100
  });

  it('combines directions held by different sources and keeps driving until the last is released', () => {
    repeater.press('key:KeyW', 'forward');
    repeater.press('key:KeyA', 'left');
    expect(sent.at(-1)).toEqual({ type: 'drive', linear: 0.4, angular: 0.8 });
    expect(repeater.directions).toEqual(['forward', 'left']);
    repeater.release('key:KeyW');
    expect(sent.at(-1)).toEqual({ type: 'drive', linear: 0, angular: 0.8 });
    vi.advanceTimersByTime(DRIVE_REPEAT_MS);
    expect(sent.at(-1)).toEqual({ type: 'drive', linear: 0, angular: 0.8 });
    repeater.release('key:KeyA');
    expect(sent.at(-1)).toEqual({ type: 'stop' });
    expect(repeater.directions).toEqual([]);
  });

  it('releasing something never pressed sends nothing; releaseAll stops only when driving', () => {
    repeater.release('pointer');
    repeater.releaseAll();
    expect(sent).toEqual([]);
    repeater.press('pointer', 'backward');
    repeater.releaseAll();
    expect(sent).toEqual([{ type: 'drive', linear: -0.4, angular: 0 }, { type: 'stop' }]);
  });

  it('stop() always sends a stop and ends the repeat', () => {
    repeater.stop();
    expect(sent).toEqual([{ type: 'stop' }]);
    repeater.press('button', 'right');
    repeater.stop();
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([{ type: 'stop' }, { type: 'drive', linear: 0, angular: -0.8 }, { type: 'stop' }]);
  });

  it('tells why each command is sent: hold repeats, the release stop, or an explicit stop', () => {
    const causes: string[] = [];
    const r = new DriveRepeater((c, cause) => causes.push(`${c.type}:${cause}`));
    r.press('pointer', 'forward');
    vi.advanceTimersByTime(DRIVE_REPEAT_MS);
    r.release('pointer');
    r.stop();
    expect(causes).toEqual(['drive:hold', 'drive:hold', 'stop:release', 'stop:stop']);
  });

  it('notifies listeners with a stable snapshot of the held directions', () => {
    const seen: string[][] = [];
    repeater.onChange(() => seen.push([...repeater.directions]));
    const before = repeater.directions;
    expect(repeater.directions).toBe(before);
    repeater.press('pointer', 'left');
    repeater.press('pointer', 'left');
    repeater.release('pointer');
    expect(seen).toEqual([['left'], []]);
  });
});

describe('velocity and keyboard mapping', () => {
  it('opposite directions cancel', () => {
    expect(velocityOf(['forward', 'backward'])).toEqual({ linear: 0, angular: 0 });
    expect(velocityOf(['backward', 'right'])).toEqual({ linear: -0.4, angular: -0.8 });
  });

  it('maps arrow keys and WASD to directions, Space and Escape to stop', () => {
    expect(driveKey({ key: 'ArrowUp' })).toBe('forward');
    expect(driveKey({ key: 'ArrowDown' })).toBe('backward');
    expect(driveKey({ key: 'ArrowLeft' })).toBe('left');
    expect(driveKey({ key: 'ArrowRight' })).toBe('right');
    expect(driveKey({ key: 'w' })).toBe('forward');
    expect(driveKey({ key: 'W' })).toBe('forward');
    expect(driveKey({ key: 'a' })).toBe('left');
    expect(driveKey({ key: 's' })).toBe('backward');
    expect(driveKey({ key: 'd' })).toBe('right');
    expect(driveKey({ key: ' ' })).toBe('stop');
    expect(driveKey({ key: 'Escape' })).toBe('stop');
  });

  it('uses the physical key for other layouts and ignores modifier combinations and other keys', () => {
    expect(driveKey({ key: 'ｗ', code: 'KeyW' })).toBe('forward');
    expect(driveKey({ key: 'z', code: 'KeyW' })).toBe('forward');
    expect(driveKey({ key: 's', ctrlKey: true })).toBeNull();
    expect(driveKey({ key: 'ArrowLeft', altKey: true })).toBeNull();
    expect(driveKey({ key: 'ArrowUp', metaKey: true })).toBeNull();
    expect(driveKey({ key: 'Enter', code: 'Enter' })).toBeNull();
    expect(driveKey({ key: 'q', code: 'KeyQ' })).toBeNull();
  });
});
