import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { iceServersFor, turnCredential } from './iceServers.ts';

/**
 * What coturn does with a TURN REST credential (`use-auth-secret`): the password must be
 * base64(HMAC-SHA1(static-auth-secret, username)) and the timestamp before the first `:` must
 * not have passed. Written from the draft, independently of iceServers.ts.
 */
function coturnAccepts(secret: string, username: string, password: string, nowMs: number): boolean {
  const expiry = Number(username.slice(0, username.indexOf(':')));
  const expected = createHmac('sha1', secret).update(username).digest('base64');
  return password === expected && expiry * 1000 > nowMs;
}

describe('TURN REST credentials (draft-uberti-behave-turn-rest)', () => {
  it('username is `<expiry unix seconds>:<user id>`, credential base64 HMAC-SHA1 of it', () => {
    // Vector from openssl: printf '1234567890:alice' | openssl dgst -sha1 -hmac north -binary | base64
    const c = turnCredential('north', 'alice', 1000, 1_234_566_890_000);
    expect(c.username).toBe('1234567890:alice');
    expect(c.credential).toBe('VqaISA+2BxkCw1VepQhRdTergGA=');
    expect(c.expiresAtMs).toBe(1_234_567_890_000);
  });

  it('expires: accepted until its expiry, refused after it', () => {
    const secret = 'a-coturn-static-auth-secret';
    const now = Date.UTC(2026, 0, 1, 12);
    const [server] = iceServersFor({ urls: ['turns:turn.example.org:443?transport=tcp'], secret, ttlS: 3600 }, 'device-7', now);
    expect(server).toMatchObject({ urls: ['turns:turn.example.org:443?transport=tcp'] });
    expect(server!.username).toMatch(/^\d{10}:device-7$/);
    expect(coturnAccepts(secret, server!.username!, server!.credential!, now)).toBe(true);
    expect(coturnAccepts(secret, server!.username!, server!.credential!, now + 3599_000)).toBe(true);
    expect(coturnAccepts(secret, server!.username!, server!.credential!, now + 3600_000)).toBe(false);
    // A wrong secret (another deployment) is refused at once.
    expect(coturnAccepts('another-secret-entirely', server!.username!, server!.credential!, now)).toBe(false);
  });

  it('keeps `:` out of the user id and hands out nothing without TURN servers', () => {
    expect(iceServersFor(undefined, 'x', 0)).toEqual([]);
    const [s] = iceServersFor({ urls: ['turn:10.0.0.1:3478'], secret: 's'.repeat(16), ttlS: 60 }, 'w:1', 0);
    expect(s!.username).toBe('60:w_1');
    expect(() => turnCredential('s', 'a:b', 60, 0)).toThrow(/userId/);
  });
});

describe('media configuration', () => {
  it('parses TURN_URLS as a comma list, RTC_PORT and TURN_TTL_S', () => {
    const c = loadConfig({ TURN_URLS: 'turn:turn.example.org:3478 , turns:turn.example.org:443?transport=tcp', TURN_SECRET: 'x'.repeat(32), RTC_PORT: '40000' });
    expect(c.turnUrls).toEqual(['turn:turn.example.org:3478', 'turns:turn.example.org:443?transport=tcp']);
    expect(c.rtcPort).toBe(40000);
    expect(c.turnTtlS).toBe(86400);
    expect(loadConfig({}).turnUrls).toBeUndefined();
  });

  it('names the variable when TURN or the media port is misconfigured', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example.org' })).toThrow(/TURN_SECRET: required when TURN_URLS is set/);
    expect(() => loadConfig({ TURN_URLS: 'https://turn.example.org', TURN_SECRET: 'x'.repeat(32) })).toThrow(ConfigError);
    expect(() => loadConfig({ TURN_URLS: 'https://turn.example.org', TURN_SECRET: 'x'.repeat(32) })).toThrow(/TURN_URLS: each URL must look like/);
    expect(() => loadConfig({ TURN_URLS: 'turn:t', TURN_SECRET: 'short' })).toThrow(/TURN_SECRET: TURN_SECRET must be at least 16/);
    expect(() => loadConfig({ RTC_PORT: '70000' })).toThrow(/RTC_PORT/);
    expect(() => loadConfig({ RTC_PORT: '65535', MEDIA_WORKERS: '2' })).toThrow(/RTC_PORT: RTC_PORT\+MEDIA_WORKERS-1/);
  });
});
