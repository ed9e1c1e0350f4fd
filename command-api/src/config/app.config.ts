import { hotlinePartnerKeysSetting, open311ApiKeysSetting } from '@zhongshu/adapters';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** The one place this process reads its environment; parsed at boot, fails fast with a clear message. */
export const appConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  CITY: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('haikou-xiuying'),
  SIMULATE: flag.default(true),
  SIMULATOR_SEED: z.coerce.number().int().min(0).max(4_294_967_295).default(20261121),
  SIMULATOR_RATE: z.coerce.number().positive().max(1_000_000).default(240),
  SIMULATOR_SCENARIO: z.enum(['normal', 'typhoon']).default('normal'),
  /** Unset: hot state in this process. Set (redis://…): hot state in Redis, shared by API nodes. */
  REDIS_URL: z.url().optional(),
  /** Keys are namespaced so one Redis can serve several districts (or test runs) side by side. */
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default('zs:'),
  /** Comma list of bearer tokens for POST /api/v1/ingest/*; unset = open (demo). */
  INGEST_TOKENS: z.string().optional(),
  /** ws:// or wss:// alarm stream of a security platform; unset = no client (the demo runs its own). */
  SAFETY_ALARM_STREAM_URL: z.url({ protocol: /^wss?$/ }).optional(),
  SAFETY_ALARM_STREAM_TOKEN: z.string().min(1).optional(),
  /** A JSON file with OPC UA endpoints to subscribe to (adapters/src/opcua/README.md). */
  OPCUA_CONFIG: z.string().optional(),
  /** 12345 platforms allowed to push: `partnerA:hexkey,partnerB:hexkey` (keys ≥ 16 bytes); empty → none. */
  HOTLINE_PARTNER_KEYS: hotlinePartnerKeysSetting,
  /** How far a push's X-Zs-Timestamp may be from our clock, either way. */
  HOTLINE_SIGNATURE_WINDOW_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /** Open311 api_key values allowed to POST requests, comma-separated; empty → nobody can file. */
  OPEN311_API_KEYS: open311ApiKeysSetting,
  PIPELINE_CAPACITY: z.coerce.number().int().min(1000).default(100_000),
  PIPELINE_LINGER_MS: z.coerce.number().int().min(0).max(5000).default(50),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = appConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
