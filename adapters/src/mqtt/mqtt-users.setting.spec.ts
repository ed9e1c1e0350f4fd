import { describe, expect, it } from 'vitest';
import { mqttUsersSetting, parseMqttUsers } from './mqtt-users.setting';

describe('parseMqttUsers (MQTT_USERS)', () => {
  it('reads accounts with their publish and subscribe filters', () => {
    expect(
      parseMqttUsers(
        ' gw-xiuying:s3cret-pass:spBv1.0/xiuying/#;zhongshu/xiuying/# , monitor:watch-pass::zhongshu/#;spBv1.0/+/NBIRTH/#',
      ),
    ).toEqual([
      {
        username: 'gw-xiuying',
        password: 's3cret-pass',
        publish: ['spBv1.0/xiuying/#', 'zhongshu/xiuying/#'],
        subscribe: [],
      },
      { username: 'monitor', password: 'watch-pass', publish: [], subscribe: ['zhongshu/#', 'spBv1.0/+/NBIRTH/#'] },
    ]);
  });

  it('lets a user without filters publish device data and subscribe to nothing', () => {
    expect(parseMqttUsers('device-1:long-enough')).toEqual([
      { username: 'device-1', password: 'long-enough', publish: ['spBv1.0/#', 'zhongshu/#'], subscribe: [] },
    ]);
    expect(parseMqttUsers('')).toEqual([]);
  });

  it.each([
    ['gw:short', /entry 1 \("gw"\): password must be at least 8/],
    ['bad name:long-enough', /entry 1: username must be/],
    ['gw:long-enough:zhongshu/#/x', /entry 1 \("gw"\) publish: "zhongshu\/#\/x" is not a valid MQTT topic filter/],
    ['gw:long-enough::sp+x/#', /subscribe: "sp\+x\/#" is not a valid/],
    ['gw:long-enough:a:b:c', /expected username:password\[:publish\[:subscribe\]\]/],
    ['gw:long-enough,gw:other-pass', /entry 2 \("gw"\): username is listed twice/],
  ])('refuses %s with a reason that never shows the password', (value, message) => {
    expect(() => parseMqttUsers(value)).toThrow(message);
    try {
      parseMqttUsers(value);
    } catch (error) {
      expect((error as Error).message).not.toContain('long-enough');
      expect((error as Error).message).not.toContain('other-pass');
    }
  });

  it('fails the config parse with the entry named', () => {
    const parsed = mqttUsersSetting.safeParse('gw:short');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/password must be at least 8 characters/);
  });
});
