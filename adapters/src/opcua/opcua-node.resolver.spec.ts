import { describe, expect, it } from 'vitest';
import { parseBrowsePath } from './opcua-node.resolver';

describe('parseBrowsePath', () => {
  it('splits browse names and keeps explicit namespace indexes', () => {
    expect(parseBrowsePath('/Objects/PumpingStation/Pressure')).toEqual([
      { name: 'Objects' },
      { name: 'PumpingStation' },
      { name: 'Pressure' },
    ]);
    expect(parseBrowsePath('/Objects/2:Plant/2:Pump 1:Speed')).toEqual([
      { name: 'Objects' },
      { namespaceIndex: 2, name: 'Plant' },
      { namespaceIndex: 2, name: 'Pump 1:Speed' },
    ]);
  });
});
