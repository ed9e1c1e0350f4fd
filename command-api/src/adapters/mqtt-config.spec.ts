import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app.config';

describe('MQTT configuration', () => {
  it('defaults to the embedded broker (port left to the wiring: 1884) with no accounts, every tenant and group', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ MQTT_USERS: [], MQTT_TENANT: '+', MQTT_SPARKPLUG_GROUP: '+' });
    expect(config.MQTT_URL).toBeUndefined();
    expect(config.MQTT_PORT).toBeUndefined();
  });

  it('reads a site broker, its account, our session and a scope', () => {
    const config = loadConfig({
      MQTT_URL: 'mqtts://broker.example.gov.cn:8883',
      MQTT_USERNAME: 'zhongshu',
      MQTT_PASSWORD: 'secret',
      MQTT_CLIENT_ID: 'zhongshu-xiuying-1',
      MQTT_SHARED_GROUP: 'zhongshu',
      MQTT_TENANT: 'xiuying',
      MQTT_SPARKPLUG_GROUP: 'Pumps',
      MQTT_PORT: '0',
    });
    expect(config).toMatchObject({
      MQTT_URL: 'mqtts://broker.example.gov.cn:8883',
      MQTT_CLIENT_ID: 'zhongshu-xiuying-1',
      MQTT_TENANT: 'xiuying',
      MQTT_PORT: 0,
    });
  });

  it('reads embedded broker accounts with their ACLs', () => {
    expect(loadConfig({ MQTT_USERS: 'gw:gateway-pass:zhongshu/xiuying/#' }).MQTT_USERS).toEqual([
      { username: 'gw', password: 'gateway-pass', publish: ['zhongshu/xiuying/#'], subscribe: [] },
    ]);
  });

  it.each([
    ['MQTT_URL', 'http://broker:1883', 'MQTT_URL'],
    ['MQTT_PORT', '70000', 'MQTT_PORT'],
    ['MQTT_TENANT', 'a/b', 'MQTT_TENANT'],
    ['MQTT_SPARKPLUG_GROUP', '#', 'MQTT_SPARKPLUG_GROUP'],
    ['MQTT_CLIENT_ID', 'has spaces', 'MQTT_CLIENT_ID'],
    ['MQTT_USERS', 'gw:short', 'MQTT_USERS: entry 1 ("gw"): password must be at least 8'],
  ])('stops at start on a bad %s, naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
