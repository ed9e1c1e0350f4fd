import type { Provider } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../runtime';
import type { WorkOrders } from './create-work-orders';

/**
 * The runtime's work-order side for controllers. A getter, not the object: the runtime is built before
 * Nest and owns the lifecycle; controllers only reach through it.
 */
export const WORK_ORDERS_RUNTIME = Symbol('WORK_ORDERS_RUNTIME');
export type WorkOrdersAccess = () => WorkOrders;

export const workOrdersProviders: Provider[] = [
  { provide: WORK_ORDERS_RUNTIME, inject: [RUNTIME], useFactory: (runtime: Runtime) => () => runtime.workOrders },
];
