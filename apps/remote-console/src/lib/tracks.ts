import type { PeerRole } from '@telekiosk/shared';

/** The part of a MediaStreamTrack the grouping reads (tests use plain objects). */
export interface TrackLike {
  id: string;
  kind: string;
}

/** One camera of a monitored call: its video track and the audio tracks of the same peer. */
export interface CameraGroup<T extends TrackLike> {
  /** Stable key for React: the video track id. */
  key: string;
  /** `kiosk` (the visitor), `worker`, or null when the peer is not known. */
  role: PeerRole | null;
  video: T;
}

const ORDER: Record<string, number> = { kiosk: 0, worker: 1, monitor: 2 };

/**
 * Splits the combined remote stream of a monitored call into one entry per video track
 * (visitor camera first, then the worker), with each track's peer role when known. `roleOf`
 * maps a track id to the role of the peer that produced it.
 */
export function cameraGroups<T extends TrackLike>(tracks: readonly T[], roleOf: (trackId: string) => PeerRole | null | undefined): CameraGroup<T>[] {
  const videos = tracks.filter((t) => t.kind === 'video').map((video, i) => ({ key: video.id, role: roleOf(video.id) ?? null, video, i }));
  videos.sort((a, b) => (ORDER[a.role ?? ''] ?? 3) - (ORDER[b.role ?? ''] ?? 3) || a.i - b.i);
  return videos.map(({ key, role, video }) => ({ key, role, video }));
}

/** Audio tracks of the stream (each played by its own element: browsers may play only one audio track per element). */
export function audioTracks<T extends TrackLike>(tracks: readonly T[]): T[] {
  return tracks.filter((t) => t.kind === 'audio');
}

/**
 * Learns which peer produced each consumer from the media signaling: producer roles from
 * `media:join` and `media:producer-added`, consumer to producer from `media:consume`.
 * mediasoup-client names a consumer's track after the consumer id, so the track id finds the role.
 */
export class TrackRoles {
  private readonly producerRole = new Map<string, PeerRole>();
  private readonly consumerProducer = new Map<string, string>();

  producer(producerId: string, role: PeerRole): void {
    this.producerRole.set(producerId, role);
  }

  consumer(consumerId: string, producerId: string): void {
    this.consumerProducer.set(consumerId, producerId);
  }

  /** The role of a track (by consumer id, or by producer id should a browser keep that instead). */
  roleOf = (trackId: string): PeerRole | null => {
    const producer = this.consumerProducer.get(trackId) ?? trackId;
    return this.producerRole.get(producer) ?? null;
  };
}
