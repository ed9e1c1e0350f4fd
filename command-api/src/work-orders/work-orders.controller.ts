import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { describeIssues } from '@zhongshu/stream';
import { workOrderCommand } from '@zhongshu/ticketing';
import type { Request } from 'express';
import { jsonBody } from '../auth/json-body';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { ApiError, invalidRequest } from '../http/api-error';
import { viewerOf } from './order-view';
import { WORK_ORDERS_RUNTIME, type WorkOrdersAccess } from './work-orders.providers';
import { actionParam, createOrderBody, listOrdersQuery } from './work-orders.dto';

const ORDER_ID = /^[\w.-]{1,64}$/;

function orderId(id: string): string {
  if (!ORDER_ID.test(id)) throw invalidRequest('a work-order id is 1–64 letters, digits, dots, dashes or underscores');
  return id;
}

/** Thin HTTP edge over WorkOrderService: parse, call, answer. Every role doing casework may call it. */
@Controller('api/v1/work-orders')
@Roles('commander', 'dispatcher', 'liaison', 'leader', 'engineer')
export class WorkOrdersController {
  constructor(@Inject(WORK_ORDERS_RUNTIME) private readonly workOrders: WorkOrdersAccess) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(@Query() rawQuery: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const query = listOrdersQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.workOrders().service.list(query.data, viewerOf(principal));
  }

  @Post()
  @HttpCode(201)
  async create(@Req() request: Request, @CurrentPrincipal() principal: Principal) {
    return this.workOrders().service.create(jsonBody(request, createOrderBody), viewerOf(principal));
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.workOrders().service.get(orderId(id), viewerOf(principal));
  }

  @Get(':id/duplicates')
  @Header('Cache-Control', 'no-store')
  async duplicates(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.workOrders().service.duplicates(orderId(id), viewerOf(principal));
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  async act(
    @Param('id') id: string,
    @Param('action') rawAction: string,
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
  ) {
    const action = actionParam.safeParse(rawAction);
    if (!action.success) {
      throw new ApiError(404, 'UNKNOWN_ACTION', `no work-order action ${rawAction}`, `不支持的工单操作：${rawAction}`, {
        actions: actionParam.options,
      });
    }
    const text = typeof request.body === 'string' ? request.body.trim() : '';
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw invalidRequest('the body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidRequest('the body must be a JSON object carrying the version you saw');
    }
    const command = workOrderCommand.safeParse({ ...body, action: action.data });
    if (!command.success) {
      const issues = describeIssues(command.error);
      throw new ApiError(400, 'INVALID_COMMAND', `invalid command: ${issues}`, `请求内容不合法：${issues}`, { issues });
    }
    return this.workOrders().service.act(
      orderId(id),
      action.data,
      { ...body, action: action.data },
      viewerOf(principal),
    );
  }
}
