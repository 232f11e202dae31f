import type { CallMedia } from '../client/state.ts';

/** What the call's video area says: the visitor's video plays, is being set up, or is being set up again. */
export type CallVideoStatus = 'playing' | 'connecting' | 'reconnecting';

const hasVideo = (call: CallMedia | null) => !!call?.remoteStream && call.remoteStream.getVideoTracks().length > 0;

/**
 * The session whose visitor video has played in the current call, after a call media change:
 * set when a remote video track arrives, kept while that session is still in a call (a media
 * restart stops and starts the media, so the video is briefly gone), forgotten when the call ends.
 *
 * @param seen the value before the change (a session id or null)
 * @param call the new call media snapshot (null while stopped)
 * @param inCall the session of the worker's assignment when it is in a call, else null
 */
export function nextVideoSeen(seen: string | null, call: CallMedia | null, inCall: string | null): string | null {
  if (call && hasVideo(call)) return call.sessionId;
  return seen !== null && seen === inCall ? seen : null;
}

/**
 * The video area's status for the call of `sessionId`: `playing` with a remote video track;
 * otherwise `reconnecting` when the visitor's video already played in this call (media restarted
 * after an SFU worker was lost or a reconnect) and `connecting` before the first picture.
 */
export function callVideoStatus(call: CallMedia | null, sessionId: string, seen: string | null): CallVideoStatus {
  if (call?.sessionId === sessionId && hasVideo(call)) return 'playing';
  return seen === sessionId ? 'reconnecting' : 'connecting';
}
