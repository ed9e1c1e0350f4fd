export * from './safety.schema';
export * from './safety.mapping';
export * from './safety.push-adapter';
export * from './alarm-stream.protocol';
export * from './alarm-stream.client';
export * from './alarm-stream.server';
export * from './stream-cursor';
