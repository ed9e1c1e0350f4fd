export * from './device-status.projector';
