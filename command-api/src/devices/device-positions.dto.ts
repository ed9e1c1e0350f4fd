import { z } from 'zod';

/** `silent`: no status on record and no report for a while; the map shows it dimmed, not as a fault. */
export const MAP_DEVICE_STATUSES = ['online', 'offline', 'fault', 'silent'] as const;
export type MapDeviceStatus = (typeof MAP_DEVICE_STATUSES)[number];

export const MAX_DEVICES = 20_000;

export const devicePositionsQuery = z
  .object({
    /** How far back a device's last report may be to put it on the map. */
    sinceHours: z.coerce.number().int().min(1).max(168).default(24),
    limit: z.coerce.number().int().min(1).max(MAX_DEVICES).default(5000),
  })
  .strict();

export const devicePosition = z.object({
  id: z.string(),
  /** Device type from its latest status (sensor, camera, …), else the category of its latest report. */
  type: z.string(),
  category: z.string(),
  status: z.enum(MAP_DEVICE_STATUSES),
  /** When the current status began (status events only). */
  since: z.string().optional(),
  lastSeen: z.string(),
  townName: z.string().optional(),
  lng: z.number(),
  lat: z.number(),
});
export type DevicePosition = z.infer<typeof devicePosition>;

export const devicePositions = z.object({
  devices: z.array(devicePosition),
  counts: z.record(z.enum(MAP_DEVICE_STATUSES), z.number().int()),
});
export type DevicePositions = z.infer<typeof devicePositions>;
