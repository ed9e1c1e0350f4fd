import { describe, expect, it } from 'vitest';
import { hotlineOpenApiPaths } from '../hotline/hotline.openapi';
import { open311OpenApiPaths } from './open311.openapi';

describe('OpenAPI fragments of the hotline and Open311 boundaries', () => {
  it('describes the hotline push with the push schema as it is sent', () => {
    const paths = hotlineOpenApiPaths();
    const body = paths['/api/v1/ingest/hotline'].post.requestBody.content['application/json'].schema as {
      oneOf: Array<{ properties?: Record<string, unknown>; required?: string[] }>;
    };
    expect(body.oneOf[0].properties).toHaveProperty('ticketNo');
    expect(body.oneOf[0].required).toEqual(expect.arrayContaining(['ticketNo', 'acceptedAt', 'categoryCode']));
    expect(Object.keys(paths['/api/v1/ingest/hotline'].post.responses)).toEqual(['200', '400', '401', '415', '503']);
  });

  it('lists the five Open311 resources', () => {
    const paths = open311OpenApiPaths();
    expect(Object.keys(paths)).toEqual([
      '/open311/v2/services.{format}',
      '/open311/v2/services/{service_code}.{format}',
      '/open311/v2/requests.{format}',
      '/open311/v2/requests/{service_request_id}.{format}',
    ]);
    expect(Object.keys(paths['/open311/v2/requests.{format}'])).toEqual(['post', 'get']);
  });
});
