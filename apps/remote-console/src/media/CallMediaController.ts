import { MediaSession, type MediaSocket } from '@telekiosk/shared/client';
import type { CallMedia } from '../client/state.ts';

/** Camera and microphone the worker sends (the spec of the console). */
export const LOCAL_MEDIA_CONSTRAINTS: MediaStreamConstraints = { video: { width: 640, height: 480 }, audio: true };

function stopTracks(stream: MediaStream | null) {
  for (const t of stream?.getTracks() ?? []) t.stop();
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

/**
 * Runs the media side of one call: opens the local camera and microphone (receive-only with a
 * `camera` problem when that fails), then a {@link MediaSession} with the session's SFU router.
 * Reports every change as a new {@link CallMedia} snapshot; `stop()` closes everything and
 * stops the local tracks.
 */
export class CallMediaController {
  private session: MediaSession | null = null;
  private local: MediaStream | null = null;
  private current: CallMedia | null = null;

  constructor(
    private readonly socket: MediaSocket,
    private readonly onChange: (call: CallMedia | null) => void,
    private readonly openLocal: () => Promise<MediaStream> = () => {
      if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new Error('camera access is not available on this page (needs HTTPS or localhost)'));
      return navigator.mediaDevices.getUserMedia(LOCAL_MEDIA_CONSTRAINTS);
    },
  ) {}

  /** Session id of the running call media, or null. */
  get sessionId(): string | null {
    return this.current?.sessionId ?? null;
  }

  private patch(sessionId: string, fn: (c: CallMedia) => CallMedia) {
    if (!this.current || this.current.sessionId !== sessionId) return;
    this.current = fn(this.current);
    this.onChange(this.current);
  }

  private problem(sessionId: string, key: string, message: string | null) {
    this.patch(sessionId, (c) => {
      const problems = { ...c.problems };
      if (message === null) delete problems[key];
      else problems[key] = message;
      return { ...c, problems };
    });
  }

  /** Starts the media of `sessionId` (no-op when it is already running). */
  async start(sessionId: string): Promise<void> {
    if (this.current?.sessionId === sessionId) return;
    this.stop();
    this.current = { sessionId, localStream: null, remoteStream: null, problems: {} };
    this.onChange(this.current);

    let local: MediaStream | null = null;
    try {
      local = await this.openLocal();
    } catch (err) {
      this.problem(sessionId, 'camera', describe(err));
    }
    if (this.current?.sessionId !== sessionId) {
      stopTracks(local);
      return;
    }
    this.local = local;
    this.patch(sessionId, (c) => ({ ...c, localStream: local }));

    const media = new MediaSession(this.socket, sessionId, {
      remoteStream: (stream) => {
        if (this.session === media) this.patch(sessionId, (c) => ({ ...c, remoteStream: stream }));
      },
      problem: (key, message) => {
        if (this.session === media) this.problem(sessionId, key, message);
      },
    });
    this.session = media;
    try {
      await media.start(local);
    } catch (err) {
      if (this.session === media) this.problem(sessionId, 'media:start', describe(err));
    }
  }

  /** Closes the media session and stops the local tracks; idempotent. */
  stop(): void {
    this.session?.close();
    this.session = null;
    stopTracks(this.local);
    this.local = null;
    if (this.current) {
      this.current = null;
      this.onChange(null);
    }
  }

  /** Inbound video statistics of the running call, or null (diagnostics and end-to-end tests). */
  inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null {
    return this.session?.inboundVideoStats() ?? null;
  }
}
