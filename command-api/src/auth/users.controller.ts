import { Controller, Get, Header, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { jsonBody } from './json-body';
import { CurrentPrincipal, Roles, type Principal } from './principal';
import { createUserInput, updateUserInput } from './user.model';
import { UsersService } from './users.service';

@Controller('api/v1/users')
@Roles('admin')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list() {
    return this.users.list();
  }

  @Post()
  async create(@Req() request: Request) {
    return this.users.create(jsonBody(request, createUserInput));
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Req() request: Request, @CurrentPrincipal() principal: Principal) {
    return this.users.update(id, jsonBody(request, updateUserInput), principal.userId);
  }
}
