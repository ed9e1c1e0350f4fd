export * from './approvals.schema';
export * from './approvals.mapping';
export * from './approvals.push-adapter';
