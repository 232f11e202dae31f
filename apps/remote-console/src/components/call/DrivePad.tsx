import { useSyncExternalStore, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Direction, DriveRepeater } from '../../lib/drive.ts';
import { Icon, type IconName } from '../common/Icon.tsx';

const PAD: { dir: Direction; icon: IconName; area: string }[] = [
  { dir: 'forward', icon: 'arrowUp', area: 'fwd' },
  { dir: 'left', icon: 'turnLeft', area: 'left' },
  { dir: 'right', icon: 'turnRight', area: 'right' },
  { dir: 'backward', icon: 'arrowDown', area: 'back' },
];

/**
 * The on-screen direction pad: hold a direction (pointer, touch, or Enter/Space on the focused
 * button) to drive; releasing stops. The centre button stops at once. The pad stays operable
 * during an e-stop or a link loss: the kiosk's refusal is shown as the command result.
 * `describedBy` points at the help line or at the current blocker (e-stop, link down).
 */
export function DrivePad({ repeater, describedBy }: { repeater: DriveRepeater; describedBy?: string }) {
  const { t } = useTranslation();
  const held = useSyncExternalStore(
    (l) => repeater.onChange(l),
    () => repeater.directions,
  );

  const pointerDown = (dir: Direction) => (e: PointerEvent<HTMLButtonElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault(); // no text selection or focus-steal scrolling; focus is set below
    e.currentTarget.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture?.(e.pointerId);
    repeater.press('pointer', dir);
  };
  const pointerUp = () => repeater.release('pointer');
  const keyDown = (dir: Direction) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    if (!e.repeat) repeater.press('button', dir);
  };
  const keyUp = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'Enter' || e.key === ' ') repeater.release('button');
  };

  return (
    <div className="drive-pad" role="group" aria-label={t('robot.padLabel')}>
      {PAD.map(({ dir, icon, area }) => (
        <button
          key={dir}
          type="button"
          className={`btn drive-btn drive-btn--${area}${held.includes(dir) ? ' is-held' : ''}`}
          aria-label={t(`robot.drive.${dir}`)}
          aria-describedby={describedBy}
          onPointerDown={pointerDown(dir)}
          onPointerUp={pointerUp}
          onPointerCancel={pointerUp}
          onLostPointerCapture={pointerUp}
          onKeyDown={keyDown(dir)}
          onKeyUp={keyUp}
          onBlur={() => repeater.release('button')}
          onContextMenu={(e) => e.preventDefault()}
        >
          <Icon name={icon} className="drive-icon" />
          <span className="drive-text">{t(`robot.driveShort.${dir}`)}</span>
        </button>
      ))}
      <button
        type="button"
        className="btn drive-btn drive-btn--stop"
        aria-label={t('robot.stop')}
        onPointerDown={(e) => {
          if (e.pointerType !== 'mouse' || e.button === 0) repeater.stop();
        }}
        onClick={(e) => {
          // Pointer presses already stopped on pointerdown; this is Enter or Space.
          if (e.detail === 0) repeater.stop();
        }}
      >
        <Icon name="stop" className="drive-icon" />
        <span className="drive-text">{t('robot.stopShort')}</span>
      </button>
    </div>
  );
}
