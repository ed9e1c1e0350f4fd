import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane): about 15 ms per hash on one core, run on
 * libuv's thread pool so sign-ins never block the event loop. Stored as PHC strings
 * (`$argon2id$v=19$m=…`), so raising the cost later still verifies old hashes.
 */
export const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export class PasswordHasher {
  /** A hash of a random password: verifying against it costs what a real check costs. */
  private readonly decoy: Promise<string>;

  constructor(private readonly options = ARGON2_OPTIONS) {
    this.decoy = hash(randomBytes(24).toString('base64'), options);
    this.decoy.catch(() => undefined);
  }

  async hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /** False for a wrong password and for a stored value that is not a readable hash. */
  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }

  /**
   * For an unknown username: spends the same time as a real check and fails, so response times do not
   * tell which usernames exist.
   */
  async verifyNobody(password: string): Promise<false> {
    await this.verify(await this.decoy, password);
    return false;
  }
}
