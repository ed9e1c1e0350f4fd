import { describe, expect, it } from 'vitest';
import { OpcUaConfigError, itemKey, parseOpcUaConfig } from './opcua-config.schema';

const endpoint = (overrides: Record<string, unknown> = {}) => ({
  name: 'changliu-ps',
  url: 'opc.tcp://10.20.1.15:4840',
  deviceId: '460105-PS-CL01',
  deviceType: 'plc',
  items: [
    { nodeId: 'ns=1;s=PumpingStation.Pressure', metric: 'Pressure', samplingIntervalMs: 500 },
    { browsePath: '/Objects/PumpingStation/Flow', metric: 'Flow', samplingIntervalMs: 1000 },
  ],
  ...overrides,
});

describe('parseOpcUaConfig', () => {
  it('applies defaults: no security, a 10 000 value buffer, reconnect backoff', () => {
    const config = parseOpcUaConfig({ endpoints: [endpoint()] });
    expect(config.endpoints[0]).toMatchObject({ securityMode: 'None', securityPolicy: 'None' });
    expect(config.endpoints[0]?.items[0]?.queueSize).toBe(10);
    expect(config.acceptUnknownServerCertificates).toBe(false);
    expect(config.reconnect).toEqual({ initialDelayMs: 500, maxDelayMs: 10_000 });
    expect(config.buffer).toMatchObject({ capacity: 10_000, flushIntervalMs: 100, maxBatch: 500 });
  });

  it('accepts signed and encrypted endpoints with credentials, node ids in every standard form', () => {
    const config = parseOpcUaConfig({
      endpoints: [
        endpoint({
          securityMode: 'SignAndEncrypt',
          securityPolicy: 'Basic256Sha256',
          username: 'zhongshu',
          password: 's3cret',
          items: [
            { nodeId: 'i=2258', metric: 'serverTime', samplingIntervalMs: 1000 },
            { nodeId: 'nsu=urn:acme:plc;s=Pump.Flow', metric: 'flow', samplingIntervalMs: 0 },
            { nodeId: 'ns=3;g=09087e75-8e5e-499b-954f-f2a9603db28a', metric: 'guid', samplingIntervalMs: 100 },
            { nodeId: 'ns=3;b=M/RbKBsRVkePCePcx24oRA==', metric: 'opaque', samplingIntervalMs: 100 },
            { browsePath: '/Objects/3:Plant/3:Pump 1', metric: 'pump1', samplingIntervalMs: 100 },
          ],
        }),
      ],
    });
    expect(config.endpoints[0]?.items.map(itemKey)).toContain('/Objects/3:Plant/3:Pump 1');
  });

  it.each([
    [{ url: 'http://plc:4840' }, /endpoints\.0\.url: an opc\.tcp:\/\/ URL/],
    [{ name: '长流泵站' }, /endpoints\.0\.name: letters, digits/],
    [{ deviceType: 'pump' }, /endpoints\.0\.deviceType/],
    [{ securityMode: 'Sign' }, /securityPolicy: securityMode Sign needs a securityPolicy other than None/],
    [{ securityPolicy: 'Basic256Sha256' }, /securityPolicy: securityMode None needs securityPolicy None/],
    [{ securityMode: 'Encrypt' }, /endpoints\.0\.securityMode/],
    [{ username: 'operator' }, /password: username and password go together/],
    [{ items: [] }, /endpoints\.0\.items/],
    [{ color: 'red' }, /Unrecognized key/],
  ])('rejects a bad endpoint %j', (overrides, message) => {
    expect(() => parseOpcUaConfig({ endpoints: [endpoint(overrides)] })).toThrow(message);
  });

  it.each([
    [{ metric: 'Pressure', samplingIntervalMs: 100 }, /items\.0: give exactly one of nodeId or browsePath/],
    [
      { nodeId: 'ns=1;i=5', browsePath: '/Objects/X', metric: 'x', samplingIntervalMs: 100 },
      /give exactly one of nodeId or browsePath/,
    ],
    [{ nodeId: 'Pressure', metric: 'x', samplingIntervalMs: 100 }, /items\.0\.nodeId: a node id/],
    [{ browsePath: 'Objects/Pump', metric: 'x', samplingIntervalMs: 100 }, /items\.0\.browsePath: a browse path/],
    [{ browsePath: '/Objects//Pump', metric: 'x', samplingIntervalMs: 100 }, /items\.0\.browsePath/],
    [{ nodeId: 'ns=1;i=5', metric: 'x', samplingIntervalMs: -1 }, /items\.0\.samplingIntervalMs/],
    [{ nodeId: 'ns=1;i=5', metric: '', samplingIntervalMs: 10 }, /items\.0\.metric/],
  ])('rejects a bad item %j', (item, message) => {
    expect(() => parseOpcUaConfig({ endpoints: [endpoint({ items: [item] })] })).toThrow(message);
  });

  it('rejects repeated metrics, nodes and endpoint names, naming each', () => {
    const items = [
      { nodeId: 'ns=1;i=5', metric: 'Pressure', samplingIntervalMs: 100 },
      { nodeId: 'ns=1;i=5', metric: 'Pressure', samplingIntervalMs: 100 },
    ];
    expect(() => parseOpcUaConfig({ endpoints: [endpoint({ items })] })).toThrow(
      /items\.1\.metric: metric names must be unique; endpoints\.0\.items\.1: this node is already monitored/,
    );
    expect(() => parseOpcUaConfig({ endpoints: [endpoint(), endpoint()] })).toThrow(
      /endpoints\.1\.name: endpoint names must be unique/,
    );
  });

  it('throws an OpcUaConfigError that carries the issues', () => {
    try {
      parseOpcUaConfig({ endpoints: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OpcUaConfigError);
      expect((error as OpcUaConfigError).issues).toMatch(/^endpoints: /);
    }
  });
});
