/**
 * Options of the kiosk BrowserWindow, as a pure function (no `electron` import) so the
 * window's security-relevant settings are unit-tested.
 */
import { secureWebPreferences, type SecureWebPreferences } from './security.ts';

/** Background colour shown before the page paints and while it reloads. */
export const KIOSK_BACKGROUND_COLOR = '#0b0f19';

/** Window title (visible only in windowed development mode). */
export const KIOSK_WINDOW_TITLE = 'Telekiosk';

/** Inputs of {@link kioskWindowOptions}. */
export interface KioskWindowInputs {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** Development: an ordinary window instead of full-screen kiosk mode. */
  windowed: boolean;
  /** Development: allow DevTools. */
  devTools: boolean;
}

/** The subset of Electron's `BrowserWindowConstructorOptions` the kiosk window sets. */
export interface KioskWindowOptions {
  /** Full-screen kiosk mode (no window chrome, cannot be left with the usual shortcuts). */
  kiosk: boolean;
  /** Full screen. */
  fullscreen: boolean;
  /** Size used in windowed development mode. */
  width: number;
  /** Size used in windowed development mode. */
  height: number;
  /** No menu bar (the application menu is also removed in `main.ts`). */
  autoHideMenuBar: true;
  /** See {@link KIOSK_BACKGROUND_COLOR}. */
  backgroundColor: string;
  /** See {@link KIOSK_WINDOW_TITLE}. */
  title: string;
  /** The hardened web preferences. */
  webPreferences: SecureWebPreferences;
}

/** Builds the kiosk window's constructor options: kiosk + full screen, no menu bar, hardened `webPreferences`. */
export function kioskWindowOptions(inputs: KioskWindowInputs): KioskWindowOptions {
  return {
    kiosk: !inputs.windowed,
    fullscreen: !inputs.windowed,
    width: 1280,
    height: 800,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    title: KIOSK_WINDOW_TITLE,
    webPreferences: secureWebPreferences(inputs.preloadPath, { devTools: inputs.devTools }),
  };
}
