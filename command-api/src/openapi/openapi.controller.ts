import { Controller, Get, Inject } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { withAuth } from '../auth/openapi-security';
import { Public } from '../auth/principal';
import { controllersOf, routePolicies } from '../auth/route-policies';
import { buildOpenApiDocument } from './openapi.document';

@Controller('api')
@Public()
export class OpenApiController {
  private document: Record<string, unknown> | undefined;

  constructor(
    @Inject(ModulesContainer) private readonly modules: ModulesContainer,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  /** Built on first use, once every controller is registered: each operation's security comes from its route. */
  @Get('openapi.json')
  openApi() {
    this.document ??= withAuth(buildOpenApiDocument(), routePolicies(controllersOf(this.modules), this.reflector));
    return this.document;
  }
}
