import { Controller, Delete, Get, Header, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { jsonBody } from './json-body';
import { CurrentPrincipal, Roles, type Principal } from './principal';
import { createWallTokenInput, WallTokenService } from './wall-token.service';

@Controller('api/v1/wall-tokens')
@Roles('admin')
export class WallTokensController {
  constructor(@Inject(WallTokenService) private readonly walls: WallTokenService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list() {
    return this.walls.list();
  }

  /** The token is in this answer only: keep it in the wall's URL (`/wall?token=…`). */
  @Post()
  @Header('Cache-Control', 'no-store')
  async create(@Req() request: Request, @CurrentPrincipal() principal: Principal) {
    const input = jsonBody(request, createWallTokenInput);
    return this.walls.create(input.name, principal.username);
  }

  @Delete(':id')
  async revoke(@Param('id') id: string) {
    return this.walls.revoke(id);
  }
}
