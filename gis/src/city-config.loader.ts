import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { cityConfigSchema, type CityConfig } from './city-config.schema';
import { GisError } from './gis.errors';

/** `src/` under Vitest and `dist/` at run time are both one level below the package root. */
export const CITIES_DIR = path.join(__dirname, '..', 'cities');

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Validates an already-read config; `source` names it in the error so an operator knows which file to fix. */
export function parseCityConfig(raw: unknown, source: string): CityConfig {
  const result = cityConfigSchema.safeParse(raw);
  if (!result.success)
    throw new GisError('CITY_CONFIG_INVALID', `City config ${source} is invalid: ${describe(result.error)}`);
  return result.data;
}

export function loadCityConfig(name: string, dir = CITIES_DIR): CityConfig {
  // The name may come from an environment variable: never let it walk out of the folder.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new GisError(
      'CITY_CONFIG_NOT_FOUND',
      `City config name "${name}" must be lower-case letters, digits and dashes`,
    );
  }
  const file = path.join(dir, `${name}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GisError('CITY_CONFIG_NOT_FOUND', `City config "${name}" not found at ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new GisError('CITY_CONFIG_INVALID', `City config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const config = parseCityConfig(raw, file);
  if (config.id !== name) {
    throw new GisError(
      'CITY_CONFIG_INVALID',
      `City config ${file} is invalid: id: "${config.id}" must match the file name "${name}"`,
    );
  }
  return config;
}
