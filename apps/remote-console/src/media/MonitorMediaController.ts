import { MediaSession, type MediaSocket } from '@telekiosk/shared/client';
import type { Ack, PeerRole } from '@telekiosk/shared';
import type { MonitorMedia } from '../client/state.ts';
import { TrackRoles } from '../lib/tracks.ts';

/** The supervisor's microphone after barging in (no camera: the supervisor is heard, not seen). */
export const BARGE_IN_CONSTRAINTS: MediaStreamConstraints = { audio: true };

function describe(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

function stopTracks(stream: MediaStream | null) {
  for (const t of stream?.getTracks() ?? []) t.stop();
}

/**
 * A socket wrapper that reads the media signaling as it passes: which producer belongs to
 * which peer (`media:join`, `media:producer-added`) and which consumer receives which producer
 * (`media:consume`), so the monitor can label the visitor's and the worker's camera.
 */
function observingSocket(socket: MediaSocket, roles: TrackRoles): MediaSocket & { detach(): void } {
  const onAdded = (p: { producerId?: string; peerRole?: PeerRole }) => {
    if (p?.producerId && p.peerRole) roles.producer(p.producerId, p.peerRole);
  };
  socket.on('media:producer-added', onAdded);
  return {
    on: (event, fn) => socket.on(event, fn),
    off: (event, fn) => socket.off(event, fn),
    timeout(ms) {
      const inner = socket.timeout(ms);
      return {
        emit(event: string, payload: unknown, cb: (err: Error | null, res: Ack<unknown>) => void) {
          return inner.emit(event, payload, (err, res) => {
            if (!err && res?.ok) {
              const data = res.data as Record<string, unknown>;
              if (event === 'media:join' && Array.isArray(data.producers)) {
                for (const p of data.producers as { producerId: string; peerRole: PeerRole }[]) roles.producer(p.producerId, p.peerRole);
              } else if (event === 'media:consume' && typeof data.consumerId === 'string' && typeof data.producerId === 'string') {
                roles.consumer(data.consumerId, data.producerId);
              }
            }
            cb(err, res);
          });
        },
      };
    },
    detach: () => socket.off('media:producer-added', onAdded),
  };
}

/**
 * Media of a monitored call: a receive-only {@link MediaSession} (the supervisor sees and hears
 * the visitor and the worker), restarted with the microphone after barging in. Every change is
 * reported as a new {@link MonitorMedia} snapshot; `stop()` closes everything.
 */
export class MonitorMediaController {
  private session: MediaSession | null = null;
  private local: MediaStream | null = null;
  private current: MonitorMedia | null = null;
  private detach: (() => void) | null = null;

  constructor(
    private readonly socket: MediaSocket,
    private readonly onChange: (media: MonitorMedia | null) => void,
    private readonly openMic: () => Promise<MediaStream> = () => {
      if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new Error('microphone access is not available on this page (needs HTTPS or localhost)'));
      return navigator.mediaDevices.getUserMedia(BARGE_IN_CONSTRAINTS);
    },
  ) {}

  get sessionId(): string | null {
    return this.current?.sessionId ?? null;
  }

  private patch(media: MediaSession, fn: (m: MonitorMedia) => MonitorMedia) {
    if (this.session !== media || !this.current) return;
    this.current = fn(this.current);
    this.onChange(this.current);
  }

  private problem(media: MediaSession, key: string, message: string | null) {
    this.patch(media, (m) => {
      const problems = { ...m.problems };
      if (message === null) delete problems[key];
      else problems[key] = message;
      return { ...m, problems };
    });
  }

  /**
   * Joins the call's media as a monitor: receive-only, or with the microphone (`mic`, after
   * barging in). Starting again replaces the running media session.
   */
  async start(sessionId: string, opts: { mic: boolean } = { mic: false }): Promise<void> {
    this.closeSession();
    const problems: Record<string, string> = {};
    this.current = { sessionId, localStream: null, remoteStream: null, problems, roles: {} };
    this.onChange(this.current);

    let local: MediaStream | null = null;
    if (opts.mic) {
      try {
        local = await this.openMic();
      } catch (err) {
        problems.microphone = describe(err);
      }
      if (this.current?.sessionId !== sessionId) {
        stopTracks(local);
        return;
      }
    }
    const roles = new TrackRoles();
    const socket = observingSocket(this.socket, roles);
    this.detach = socket.detach;
    const media: MediaSession = new MediaSession(socket, sessionId, {
      remoteStream: (stream) =>
        this.patch(media, (m) => ({
          ...m,
          remoteStream: stream,
          roles: Object.fromEntries(
            stream
              .getTracks()
              .map((t) => [t.id, roles.roleOf(t.id)] as const)
              .filter((e): e is readonly [string, PeerRole] => e[1] !== null),
          ),
        })),
      problem: (key, message) => this.problem(media, key, message),
    });
    this.session = media;
    this.local = local;
    this.current = { ...this.current, localStream: local, problems: { ...problems } };
    this.onChange(this.current);
    try {
      await media.start(local);
    } catch (err) {
      this.problem(media, 'media:start', describe(err));
    }
  }

  private closeSession() {
    this.session?.close();
    this.session = null;
    this.detach?.();
    this.detach = null;
    stopTracks(this.local);
    this.local = null;
  }

  /** Closes the media session and the microphone; idempotent. */
  stop(): void {
    this.closeSession();
    if (this.current) {
      this.current = null;
      this.onChange(null);
    }
  }

  inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null {
    return this.session?.inboundVideoStats() ?? null;
  }
}
