import { deviceType, describeIssues, location } from '@zhongshu/stream';
import { z } from 'zod';

export const SECURITY_MODES = ['None', 'Sign', 'SignAndEncrypt'] as const;
/** The policies node-opcua speaks; the two `Rsa15`/`Basic256` ones are deprecated by the OPC Foundation. */
export const SECURITY_POLICIES = [
  'None',
  'Basic128Rsa15',
  'Basic256',
  'Basic256Sha256',
  'Aes128_Sha256_RsaOaep',
  'Aes256_Sha256_RsaPss',
] as const;

/** `ns=2;s=Pump.Pressure`, `nsu=urn:acme:plc;i=1001`, `i=2258`, `g=…`, `b=…` (OPC UA Part 6 §5.3.1.10). */
const NODE_ID =
  /^(?:(?:ns=\d{1,5}|nsu=[^;]+);)?(?:i=\d{1,10}|s=.+|g=[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|b=[A-Za-z0-9+/]+=*)$/;
/** `/Objects/PumpingStation/Pressure` or `/Objects/2:PumpingStation/2:Pressure`: `/`-separated browse names. */
const BROWSE_PATH = /^(?:\/(?:\d{1,5}:)?[^/\s][^/]*)+$/;

export const opcUaItemSchema = z
  .object({
    /** Node id in the standard string form; `nsu=` survives a server renumbering its namespaces. */
    nodeId: z.string().regex(NODE_ID, 'a node id such as ns=2;s=Pump.Pressure or nsu=urn:acme;i=1001').optional(),
    /** Browse names from the root, e.g. `/Objects/PumpingStation/Pressure`; `2:Name` pins a namespace index. */
    browsePath: z.string().regex(BROWSE_PATH, 'a browse path such as /Objects/PumpingStation/Pressure').optional(),
    /** Key in the telemetry `metrics` bag. */
    metric: z.string().min(1).max(128),
    /** How often the server samples the value; 0 asks for its fastest rate. */
    samplingIntervalMs: z.number().int().min(0).max(3_600_000),
    /** Values the server keeps between two publishes. */
    queueSize: z.number().int().min(1).max(1000).default(10),
  })
  .strict()
  .refine((item) => (item.nodeId === undefined) !== (item.browsePath === undefined), {
    message: 'give exactly one of nodeId or browsePath',
  });

export const opcUaEndpointSchema = z
  .object({
    /** Stable slug: part of event ids, the CloudEvents source (`/opcua/<name>`) and dead-letter origins. */
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
        'letters, digits, dot, dash or underscore (max 64), e.g. changliu-ps',
      ),
    url: z
      .string()
      .regex(/^opc\.tcp:\/\/[^\s/:]+(?::\d{1,5})?(?:\/\S*)?$/, 'an opc.tcp:// URL, e.g. opc.tcp://10.0.0.5:4840'),
    securityMode: z.enum(SECURITY_MODES).default('None'),
    securityPolicy: z.enum(SECURITY_POLICIES).default('None'),
    username: z.string().min(1).max(256).optional(),
    password: z.string().max(256).optional(),
    deviceId: z.string().min(1).max(128),
    deviceType,
    /** Event category; defaults to the device type. */
    category: z.string().min(1).max(64).optional(),
    /** Where the station is, so its events land on the map and get a town from `gis`. */
    location: location.optional(),
    /** County-level GB/T 2260 code, when no location is given. */
    regionCode: z
      .string()
      .regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code')
      .optional(),
    items: z.array(opcUaItemSchema).min(1).max(5000),
  })
  .strict()
  .superRefine((endpoint, ctx) => {
    if ((endpoint.securityMode === 'None') !== (endpoint.securityPolicy === 'None')) {
      ctx.addIssue({
        code: 'custom',
        path: ['securityPolicy'],
        message: `securityMode ${endpoint.securityMode} needs ${endpoint.securityMode === 'None' ? 'securityPolicy None' : 'a securityPolicy other than None'}`,
      });
    }
    if ((endpoint.username === undefined) !== (endpoint.password === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'username and password go together' });
    }
    duplicates(endpoint.items.map((item) => item.metric)).forEach((index) =>
      ctx.addIssue({ code: 'custom', path: ['items', index, 'metric'], message: 'metric names must be unique' }),
    );
    duplicates(endpoint.items.map((item) => item.nodeId ?? item.browsePath)).forEach((index) =>
      ctx.addIssue({ code: 'custom', path: ['items', index], message: 'this node is already monitored' }),
    );
  });

export const opcUaConfigSchema = z
  .object({
    endpoints: z.array(opcUaEndpointSchema).min(1).max(200),
    /**
     * Folder of the client's own certificate and its trusted/rejected server certificates. Keep it on a
     * volume: with Sign/SignAndEncrypt the server must trust this certificate. Default: node-opcua's.
     */
    pkiFolder: z.string().min(1).optional(),
    /** Trust server certificates nobody put into `<pkiFolder>/trusted` (test benches only). */
    acceptUnknownServerCertificates: z.boolean().default(false),
    reconnect: z
      .object({
        initialDelayMs: z.number().int().min(10).max(60_000).default(500),
        maxDelayMs: z.number().int().min(100).max(300_000).default(10_000),
      })
      .strict()
      .prefault({}),
    buffer: z
      .object({
        /** Values waiting for the pipeline; beyond it only the latest value per node is kept. */
        capacity: z.number().int().min(1).max(1_000_000).default(10_000),
        maxBatch: z.number().int().min(1).max(10_000).default(500),
        flushIntervalMs: z.number().int().min(1).max(10_000).default(100),
        retryBaseDelayMs: z.number().int().min(1).max(60_000).default(200),
        retryMaxDelayMs: z.number().int().min(1).max(300_000).default(5_000),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    duplicates(config.endpoints.map((endpoint) => endpoint.name)).forEach((index) =>
      ctx.addIssue({ code: 'custom', path: ['endpoints', index, 'name'], message: 'endpoint names must be unique' }),
    );
  });

export type OpcUaConfig = z.infer<typeof opcUaConfigSchema>;
export type OpcUaConfigInput = z.input<typeof opcUaConfigSchema>;
export type OpcUaEndpointConfig = z.infer<typeof opcUaEndpointSchema>;
export type OpcUaEndpointConfigInput = z.input<typeof opcUaEndpointSchema>;
export type OpcUaItemConfig = z.infer<typeof opcUaItemSchema>;

export class OpcUaConfigError extends Error {
  constructor(readonly issues: string) {
    super(`invalid OPC UA adapter config: ${issues}`);
    this.name = 'OpcUaConfigError';
  }
}

/** Validates untrusted config (a JSON file, an env variable); the error names every failing path. */
export function parseOpcUaConfig(raw: unknown): OpcUaConfig {
  const result = opcUaConfigSchema.safeParse(raw);
  if (!result.success) throw new OpcUaConfigError(describeIssues(result.error));
  return result.data;
}

/** The key an item is known by in event ids and dead letters: what the operator configured. */
export const itemKey = (item: OpcUaItemConfig): string => item.nodeId ?? item.browsePath ?? item.metric;

/** Indexes of the later occurrences of repeated values. */
function duplicates(values: ReadonlyArray<string | undefined>): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  values.forEach((value, index) => {
    if (value === undefined) return;
    if (seen.has(value)) repeated.push(index);
    seen.add(value);
  });
  return repeated;
}
