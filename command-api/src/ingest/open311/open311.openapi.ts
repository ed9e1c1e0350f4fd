const format = { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'xml'] } };
const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
});
const formats = (description: string) => ({
  description,
  content: { 'application/json': {}, 'text/xml': {} },
});
const errors = {
  '400': formats('Invalid request: `[{ code, description }]` / `<errors>`'),
  '404': formats('Unknown service_code, service_request_id or format'),
};

/**
 * `paths` entries for the OpenAPI document. The resources themselves are GeoReport v2
 * (http://wiki.open311.org/GeoReport_v2); `{format}` is `json` or `xml`.
 */
export function open311OpenApiPaths() {
  return {
    '/open311/v2/services.{format}': {
      get: {
        summary: 'Open311 GeoReport v2: services (our 3-level ticket catalogue, 6-digit codes)',
        parameters: [format, query('jurisdiction_id', 'Ignored: one jurisdiction per deployment')],
        responses: { '200': formats('Service list'), '404': errors['404'] },
      },
    },
    '/open311/v2/services/{service_code}.{format}': {
      get: {
        summary: 'Open311: service definition (no attributes: every service has metadata=false)',
        parameters: [{ name: 'service_code', in: 'path', required: true, schema: { type: 'string' } }, format],
        responses: { '200': formats('Service definition'), '404': errors['404'] },
      },
    },
    '/open311/v2/requests.{format}': {
      post: {
        summary: 'Open311: file a service request (becomes a 12345 hotline ticket)',
        description:
          'application/x-www-form-urlencoded per the spec; `api_key` required (OPEN311_API_KEYS). An `Idempotency-Key` ' +
          'header makes retries return the same service_request_id (answered with `Idempotent-Replayed: true`).',
        parameters: [format, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': {} } },
        responses: {
          '200': formats('`[{ service_request_id, service_notice, account_id }]`'),
          ...errors,
          '403': formats('Missing or invalid api_key'),
          '503': formats('Saturated; retry after Retry-After seconds'),
        },
      },
      get: {
        summary: 'Open311: service requests with their current status, newest first',
        parameters: [
          format,
          query('service_request_id', 'Comma list; overrides every other filter'),
          query('service_code', 'Comma list of 6-digit codes'),
          query('start_date', 'w3 datetime with zone; default 90 days before end_date'),
          query('end_date', 'w3 datetime with zone; default now; at most 90 days after start_date'),
          query('status', 'open, closed or both (comma list)'),
          query('page', '1-based page (extension)'),
          query('page_size', '1–1000, default 1000 (extension)'),
        ],
        responses: { '200': formats('Service requests'), ...errors },
      },
    },
    '/open311/v2/requests/{service_request_id}.{format}': {
      get: {
        summary: 'Open311: one service request with its current status',
        parameters: [{ name: 'service_request_id', in: 'path', required: true, schema: { type: 'string' } }, format],
        responses: { '200': formats('A one-element list, as the spec has it'), '404': errors['404'] },
      },
    },
  };
}
