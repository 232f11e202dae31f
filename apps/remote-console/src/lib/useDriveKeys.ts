import { useEffect } from 'react';
import { driveKey, type DriveRepeater } from './drive.ts';
import { isTyping } from './useShortcuts.ts';

/** Elements whose own Space activation wins over "Space = stop" (buttons, links, checkboxes...). */
function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return !!target.closest('button, a[href], input, select, textarea, summary, [role="button"], [role="tab"], [role="radio"], [role="checkbox"]');
}

/** Areas that keep their own arrow keys (scrollable transcript and summary): `data-drive-keys="off"`. */
function driveKeysOff(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest('[data-drive-keys="off"]');
}

/** Identity of a held key: the physical key, so Shift or a layout change cannot strand a press. */
function keyId(e: KeyboardEvent): string {
  return `key:${e.code || e.key.toLowerCase()}`;
}

/**
 * Keyboard driving of the robot panel: hold arrow keys or W A S D to drive (keydown starts the
 * repeat, keyup stops it), Space or Escape stop. Ignored while typing in a text field or a
 * select, in areas marked `data-drive-keys="off"` (the call's side panels, which scroll with the
 * arrow keys) and while a dialog is open; Space on a focused button keeps activating the button
 * (Escape always stops). Losing focus or hiding the tab lets go of everything.
 */
export function useDriveKeys(repeater: DriveRepeater, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = driveKey(e);
      if (!action || document.querySelector('dialog[open]')) return;
      if (action === 'stop') {
        const escape = e.key === 'Escape';
        if (!escape && (isTyping(e.target) || isControl(e.target) || driveKeysOff(e.target))) return;
        e.preventDefault();
        repeater.stop();
        return;
      }
      if (isTyping(e.target) || driveKeysOff(e.target)) return;
      e.preventDefault(); // no page scrolling while driving
      repeater.press(keyId(e), action);
    };
    // Key releases always count, even if focus moved into a text field while the key was held.
    const onUp = (e: KeyboardEvent) => repeater.release(keyId(e));
    const letGo = () => repeater.releaseAll();
    const onVisibility = () => {
      if (document.hidden) repeater.releaseAll();
    };
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    window.addEventListener('blur', letGo);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
      window.removeEventListener('blur', letGo);
      document.removeEventListener('visibilitychange', onVisibility);
      repeater.releaseAll();
    };
  }, [repeater, enabled]);
}
