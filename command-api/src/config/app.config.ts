import {
  hotlinePartnerKeysSetting,
  mqttUsersSetting,
  open311ApiKeysSetting,
  topicLevelSetting,
} from '@zhongshu/adapters';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const hexKey32 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a 32-byte key as 64 hex characters');

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
  /** With SIMULATE: simulated staff work the auto-created single orders through their life (simulated-staff.ts). */
  SIMULATE_STAFF: flag.default(true),
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
  /** Demo mode (the default start): demo accounts and a wall token are created; wall reads need no token. */
  DEMO: flag.default(true),
  /** Password of the demo accounts; unset → generated once, kept in $DATA_DIR/secrets and printed at start. */
  DEMO_PASSWORD: z.string().min(8).max(128).optional(),
  /** With DEMO=0: the first admin's password when no admin exists; unset → generated and printed once. */
  ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
  /** HS256 key for access and refresh tokens (64 hex characters); unset → generated into $DATA_DIR/secrets. */
  JWT_SECRET: hexKey32.optional(),
  /** HMAC-SM3 key that seals audit records (64 hex characters); unset → generated into $DATA_DIR/secrets. */
  AUDIT_MAC_KEY: hexKey32.optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(43_200),
  /** Failed logins of one username (within the window, counted from the last failure) that lock it. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Reverse proxies in front of this process that append X-Forwarded-For; 0 = use the socket's address. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Names this API node in the audit log (one hash chain per node); default: the host name. */
  NODE_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  /** Unset: the embedded MQTT broker (aedes) in this process. Set (mqtt://, mqtts://, ws://, wss://): the site's broker. */
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?)$/ }).optional(),
  /** Our account on the site broker (`MQTT_URL`). */
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
  /** Our persistent session on the site broker; stable across restarts, one per process. Default `zhongshu-{CITY}`. */
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .optional(),
  /** `$share/{group}/…` subscriptions so several processes split the load (Mosquitto 2, EMQX). */
  MQTT_SHARED_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  /** Which `zhongshu/{tenant}/devices/…` and `spBv1.0/{group}/…` this process takes; `+` = all. */
  MQTT_TENANT: topicLevelSetting.default('+'),
  MQTT_SPARKPLUG_GROUP: topicLevelSetting.default('+'),
  /** Embedded broker: TCP port (unset: 1884, or a free one when 1884 is taken; 0 = any free port) and address (default: HOST). */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MQTT_HOST: z.string().min(1).optional(),
  /** Embedded broker accounts: `user:password[:publishFilters[:subscribeFilters]]`, comma-separated (docs/adapters.md). */
  MQTT_USERS: mqttUsersSetting,
  /** SM4 key for callers' phone and ID numbers at rest (32 hex characters); unset → generated into $DATA_DIR/secrets. */
  PII_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'a 16-byte SM4 key as 32 hex characters')
    .optional(),
  /** A JSON file with the city's deadline rules and working-day calendar (docs/work-orders.md). */
  WORK_ORDER_POLICY_FILE: z.string().min(1).optional(),
  /** How often the deadline scheduler refreshes warnings and escalates (催办 → 督办 → 领导督办). */
  WORK_ORDER_SCAN_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How long finished orders (evaluated, invalid, merged) stay in hot state; the order log keeps them. */
  WORK_ORDER_RETAIN_FINISHED_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
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
