import { AssessmentController } from './assessment.controller';
import { OrderConfigController } from './order-config.controller';
import { WorkOrdersController } from './work-orders.controller';

export { workOrdersProviders } from './work-orders.providers';

/** Routes of the work-order side, for AppModule. */
export const workOrdersControllers = [WorkOrdersController, OrderConfigController, AssessmentController];
