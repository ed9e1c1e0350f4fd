export * from './city-event';
export * from './payloads';
export * from './live';
