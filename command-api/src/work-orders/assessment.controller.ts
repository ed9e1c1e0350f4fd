import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { describeIssues } from '@zhongshu/stream';
import { Roles } from '../auth/principal';
import { invalidRequest } from '../http/api-error';
import { assessmentQuery } from './work-orders.dto';
import { WORK_ORDERS_RUNTIME, type WorkOrdersAccess } from './work-orders.providers';

/** 考核: the six rates and rankings per unit or street for a period, from the order log. */
@Controller('api/v1/assessment')
export class AssessmentController {
  constructor(@Inject(WORK_ORDERS_RUNTIME) private readonly workOrders: WorkOrdersAccess) {}

  @Get()
  @Roles('commander', 'dispatcher', 'leader')
  @Header('Cache-Control', 'no-store')
  async report(@Query() rawQuery: Record<string, unknown>) {
    const query = assessmentQuery.safeParse(rawQuery);
    if (!query.success) throw invalidRequest(describeIssues(query.error));
    return this.workOrders().assessment.report(query.data);
  }
}
