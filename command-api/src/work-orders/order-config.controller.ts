import { Controller, Get, Header, HttpCode, Inject, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { jsonBody } from '../auth/json-body';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import type { ConfigEntry } from './order-config.store';
import { putRoutingBody, putRulesBody, type ConfigName } from './order-config.schema';
import { WORK_ORDERS_RUNTIME, type WorkOrdersAccess } from './work-orders.providers';

const shape = <N extends ConfigName>(entry: ConfigEntry<N>) => ({
  version: entry.version,
  ...(entry.updatedAt ? { updatedAt: entry.updatedAt, updatedBy: entry.updatedBy } : {}),
  ...entry.value,
});

/**
 * The routing table (who owns what, 首接负责, 兜底) and the auto-creation rules, read and replaced whole.
 * A PUT carries the version it replaces; a stale one gets 409 VERSION_CONFLICT.
 */
@Controller('api/v1')
export class OrderConfigController {
  constructor(@Inject(WORK_ORDERS_RUNTIME) private readonly workOrders: WorkOrdersAccess) {}

  @Get('routing')
  @Roles('admin', 'dispatcher', 'commander')
  @Header('Cache-Control', 'no-store')
  async routing() {
    return shape(await this.workOrders().config.get('routing'));
  }

  @Put('routing')
  @Roles('admin', 'dispatcher')
  @HttpCode(200)
  async putRouting(@Req() request: Request, @CurrentPrincipal() principal: Principal) {
    const { version, ...document } = jsonBody(request, putRoutingBody);
    return shape(await this.workOrders().config.put('routing', version, document, principal.username));
  }

  @Get('rules')
  @Roles('admin', 'dispatcher', 'commander')
  @Header('Cache-Control', 'no-store')
  async rules() {
    return shape(await this.workOrders().config.get('rules'));
  }

  @Put('rules')
  @Roles('admin', 'dispatcher')
  @HttpCode(200)
  async putRules(@Req() request: Request, @CurrentPrincipal() principal: Principal) {
    const { version, ...document } = jsonBody(request, putRulesBody);
    return shape(await this.workOrders().config.put('rules', version, document, principal.username));
  }
}
