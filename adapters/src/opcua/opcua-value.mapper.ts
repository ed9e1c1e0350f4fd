/**
 * DataValue → one telemetry reading. Structural types keep this file free of node-opcua at runtime
 * (a node-opcua `DataValue` fits them), so the mapping is tested without loading the stack.
 */

export interface VariantLike {
  /** Built-in type id (OPC UA Part 6 §5.1.2): 1 Boolean … 11 Double, 12 String, 13 DateTime… */
  dataType: number;
  /** 0 Scalar, 1 Array, 2 Matrix. */
  arrayType: number;
  value: unknown;
}

export interface DataValueLike {
  value: VariantLike;
  statusCode: { value: number; name: string };
  sourceTimestamp: Date | null;
  sourcePicoseconds?: number;
  serverTimestamp: Date | null;
}

export type Quality = 'good' | 'uncertain' | 'bad';
export type MetricValue = number | boolean | string;

export type MappedValue = { ok: true; value: MetricValue; quality: Quality } | { ok: false; reason: string };

/** The contract caps string metrics at 256 characters. */
export const MAX_STRING_METRIC = 256;

const DATA_TYPE_NAMES = [
  'Null',
  'Boolean',
  'SByte',
  'Byte',
  'Int16',
  'UInt16',
  'Int32',
  'UInt32',
  'Int64',
  'UInt64',
  'Float',
  'Double',
  'String',
  'DateTime',
  'Guid',
  'ByteString',
  'XmlElement',
  'NodeId',
  'ExpandedNodeId',
  'StatusCode',
  'QualifiedName',
  'LocalizedText',
  'ExtensionObject',
  'DataValue',
  'Variant',
  'DiagnosticInfo',
] as const;
const ARRAY_TYPE_NAMES = ['Scalar', 'Array', 'Matrix'] as const;

const NUMERIC = new Set([2, 3, 4, 5, 6, 7, 10, 11]);
const INT64 = 8;
const UINT64 = 9;

export const dataTypeName = (dataType: number): string => DATA_TYPE_NAMES[dataType] ?? `DataType(${dataType})`;

/** The two severity bits of a StatusCode (Part 4 §7.39): 00 good, 01 uncertain, 10/11 bad. */
export function qualityOf(statusCode: { value: number }): Quality {
  const severity = (statusCode.value >>> 30) & 0b11;
  return severity === 0 ? 'good' : severity === 1 ? 'uncertain' : 'bad';
}

export function mapDataValue(dataValue: DataValueLike): MappedValue {
  const quality = qualityOf(dataValue.statusCode);
  const { dataType, arrayType, value } = dataValue.value;
  const typeName = dataTypeName(dataType);
  if (arrayType !== 0) {
    const shape = Array.isArray(value) || ArrayBuffer.isView(value) ? `[${(value as ArrayLike<unknown>).length}]` : '';
    return unmappable(`non-scalar value: ${ARRAY_TYPE_NAMES[arrayType] ?? 'Array'} of ${typeName}${shape}`);
  }
  if (dataType === 0 || value === null || value === undefined) {
    return unmappable(`no value (status ${dataValue.statusCode.name})`);
  }
  if (dataType === 1 && typeof value === 'boolean') return { ok: true, value, quality };
  if (NUMERIC.has(dataType) && typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value, quality } : unmappable(`${typeName} ${value} is not finite`);
  }
  if (dataType === INT64 || dataType === UINT64) {
    const number = fromInt64(value, dataType === INT64);
    return number === undefined
      ? unmappable(`${typeName} ${JSON.stringify(value)} is beyond ±2^53 (no exact JSON number)`)
      : { ok: true, value: number, quality };
  }
  const text = textOf(dataType, value);
  if (text !== undefined) {
    return text.length <= MAX_STRING_METRIC
      ? { ok: true, value: text, quality }
      : unmappable(`${typeName} of ${text.length} characters exceeds ${MAX_STRING_METRIC}`);
  }
  return unmappable(`unsupported data type ${typeName}`);
}

/** node-opcua carries 64-bit integers as `[high, low]` unsigned 32-bit words. */
function fromInt64(value: unknown, signed: boolean): number | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [high, low] = value as unknown[];
  if (typeof high !== 'number' || typeof low !== 'number') return undefined;
  const raw = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  const big = signed ? BigInt.asIntN(64, raw) : raw;
  const number = Number(big);
  return Number.isSafeInteger(number) && BigInt(number) === big ? number : undefined;
}

function textOf(dataType: number, value: unknown): string | undefined {
  switch (dataType) {
    case 12: // String
    case 14: // Guid
      return typeof value === 'string' ? value : undefined;
    case 13: // DateTime
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
    case 21: {
      // LocalizedText
      const text = (value as { text?: unknown }).text;
      return typeof text === 'string' ? text : undefined;
    }
    default:
      return undefined;
  }
}

const unmappable = (reason: string): MappedValue => ({ ok: false, reason });

/** A JSON-safe picture of a DataValue for a dead letter (large values cut short). */
export function describeDataValue(dataValue: DataValueLike): Record<string, unknown> {
  const { dataType, arrayType, value } = dataValue.value;
  return {
    dataType: dataTypeName(dataType),
    arrayType: ARRAY_TYPE_NAMES[arrayType] ?? arrayType,
    value: preview(value),
    statusCode: dataValue.statusCode.name,
    sourceTimestamp: dataValue.sourceTimestamp?.toISOString() ?? null,
    serverTimestamp: dataValue.serverTimestamp?.toISOString() ?? null,
  };
}

const PREVIEW_CHARS = 2_000;

function preview(value: unknown): unknown {
  let json: string;
  try {
    json =
      JSON.stringify(value, (_key, inner: unknown) => {
        if (typeof inner === 'bigint') return inner.toString();
        if (ArrayBuffer.isView(inner) && !(inner instanceof DataView)) return Array.from(inner as unknown as number[]);
        return inner;
      }) ?? 'null';
  } catch {
    json = JSON.stringify(String(value));
  }
  return json.length <= PREVIEW_CHARS ? (JSON.parse(json) as unknown) : `${json.slice(0, PREVIEW_CHARS)}…`;
}
