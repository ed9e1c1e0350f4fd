import { errorsXml, open311NotFound, type Open311ErrorItem } from './open311-errors';
import type { Open311RequestRecord } from './open311-records';
import type { Open311ServiceRecord } from './open311-services';
import { serviceDefinitionXml, xmlList } from './open311-xml';

/** GeoReport v2 formats: the extension of the resource (`services.json`, `requests/123.xml`). */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function isOpen311Format(value: unknown): value is Open311Format {
  return value === 'json' || value === 'xml';
}

/** Any other extension is a resource we do not have. */
export function parseOpen311Format(value: string): Open311Format {
  if (!isOpen311Format(value)) throw open311NotFound(`format "${value}" is not supported; use .json or .xml`);
  return value;
}

/** POST requests' answer. */
export interface Open311Receipt {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

/** One document in both formats; the controller sends the one the URL asked for. */
export interface Open311Document {
  json: unknown;
  xml: string;
}

export const open311ServicesDocument = (services: readonly Open311ServiceRecord[]): Open311Document => ({
  json: services,
  xml: xmlList('services', 'service', services),
});

export const open311ServiceDefinitionDocument = (serviceCode: string): Open311Document => ({
  json: { service_code: serviceCode, attributes: [] },
  xml: serviceDefinitionXml(serviceCode),
});

export const open311RequestsDocument = (
  records: readonly (Open311RequestRecord | Open311Receipt)[],
): Open311Document => ({
  json: records,
  xml: xmlList('service_requests', 'request', records),
});

export const open311ErrorsDocument = (errors: readonly Open311ErrorItem[]): Open311Document => ({
  json: errors,
  xml: errorsXml(errors),
});
