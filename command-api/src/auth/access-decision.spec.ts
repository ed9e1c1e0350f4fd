import { ROLES, type Role } from '@zhongshu/ticketing';
import { describe, expect, it } from 'vitest';
import { decideAccess, type RoutePolicy } from './access-decision';
import type { Principal } from './principal';

const user = (role: Role): Principal => ({
  kind: 'user',
  userId: `u-${role}`,
  username: role,
  displayName: role,
  role,
});
const wall: Principal = {
  kind: 'wall',
  userId: 'wall:1',
  username: 'wall:lobby',
  displayName: 'lobby',
  role: 'commander',
};

const POLICIES: Record<string, RoutePolicy> = {
  public: { isPublic: true, allowWall: false },
  wallRead: { isPublic: false, allowWall: true },
  signedIn: { isPublic: false, allowWall: false },
  adminOnly: { isPublic: false, allowWall: false, roles: ['admin'] },
  opsOnly: { isPublic: false, allowWall: false, roles: ['admin', 'engineer'] },
};

type Caller = 'anonymous' | 'wall' | Role;
const callers: Caller[] = ['anonymous', 'wall', ...ROLES];
const principalOf = (caller: Caller) => (caller === 'anonymous' ? undefined : caller === 'wall' ? wall : user(caller));

/** The expected outcome, written out as a person would state the rules. */
function expected(policyName: string, method: string, caller: Caller, demo: boolean): string {
  const policy = POLICIES[policyName];
  const read = method === 'GET';
  if (policy.isPublic) return 'allow';
  if (caller === 'anonymous') return policy.allowWall && read && demo ? 'allow' : 'UNAUTHENTICATED';
  if (caller === 'wall') return policy.allowWall && read ? 'allow' : 'WALL_READ_ONLY';
  if (policy.roles && !policy.roles.includes(caller)) return 'FORBIDDEN_ROLE';
  return 'allow';
}

describe('decideAccess: every caller × route policy × method × demo mode', () => {
  const cases = Object.keys(POLICIES).flatMap((policy) =>
    ['GET', 'POST', 'DELETE'].flatMap((method) =>
      callers.flatMap((caller) => [true, false].map((demo) => ({ policy, method, caller, demo }))),
    ),
  );

  it.each(cases)('$caller $method on a $policy route (demo $demo)', ({ policy, method, caller, demo }) => {
    const denial = decideAccess({ method, policy: POLICIES[policy], demo, principal: principalOf(caller) });
    expect(denial?.code ?? 'allow').toBe(expected(policy, method, caller, demo));
  });

  it('answers 401 for a missing token and 403 for a refusal, each with a Chinese and an English message', () => {
    const missing = decideAccess({ method: 'GET', policy: POLICIES.signedIn, demo: true });
    expect(missing).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(missing?.messageZh).toMatch(/登录/);
    const refused = decideAccess({ method: 'GET', policy: POLICIES.adminOnly, demo: true, principal: user('liaison') });
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN_ROLE' });
    expect(refused?.messageZh).toMatch(/无权/);
    expect(decideAccess({ method: 'POST', policy: POLICIES.wallRead, demo: true, principal: wall })).toMatchObject({
      status: 403,
      code: 'WALL_READ_ONLY',
    });
  });

  it('treats HEAD like GET and lower-case methods like upper-case ones', () => {
    expect(decideAccess({ method: 'HEAD', policy: POLICIES.wallRead, demo: false, principal: wall })).toBeUndefined();
    expect(decideAccess({ method: 'get', policy: POLICIES.wallRead, demo: true })).toBeUndefined();
  });
});
