import { randomUUID } from 'node:crypto';
import { loadOrCreateSecret } from '../config/secrets';
import { DEMO_ACCOUNTS, DEMO_WALL_NAME, type DemoAccount } from './demo-accounts';
import type { PasswordHasher } from './password-hasher';
import type { SessionStore } from './session.store';
import type { User } from './user.model';
import type { UsersRepository } from './users.repository';
import { wallTokenFromSecret, type WallTokenService } from './wall-token.service';

/** What start-up did, for the lines main.ts prints. */
export interface AuthStartup {
  demo: boolean;
  /** Demo mode: the demo accounts' password; `generated` when it came from $DATA_DIR/secrets, not DEMO_PASSWORD. */
  demoPassword?: { value: string; generated: boolean };
  demoUsers?: string[];
  /** Demo mode: the wall token to print in the wall URL; undefined when an admin revoked it. */
  wallToken?: string;
  /** DEMO=0, first start: the admin account made, with its password when generated. */
  initialAdmin?: { username: string; password?: string };
  /** DEMO=0: demo accounts left from a demo run, disabled now. */
  disabledDemoUsers: string[];
}

export interface BootstrapOptions {
  demo: boolean;
  dataDir: string;
  demoPassword?: string;
  adminPassword?: string;
}

/**
 * Demo mode: the six demo accounts exist with the demo password (created, or reset if it changed) and a
 * wall token derived from a kept secret exists, so the printed wall URL stays the same across restarts.
 * DEMO=0: accounts a demo run left behind are disabled (their password was printed), and an admin exists.
 */
export class AuthBootstrap {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
    private readonly walls: WallTokenService,
  ) {}

  async run(options: BootstrapOptions): Promise<AuthStartup> {
    return options.demo ? this.demo(options) : this.production(options);
  }

  private async demo(options: BootstrapOptions): Promise<AuthStartup> {
    const demoPassword = options.demoPassword
      ? { value: options.demoPassword, generated: false }
      : { value: loadOrCreateSecret(options.dataDir, 'demo-password', 8).key.toString('hex'), generated: true };
    for (const account of DEMO_ACCOUNTS) await this.ensureDemoAccount(account, demoPassword.value);
    const wallToken = wallTokenFromSecret(loadOrCreateSecret(options.dataDir, 'demo-wall-token', 32).key);
    const wall = await this.walls.ensure(wallToken, DEMO_WALL_NAME);
    return {
      demo: true,
      demoPassword,
      demoUsers: DEMO_ACCOUNTS.map((account) => account.username),
      ...(wall === 'revoked' ? {} : { wallToken }),
      disabledDemoUsers: [],
    };
  }

  private async production(options: BootstrapOptions): Promise<AuthStartup> {
    const all = await this.users.list();
    const disabledDemoUsers: string[] = [];
    for (const user of all.filter((candidate) => candidate.demo && !candidate.disabled)) {
      await this.users.save({ ...user, disabled: true, updatedAt: new Date() });
      await this.sessions.endAllFor(user.id);
      disabledDemoUsers.push(user.username);
    }
    if (all.some((user) => user.role === 'admin' && !user.disabled && !user.demo))
      return { demo: false, disabledDemoUsers };
    const password =
      options.adminPassword ?? loadOrCreateSecret(options.dataDir, 'initial-admin-password', 12).key.toString('hex');
    const existing = all.find((user) => user.username === 'admin');
    const now = new Date();
    await this.users.save({
      id: existing?.id ?? randomUUID(),
      username: 'admin',
      displayName: existing?.displayName ?? '系统管理员',
      role: 'admin',
      passwordHash: await this.hasher.hash(password),
      disabled: false,
      demo: false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    return {
      demo: false,
      initialAdmin: { username: 'admin', ...(options.adminPassword ? {} : { password }) },
      disabledDemoUsers,
    };
  }

  private async ensureDemoAccount(account: DemoAccount, password: string): Promise<void> {
    const existing = await this.users.findByUsername(account.username);
    // Someone's real account that happens to have a demo name is left alone.
    if (existing && !existing.demo) return;
    if (existing && !existing.disabled && (await this.hasher.verify(existing.passwordHash, password))) return;
    const now = new Date();
    const user: User = {
      id: existing?.id ?? randomUUID(),
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      ...(account.department ? { department: account.department } : {}),
      ...(account.townCode ? { townCode: account.townCode } : {}),
      passwordHash: await this.hasher.hash(password),
      disabled: false,
      demo: true,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.users.save(user);
    if (existing) await this.sessions.endAllFor(existing.id);
  }
}
