import { departmentCode, role, type Role } from '@zhongshu/ticketing';
import { z } from 'zod';

/** Lower-case letters, digits, `.`, `_`, `-`; 2–64 characters; compared case-insensitively. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 letters, digits, ".", "_" or "-"');

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export const newPassword = z.string().min(10, 'at least 10 characters').max(128);

const townCode = z.string().regex(/^\d{9}$/, 'a 9-digit town (street) code');

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  department?: string;
  townCode?: string;
  passwordHash: string;
  disabled: boolean;
  /** Created by demo mode with the demo password; disabled when the process starts with DEMO=0. */
  demo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What the API shows of a user: never the password hash. */
export type UserView = Omit<User, 'passwordHash' | 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
};

export function viewOf(user: User): UserView {
  const { passwordHash: _hash, createdAt, updatedAt, ...rest } = user;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export const createUserInput = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(64),
    role,
    department: departmentCode.optional(),
    townCode: townCode.optional(),
    password: newPassword,
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserInput>;

/** `null` clears a department or town. */
export const updateUserInput = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: role.optional(),
    department: departmentCode.nullable().optional(),
    townCode: townCode.nullable().optional(),
    password: newPassword.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const loginInput = z.object({ username: z.string().max(128), password: z.string().max(1024) }).strict();
export const refreshInput = z.object({ refreshToken: z.string().min(1).max(4096) }).strict();
export const logoutInput = z.object({ refreshToken: z.string().min(1).max(4096).optional() }).strict();
