import type { Open311ApiKeys } from '@zhongshu/adapters';

/** Provided by the app module from the config (`OPEN311_API_KEYS`). */
export const OPEN311_OPTIONS = Symbol('OPEN311_OPTIONS');

export interface Open311Options {
  /** Keys that may POST requests; empty → nobody can file through Open311 (reads stay open). */
  apiKeys: Open311ApiKeys;
}
