import { xmlList } from './open311-xml';

/** GeoReport v2 error: `[{ code, description }]` / `<errors><error><code/><description/></error></errors>`. */
export interface Open311ErrorItem {
  /** The HTTP status, as the spec's examples do (clients switch on it). */
  code: number;
  description: string;
}

/**
 * A request the Open311 endpoint refuses. Per the spec: 404 for what does not exist, 403 for a
 * missing or wrong `api_key`, 400 for anything else the request got wrong.
 */
export class Open311Error extends Error {
  readonly errors: Open311ErrorItem[];

  constructor(
    readonly status: number,
    descriptions: string | readonly string[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : [...descriptions];
    super(list.join('; '));
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

export const open311BadRequest = (descriptions: string | readonly string[]) => new Open311Error(400, descriptions);
export const open311NotFound = (description: string) => new Open311Error(404, description);
export const open311Forbidden = (description: string) => new Open311Error(403, description);

export function errorsXml(errors: readonly Open311ErrorItem[]): string {
  return xmlList('errors', 'error', errors);
}
