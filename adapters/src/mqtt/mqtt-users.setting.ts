import { z } from 'zod';
import type { MqttUser } from './embedded-mqtt.broker';
import { isValidTopicFilter } from './topic-filter.matcher';

const USERNAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** Long enough that guessing over the network is hopeless; no `:` or `,` (they separate fields). */
const MIN_PASSWORD = 8;

/** What a user may do when its entry names no topic filters: publish device data, subscribe to nothing. */
export const DEFAULT_DEVICE_PUBLISH = ['spBv1.0/#', 'zhongshu/#'] as const;

/**
 * Parses `MQTT_USERS`, the embedded broker's accounts: comma-separated
 * `username:password[:publishFilters[:subscribeFilters]]`, filters separated by `;`. Without
 * filters a user may publish `spBv1.0/#` and `zhongshu/#` and subscribe to nothing; an empty
 * publish field (`user:pw::zhongshu/#`) makes a read-only user. Throws naming the bad entry, never
 * the password.
 *
 * `gw-xiuying:s3cret-pass:spBv1.0/xiuying/#;zhongshu/xiuying/#,monitor:watch-pass::zhongshu/#`
 */
export function parseMqttUsers(value: string): MqttUser[] {
  const users: MqttUser[] = [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const [position, entry] of entries.entries()) {
    const [username = '', password = '', publish, subscribe, ...extra] = entry.split(':');
    const where = `entry ${position + 1}${USERNAME.test(username) ? ` ("${username}")` : ''}`;
    if (!USERNAME.test(username)) {
      throw new Error(`${where}: username must be 1-64 characters of A-Z, a-z, 0-9, "_", "." or "-"`);
    }
    if (password.length < MIN_PASSWORD)
      throw new Error(`${where}: password must be at least ${MIN_PASSWORD} characters`);
    if (extra.length > 0) throw new Error(`${where}: expected username:password[:publish[:subscribe]]`);
    if (users.some((user) => user.username === username)) throw new Error(`${where}: username is listed twice`);
    users.push({
      username,
      password,
      publish: publish === undefined ? [...DEFAULT_DEVICE_PUBLISH] : filters(publish, `${where} publish`),
      subscribe: subscribe === undefined ? [] : filters(subscribe, `${where} subscribe`),
    });
  }
  return users;
}

function filters(list: string, where: string): string[] {
  const parsed = list
    .split(';')
    .map((filter) => filter.trim())
    .filter((filter) => filter.length > 0);
  for (const filter of parsed) {
    if (!isValidTopicFilter(filter)) throw new Error(`${where}: "${filter}" is not a valid MQTT topic filter`);
  }
  return parsed;
}

/** For the app config: `MQTT_USERS: mqttUsersSetting` (fails boot with a clear message). */
export const mqttUsersSetting = z
  .string()
  .default('')
  .transform((value, context): MqttUser[] => {
    try {
      return parseMqttUsers(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
