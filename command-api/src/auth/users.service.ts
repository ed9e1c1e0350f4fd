import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../http/api-error';
import { authErrors } from './auth.errors';
import type { PasswordHasher } from './password-hasher';
import type { SessionStore } from './session.store';
import { viewOf, type CreateUserInput, type UpdateUserInput, type User, type UserView } from './user.model';
import type { UsersRepository } from './users.repository';

/**
 * Admin user management, kept small: list, create, change (role, unit, street, password, disabled).
 * A change to anything a token carries, or to the password, ends the user's sessions.
 */
export class UsersService {
  /** Creates run one at a time in this process, so two of the same username cannot both pass the check. */
  private creating: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
    /** The city's street (town) codes; a user's townCode must be one of them. */
    private readonly townCodes: ReadonlySet<string>,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(viewOf);
  }

  async create(input: CreateUserInput, options: { demo?: boolean } = {}): Promise<UserView> {
    this.checkTown(input.townCode);
    const run = this.creating.then(async () => {
      if (await this.users.findByUsername(input.username)) throw authErrors.usernameTaken(input.username);
      const now = new Date();
      const user: User = {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        ...(input.department ? { department: input.department } : {}),
        ...(input.townCode ? { townCode: input.townCode } : {}),
        passwordHash: await this.hasher.hash(input.password),
        disabled: false,
        demo: options.demo ?? false,
        createdAt: now,
        updatedAt: now,
      };
      await this.users.save(user);
      return viewOf(user);
    });
    this.creating = run.catch(() => undefined);
    return run;
  }

  /** `actorId`: who asks; an admin cannot lock themselves out (the last admin would be gone). */
  async update(id: string, input: UpdateUserInput, actorId: string): Promise<UserView> {
    if (id === actorId && (input.disabled === true || (input.role !== undefined && input.role !== 'admin'))) {
      throw authErrors.selfLockout();
    }
    if (input.townCode) this.checkTown(input.townCode);
    const user = await this.users.findById(id);
    if (!user) throw authErrors.userNotFound();
    const next: User = { ...user, updatedAt: new Date() };
    if (input.displayName !== undefined) next.displayName = input.displayName;
    if (input.role !== undefined) next.role = input.role;
    if (input.department !== undefined) assignOptional(next, 'department', input.department);
    if (input.townCode !== undefined) assignOptional(next, 'townCode', input.townCode);
    if (input.disabled !== undefined) next.disabled = input.disabled;
    if (input.password !== undefined) {
      next.passwordHash = await this.hasher.hash(input.password);
      // A password an admin set is no longer the published demo password.
      next.demo = false;
    }
    await this.users.save(next);
    const endsSessions =
      input.password !== undefined ||
      next.disabled !== user.disabled ||
      next.role !== user.role ||
      next.department !== user.department ||
      next.townCode !== user.townCode ||
      next.displayName !== user.displayName;
    if (endsSessions) await this.sessions.endAllFor(id);
    return viewOf(next);
  }

  private checkTown(townCode: string | undefined): void {
    if (townCode && !this.townCodes.has(townCode)) invalidTown(townCode);
  }
}

function assignOptional(user: User, field: 'department' | 'townCode', value: string | null): void {
  if (value === null) delete user[field];
  else user[field] = value;
}

function invalidTown(townCode: string): never {
  throw invalidRequest(`townCode ${townCode} is not a street (town) of this city`);
}
