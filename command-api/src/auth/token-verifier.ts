import { authErrors } from './auth.errors';
import type { Principal } from './principal';
import type { SessionStore } from './session.store';
import type { TokenService } from './token.service';
import { isWallToken, type WallTokenService } from './wall-token.service';

/**
 * The one place a presented token becomes a Principal: the global guard uses it for HTTP, the live
 * gateway for Socket.IO (`subscribe {token}` or the handshake's `auth.token`). Nest provider: inject
 * `TokenVerifier` with `@Inject(TokenVerifier)`.
 */
export class TokenVerifier {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly walls: WallTokenService,
    /** Demo mode: wall reads need no token. */
    readonly demo: boolean,
  ) {}

  /** A user's access token (live session) or a wall token; anything else throws 401 INVALID_TOKEN. */
  async verifyToken(token: string): Promise<Principal> {
    if (isWallToken(token)) {
      const wall = await this.walls.verify(token);
      if (!wall) throw authErrors.invalidToken();
      return wall;
    }
    const claims = await this.tokens.verifyAccess(token);
    if (!(await this.sessions.isActive(claims))) throw authErrors.invalidToken();
    return {
      kind: 'user',
      userId: claims.userId,
      username: claims.username,
      displayName: claims.displayName,
      role: claims.role,
      ...(claims.department ? { department: claims.department } : {}),
      ...(claims.townCode ? { townCode: claims.townCode } : {}),
    };
  }

  /**
   * For wall-readable things outside HTTP routes (the live channels): no token is fine in demo mode
   * (undefined: an anonymous wall), required otherwise (401 UNAUTHENTICATED); a token given is checked.
   */
  async authorizeWallRead(token: string | undefined): Promise<Principal | undefined> {
    if (!token) {
      if (this.demo) return undefined;
      throw authErrors.unauthenticated();
    }
    return this.verifyToken(token);
  }
}
