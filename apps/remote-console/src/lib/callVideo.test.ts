import { describe, expect, it } from 'vitest';
import type { CallMedia } from '../client/state.ts';
import { callVideoStatus, nextVideoSeen } from './callVideo.ts';

const S = 'session-1';
/** A stand-in MediaStream with `video` video tracks. */
const stream = (video: number) => ({ getVideoTracks: () => Array.from({ length: video }, () => ({ kind: 'video' })) }) as unknown as MediaStream;
const media = (remote: MediaStream | null, sessionId = S): CallMedia => ({ sessionId, localStream: null, remoteStream: remote, problems: {} });

describe('call video status', () => {
  it('connecting before the first picture, playing with it', () => {
    let seen: string | null = null;
    seen = nextVideoSeen(seen, media(null), S);
    expect(callVideoStatus(media(null), S, seen)).toBe('connecting');
    seen = nextVideoSeen(seen, media(stream(0)), S); // audio first
    expect(callVideoStatus(media(stream(0)), S, seen)).toBe('connecting');
    seen = nextVideoSeen(seen, media(stream(1)), S);
    expect(callVideoStatus(media(stream(1)), S, seen)).toBe('playing');
  });

  it('reconnecting after a media restart of the same call, until the video is back', () => {
    let seen = nextVideoSeen(null, media(stream(1)), S);
    // restartCallMedia: stop (no media at all), then start (no remote stream yet)
    seen = nextVideoSeen(seen, null, S);
    expect(callVideoStatus(null, S, seen)).toBe('reconnecting');
    seen = nextVideoSeen(seen, media(null), S);
    expect(callVideoStatus(media(null), S, seen)).toBe('reconnecting');
    seen = nextVideoSeen(seen, media(stream(1)), S);
    expect(callVideoStatus(media(stream(1)), S, seen)).toBe('playing');
  });

  it('forgets the picture when the call ends, and does not carry it to another session', () => {
    let seen = nextVideoSeen(null, media(stream(1)), S);
    seen = nextVideoSeen(seen, null, null); // call ended: media stopped, no session in a call
    expect(seen).toBeNull();
    seen = nextVideoSeen(nextVideoSeen(null, media(stream(1)), S), media(null, 'session-2'), 'session-2');
    expect(callVideoStatus(media(null, 'session-2'), 'session-2', seen)).toBe('connecting');
  });
});
