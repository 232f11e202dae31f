/**
 * Preload of the kiosk window (runs sandboxed, in an isolated world). It exposes
 * exactly one global to the page, `window.kioskBridge`, whose functions forward to
 * fixed IPC channels; raw `ipcRenderer` is never exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { KIOSK_BRIDGE_GLOBAL } from '../common/channels.ts';
import { createKioskBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(
  KIOSK_BRIDGE_GLOBAL,
  createKioskBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
