import { RequestMethod, type Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { ModulesContainer, Reflector } from '@nestjs/core';
import type { Role } from '@zhongshu/ticketing';
import type { RoutePolicy } from './access-decision';
import { EventsIngestGuard } from './events-ingest.guard';
import { ALLOW_WALL, IS_PUBLIC, REQUIRED_ROLES } from './principal';

export interface RouteInfo {
  /** Lower-case, as OpenAPI keys operations. */
  method: string;
  /** OpenAPI form: `/api/v1/users/{id}`. */
  path: string;
  policy: RoutePolicy;
  /** `POST /api/v1/events`: an ingest token or an admin/engineer (EventsIngestGuard). */
  ingest: boolean;
}

/** Path metadata is a string or a list of strings. */
const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : ''));

function joinPath(...parts: string[]): string {
  const joined = `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined.replace(/:(\w+)/g, '{$1}');
}

export function controllersOf(modules: ModulesContainer): Type[] {
  return [...modules.values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
  );
}

/** Every route of the controllers with what its decorators say, read from Nest's own metadata. */
export function routePolicies(controllers: readonly Type[], reflector: Reflector): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const targets = [handler, controller];
      const flag = (key: string) => reflector.getAllAndOverride<boolean | undefined>(key, targets) === true;
      const roles = reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
      const guards = [
        ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[] | undefined) ?? []),
        ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[] | undefined) ?? []),
      ];
      for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
          routes.push({
            method: RequestMethod[method].toLowerCase(),
            path: joinPath(base, sub),
            policy: { isPublic: flag(IS_PUBLIC), allowWall: flag(ALLOW_WALL), ...(roles ? { roles } : {}) },
            ingest: guards.includes(EventsIngestGuard),
          });
        }
      }
    }
  }
  return routes;
}
