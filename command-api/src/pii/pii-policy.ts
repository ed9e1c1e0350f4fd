import type { Role } from '@zhongshu/ticketing';

/**
 * Who sees callers' phone and ID numbers in full: the command centre's desk, which calls callers back
 * (回访) and verifies identities. Units, leaders, engineers, administrators and walls see them masked;
 * a unit that must reach a caller does so through the centre. One rule, applied at the edge on every read.
 */
export const ROLES_SEEING_PERSONAL_DATA: readonly Role[] = ['dispatcher', 'commander'];

export function seesPersonalData(role: Role | undefined): boolean {
  return role !== undefined && ROLES_SEEING_PERSONAL_DATA.includes(role);
}
