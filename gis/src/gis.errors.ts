export type GisErrorCode = 'CITY_CONFIG_NOT_FOUND' | 'CITY_CONFIG_INVALID' | 'BOUNDARY_DATA_INVALID' | 'UNKNOWN_TOWN';

/** One error type with a code, so callers (and the API edge) can map failures without parsing messages. */
export class GisError extends Error {
  constructor(
    readonly code: GisErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GisError';
  }
}
