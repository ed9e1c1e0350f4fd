export { isValidOpen311ApiKey, open311ApiKeysSetting, parseOpen311ApiKeys, type Open311ApiKeys } from './api-keys';
export {
  OPEN311_CONTENT_TYPES,
  OPEN311_FORMATS,
  isOpen311Format,
  open311ErrorsDocument,
  open311RequestsDocument,
  open311ServiceDefinitionDocument,
  open311ServicesDocument,
  parseOpen311Format,
  type Open311Document,
  type Open311Format,
  type Open311Receipt,
} from './open311-documents';
export {
  Open311Error,
  open311BadRequest,
  open311Forbidden,
  open311NotFound,
  type Open311ErrorItem,
} from './open311-errors';
export {
  OPEN311_MAX_PAGE_SIZE,
  OPEN311_MAX_SPAN_DAYS,
  OPEN311_STATUSES,
  groupOpen311Events,
  matchesOpen311Query,
  open311Status,
  parseOpen311ListQuery,
  selectOpen311Records,
  toOpen311Record,
  type Open311ListQuery,
  type Open311RequestRecord,
  type Open311Status,
} from './open311-records';
export {
  OPEN311_SOURCE,
  checkOpen311IdempotencyKey,
  idempotentServiceRequestId,
  newServiceRequestId,
  open311EventId,
  open311RejectedByPipeline,
  open311RequestForm,
  open311RequestToCityEvent,
  parseOpen311Form,
  redactOpen311ApiKey,
  splitOpen311Content,
  validateOpen311Request,
  type Open311RequestForm,
} from './open311-request';
export {
  OPEN311_SERVICES,
  findOpen311Category,
  findOpen311Service,
  open311ServiceDefinition,
  type Open311ServiceRecord,
} from './open311-services';
export { escapeXml } from './open311-xml';
