export {
  PushAdapter,
  labelled,
  idTime,
  platformTime,
  stableId,
  readLetter,
  StageRounds,
  type PushAdapterName,
  type PushAdapterOptions,
  type PushBody,
  type PushReport,
} from './push-kit';
export * from './urban.schema';
export * from './urban.mapping';
export * from './urban.push-adapter';
