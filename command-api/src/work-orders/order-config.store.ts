import type { HotState } from '@zhongshu/stream';
import type { ZodType } from 'zod';
import { ApiError } from '../http/api-error';
import type { OrderConfigRepository, StoredConfig } from './order-config.repository';
import { rulesDocument, routingDocument, type ConfigName, type ConfigValue } from './order-config.schema';

const CONFIG_KEY = 'wo:config';

export interface ConfigEntry<N extends ConfigName> {
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  value: ConfigValue[N];
}

const SCHEMAS: { [N in ConfigName]: ZodType<ConfigValue[N]> } = {
  routing: routingDocument,
  rules: rulesDocument,
};

/**
 * The editable routing table and auto-creation rules. Read from hot state (shared by every API node),
 * falling back to the warehouse and then to the defaults (version 0). A save names the version it
 * replaces: compare-and-set in hot state, then the warehouse row, then the answer, and the hot write is
 * undone if the warehouse refuses, so a saved version is always a durable one.
 */
export class OrderConfigStore {
  constructor(
    private readonly hot: HotState,
    private readonly repository: OrderConfigRepository,
    private readonly defaults: ConfigValue,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get<N extends ConfigName>(name: N): Promise<ConfigEntry<N>> {
    const [cached] = await this.hot.readVersioned(CONFIG_KEY, [name]);
    if (cached)
      return this.entry(name, {
        version: cached.version,
        ...(JSON.parse(cached.value) as Omit<StoredConfig, 'version'>),
      });
    const stored = await this.repository.latest(name);
    if (!stored) return { version: 0, value: this.defaults[name] };
    await this.hot.setIfNewer(CONFIG_KEY, name, { version: stored.version, value: this.hotValue(stored) });
    return this.entry(name, stored);
  }

  async put<N extends ConfigName>(
    name: N,
    expectedVersion: number,
    value: ConfigValue[N],
    updatedBy: string,
  ): Promise<ConfigEntry<N>> {
    const current = await this.get(name);
    if (current.version !== expectedVersion) throw this.conflict(name, expectedVersion, current.version);
    const stored: StoredConfig = {
      version: expectedVersion + 1,
      updatedAt: this.now().toISOString(),
      updatedBy,
      value: JSON.stringify(SCHEMAS[name].parse(value)),
    };
    const swapped = await this.hot.compareAndSet(CONFIG_KEY, name, expectedVersion, {
      version: stored.version,
      value: this.hotValue(stored),
    });
    if (!swapped.ok) throw this.conflict(name, expectedVersion, swapped.currentVersion);
    try {
      await this.repository.append(name, stored);
    } catch (error) {
      await this.hot.deleteVersioned(CONFIG_KEY, name, stored.version).catch(() => undefined);
      throw new ApiError(
        503,
        'CONFIG_NOT_SAVED',
        `the configuration could not be saved: ${String(error)}`,
        '配置保存失败，请稍后重试',
      );
    }
    return this.entry(name, stored);
  }

  private hotValue(stored: StoredConfig): string {
    return JSON.stringify({ updatedAt: stored.updatedAt, updatedBy: stored.updatedBy, value: stored.value });
  }

  private entry<N extends ConfigName>(name: N, stored: StoredConfig): ConfigEntry<N> {
    return {
      version: stored.version,
      updatedAt: stored.updatedAt,
      updatedBy: stored.updatedBy,
      value: SCHEMAS[name].parse(JSON.parse(stored.value)),
    };
  }

  private conflict(name: ConfigName, sent: number, current: number): ApiError {
    return new ApiError(
      409,
      'VERSION_CONFLICT',
      `the ${name} configuration changed since you loaded it (version ${current}); reload and try again`,
      '配置已被他人修改，请刷新后重试',
      { name, sentVersion: sent, currentVersion: current },
    );
  }
}
