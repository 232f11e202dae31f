import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Id, Role } from '@telekiosk/shared';

/** Claims of a console token. */
export const TokenClaims = z.object({ sub: Id, role: Role });
export type TokenClaims = z.infer<typeof TokenClaims>;

const ISSUER = 'telekiosk-orchestrator';
const AUDIENCE = 'telekiosk-console';

/** Signs and verifies console tokens (JWT, HS256, via `jose`). */
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * @param secret HMAC secret (>= 32 chars); a random one when absent (tokens then die with the process).
   * @param ttlS token lifetime in seconds.
   */
  constructor(secret: string | undefined, readonly ttlS: number) {
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }
  async sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlS}s`)
      .sign(this.key);
  }
  /** @returns the claims, or null when the token is invalid, expired or malformed. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const parsed = TokenClaims.safeParse(payload);
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
