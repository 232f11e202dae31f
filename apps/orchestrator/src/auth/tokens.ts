import { createHash, randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Id, Role } from '@telekiosk/shared';

/**
 * Claims of a console access token: the user (`sub`), the role when it was issued (informational:
 * access is checked against the store's current role on every request) and the sign-in session
 * (`sid`, revocable: see `auth/signIn.ts`).
 */
export const TokenClaims = z.object({ sub: Id, role: Role, sid: z.string().min(8).max(64).optional() });
export type TokenClaims = z.infer<typeof TokenClaims>;

const ISSUER = 'telekiosk-orchestrator';
const AUDIENCE = 'telekiosk-console';

/** An HMAC signing key with its key id (`kid` in the JWT header). */
export interface SigningKey {
  kid: string;
  /** Raw secret bytes. */
  secret: Uint8Array;
}

/** Where signing keys are kept (the database: every node of a cluster shares them). */
export interface SigningKeyStore {
  /** Keys not retired, newest first. */
  signingKeys(): Promise<{ kid: string; secret: string; createdAt: Date }[]>;
  /** Adds a key (ignored if the kid exists). */
  addSigningKey(kid: string, secret: string, at: Date): Promise<void>;
  /** Retires a key: tokens signed with it no longer verify. */
  retireSigningKey(kid: string, at: Date): Promise<void>;
}

/**
 * Signs and verifies console tokens (JWT, HS256, via `jose`) with key ids, so keys can rotate:
 * the newest key signs, every key not retired verifies. Keys persist in the database (generated
 * once on first start), or come from `AUTH_SECRET`; a restart keeps users signed in.
 */
export class TokenService {
  private keys: SigningKey[];

  /**
   * @param keys signing keys, newest first (at least one).
   * @param ttlS token lifetime in seconds.
   */
  constructor(keys: SigningKey[] | string | undefined, readonly ttlS: number) {
    if (typeof keys === 'string' || keys === undefined) {
      const secret = keys ? new TextEncoder().encode(keys) : randomBytes(32);
      this.keys = [{ kid: kidOf(secret), secret }];
    } else {
      if (keys.length === 0) throw new Error('TokenService needs at least one signing key');
      this.keys = keys;
    }
  }

  /**
   * The keys of a deployment: from `configuredSecret` (`AUTH_SECRET`) when set, else from the
   * store (a key is generated and stored on first start; concurrent first starts of several
   * nodes settle on the same stored keys).
   */
  static async load(store: SigningKeyStore, configuredSecret: string | undefined, ttlS: number): Promise<TokenService> {
    if (configuredSecret) return new TokenService(configuredSecret, ttlS);
    let rows = await store.signingKeys();
    if (rows.length === 0) {
      const secret = randomBytes(32);
      await store.addSigningKey(kidOf(secret), Buffer.from(secret).toString('base64url'), new Date());
      rows = await store.signingKeys();
    }
    return new TokenService(rows.map((r) => ({ kid: r.kid, secret: new Uint8Array(Buffer.from(r.secret, 'base64url')) })), ttlS);
  }

  /** Id of the key that signs new tokens. */
  get currentKid(): string {
    return this.keys[0]!.kid;
  }

  /** Replaces the key set (after a rotation in the store). */
  setKeys(keys: SigningKey[]): void {
    if (keys.length === 0) throw new Error('TokenService needs at least one signing key');
    this.keys = keys;
  }

  async sign(claims: TokenClaims): Promise<string> {
    const key = this.keys[0]!;
    return new SignJWT({ role: claims.role, ...(claims.sid ? { sid: claims.sid } : {}) })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlS}s`)
      .sign(key.secret);
  }

  /**
   * Signs short-lived data for another audience (e.g. the state of a single sign-on in flight,
   * kept in a cookie so that any node can receive the callback). Never accepted as an access token.
   */
  async signData(data: Record<string, unknown>, audience: string, ttlS: number): Promise<string> {
    if (audience === AUDIENCE) throw new Error('signData cannot sign access tokens');
    const key = this.keys[0]!;
    return new SignJWT(data).setProtectedHeader({ alg: 'HS256', kid: key.kid }).setIssuer(ISSUER).setAudience(audience).setIssuedAt().setExpirationTime(`${ttlS}s`).sign(key.secret);
  }

  /** Verifies data signed by {@link signData} for `audience`; null when invalid or expired. */
  async verifyData(token: string, audience: string): Promise<Record<string, unknown> | null> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const key = this.keys.find((k) => k.kid === kid);
      if (!key) return null;
      const { payload } = await jwtVerify(token, key.secret, { issuer: ISSUER, audience, algorithms: ['HS256'], requiredClaims: ['exp'] });
      return payload as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  /** @returns the claims, or null when the token is invalid, expired, has no expiry, is malformed or its key is unknown or retired. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const key = kid ? this.keys.find((k) => k.kid === kid) : this.keys[0];
      if (!key) return null;
      const { payload } = await jwtVerify(token, key.secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] });
      const parsed = TokenClaims.safeParse(payload);
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}

/** Key id of a secret: the first 12 hex digits of its SHA-256 (never reveals the secret). */
function kidOf(secret: Uint8Array): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}
