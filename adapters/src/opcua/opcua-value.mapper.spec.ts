import { describe, expect, it } from 'vitest';
import { describeDataValue, mapDataValue, qualityOf, type DataValueLike, type MappedValue } from './opcua-value.mapper';

const reasonOf = (mapped: MappedValue): string => (mapped.ok ? `mapped to ${String(mapped.value)}` : mapped.reason);
const GOOD = { value: 0, name: 'Good' };
const at = new Date('2026-11-21T08:00:00.123Z');
const dv = (dataType: number, value: unknown, extra: Partial<DataValueLike> = {}): DataValueLike => ({
  value: { dataType, arrayType: 0, value },
  statusCode: GOOD,
  sourceTimestamp: at,
  serverTimestamp: at,
  ...extra,
});

describe('qualityOf', () => {
  it('reads the severity bits of a status code', () => {
    expect(qualityOf({ value: 0 })).toBe('good');
    expect(qualityOf({ value: 0x00a80000 })).toBe('good'); // GoodOverload-ish sub-codes stay good
    expect(qualityOf({ value: 0x40920000 })).toBe('uncertain'); // UncertainLastUsableValue
    expect(qualityOf({ value: 0x808b0000 })).toBe('bad'); // BadSensorFailure
    expect(qualityOf({ value: 0xc0000000 })).toBe('bad');
  });
});

describe('mapDataValue', () => {
  it.each([
    [1, true, true],
    [2, -5, -5], // SByte
    [3, 200, 200], // Byte
    [6, -123456, -123456], // Int32
    [7, 4000000000, 4000000000], // UInt32
    [10, 1.5, 1.5], // Float
    [11, 3.2, 3.2], // Double
    [12, '运行', '运行'], // String
    [13, at, '2026-11-21T08:00:00.123Z'], // DateTime
    [21, { text: '手动', locale: 'zh-CN' }, '手动'], // LocalizedText
  ])('maps built-in type %i', (dataType, value, expected) => {
    expect(mapDataValue(dv(dataType, value))).toEqual({ ok: true, value: expected, quality: 'good' });
  });

  it('maps 64-bit integers node-opcua carries as [high, low] words when they fit a JSON number', () => {
    expect(mapDataValue(dv(9, [1, 5]))).toMatchObject({ ok: true, value: 2 ** 32 + 5 });
    expect(mapDataValue(dv(8, [0xffffffff, 0xfffffffe]))).toMatchObject({ ok: true, value: -2 });
    expect(reasonOf(mapDataValue(dv(9, [0xffffffff, 0xffffffff])))).toMatch(/UInt64 .* beyond ±2\^53/);
  });

  it('keeps the quality of a value that came with an uncertain or bad status', () => {
    const uncertain = { value: 0x40920000, name: 'UncertainLastUsableValue' };
    expect(mapDataValue(dv(11, 0.4, { statusCode: uncertain }))).toEqual({
      ok: true,
      value: 0.4,
      quality: 'uncertain',
    });
  });

  it.each([
    [
      { ...dv(11, [1, 2, 3]), value: { dataType: 11, arrayType: 1, value: Float64Array.of(1, 2, 3) } },
      /non-scalar value: Array of Double\[3\]/,
    ],
    [
      { ...dv(0, null), statusCode: { value: 0x80340000, name: 'BadNodeIdUnknown' } },
      /no value \(status BadNodeIdUnknown\)/,
    ],
    [dv(11, Number.NaN), /Double NaN is not finite/],
    [dv(12, 'x'.repeat(300)), /String of 300 characters exceeds 256/],
    [dv(15, Buffer.from('abc')), /unsupported data type ByteString/],
    [dv(22, { body: {} }), /unsupported data type ExtensionObject/],
  ])('refuses what is not one metric: %#', (dataValue, reason) => {
    expect(reasonOf(mapDataValue(dataValue))).toMatch(reason);
  });
});

describe('describeDataValue', () => {
  it('gives a JSON-safe picture, long arrays cut short', () => {
    const big = { ...dv(11, null), value: { dataType: 11, arrayType: 1, value: new Float64Array(5000).fill(1.25) } };
    const described = describeDataValue(big);
    expect(described).toMatchObject({ dataType: 'Double', arrayType: 'Array', statusCode: 'Good' });
    expect(String(described.value).length).toBeLessThanOrEqual(2_001);
    expect(JSON.parse(JSON.stringify(describeDataValue(dv(9, [1, 5]))))).toMatchObject({ value: [1, 5] });
  });
});
