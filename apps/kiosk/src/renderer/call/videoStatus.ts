import type { KioskState } from '../client/KioskClient.ts';

/** What the call's video stage says: `reconnecting`, `connecting`, or nothing (`null`) while the worker's video plays. */
export type VideoStatus = 'reconnecting' | 'connecting' | null;

/**
 * The words over the worker's video: "Reconnecting video…" while the client sets the call's
 * media up again (SFU worker lost, a reconnect during the call) until the worker's video is
 * back; "Connecting video…" until the first video track arrives (audio alone is not a picture);
 * nothing once the video plays.
 */
export function videoStatus(state: Pick<KioskState, 'videoReconnecting' | 'remoteStream'>): VideoStatus {
  if (state.videoReconnecting) return 'reconnecting';
  return state.remoteStream && state.remoteStream.getVideoTracks().length > 0 ? null : 'connecting';
}
