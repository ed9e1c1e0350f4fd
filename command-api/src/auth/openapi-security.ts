import { ROLES } from '@zhongshu/ticketing';
import { authOpenApiPaths } from './auth.openapi';
import type { RouteInfo } from './route-policies';

const bearer = [{ bearerAuth: [] }];
type Operation = { security?: unknown; 'x-zhongshu-roles'?: readonly string[] };
type Paths = Record<string, Record<string, Operation>>;

const WALL_READ = [{ bearerAuth: [] }, { wallToken: [] }, {}];
const INGEST = [{}, { ingestToken: [] }, { bearerAuth: [] }];

/** An operation's security, from what its route's decorators say. */
function securityOf(route: RouteInfo | undefined): unknown[] {
  if (!route) return bearer;
  if (route.ingest) return INGEST;
  if (route.policy.isPublic) return [];
  if (route.policy.allowWall && route.method === 'get') return WALL_READ;
  return bearer;
}

/**
 * Adds the auth routes and the security schemes to the document, and states each operation's security as
 * the running routes have it (`routes`, read from the controllers' decorators, so the document cannot drift
 * from the guard): public routes need nothing, wall-readable GETs take a user or wall token (or nothing in
 * demo mode), `POST /api/v1/events` an ingest token or a user, the rest a bearer access token; role-restricted
 * operations list their roles in `x-zhongshu-roles`.
 */
export function withAuth(
  document: { paths: object; components?: object },
  routes: readonly RouteInfo[],
): Record<string, unknown> {
  // Copies, so building the document twice never sees operations marked by an earlier call.
  const paths = structuredClone({ ...document.paths, ...authOpenApiPaths() }) as Paths;
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  // A documented path may be one instance of a route template (`/api/v1/ingest/urban` of `…/{source}`).
  const templates = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
  }));
  const find = (method: string, path: string) =>
    byKey.get(`${method} ${path}`) ??
    templates.find(({ route, pattern }) => route.method === method && pattern.test(path))?.route;
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const route = find(method, path);
      operation.security ??= securityOf(route);
      if (route?.policy.roles?.length) operation['x-zhongshu-roles'] = route.policy.roles;
    }
  }
  return {
    ...document,
    paths,
    security: bearer,
    components: {
      ...document.components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `Access token from POST /api/v1/auth/login (HS256, 15 min by default). Roles: ${ROLES.join(', ')}.`,
        },
        wallToken: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description:
            "Read-only wall token (zsw_…), for the walls' GET routes; also accepted as a bearer token. In demo mode (DEMO=1) those routes need no token.",
        },
        ingestToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'One of INGEST_TOKENS, for machine pushes; POST /api/v1/events is open in demo mode.',
        },
      },
    },
  };
}
