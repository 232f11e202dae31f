import { describe, expect, it } from 'vitest';
import { videoStatus } from './videoStatus.ts';

/** A stand-in MediaStream with `video` video tracks and one audio track. */
const stream = (video: number) => ({ getVideoTracks: () => Array.from({ length: video }, () => ({ kind: 'video' })) }) as unknown as MediaStream;

describe('call video status', () => {
  it('says "connecting" until the worker video has a video track, then nothing', () => {
    expect(videoStatus({ videoReconnecting: false, remoteStream: null })).toBe('connecting');
    expect(videoStatus({ videoReconnecting: false, remoteStream: stream(0) })).toBe('connecting');
    expect(videoStatus({ videoReconnecting: false, remoteStream: stream(1) })).toBeNull();
  });

  it('says "reconnecting" while the media is set up again, whatever stream is left', () => {
    expect(videoStatus({ videoReconnecting: true, remoteStream: null })).toBe('reconnecting');
    expect(videoStatus({ videoReconnecting: true, remoteStream: stream(0) })).toBe('reconnecting');
    expect(videoStatus({ videoReconnecting: true, remoteStream: stream(1) })).toBe('reconnecting');
  });
});
