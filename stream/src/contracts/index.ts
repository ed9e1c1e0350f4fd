export * from './city-event';
export * from './payloads';
export * from './live';
export * from './examples';
