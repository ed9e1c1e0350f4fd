export {
  DEFAULT_SIGNATURE_WINDOW_SECONDS,
  HOTLINE_HEADERS,
  hmacSm3,
  hotlineSigningString,
  signHotlinePush,
  verifyHotlineSignature,
  type HotlineSignatureFailure,
  type HotlineSignatureResult,
  type HotlineSignedRequest,
} from './hmac-sm3';
export {
  MIN_PARTNER_KEY_BYTES,
  hotlinePartnerKeysSetting,
  parseHotlinePartnerKeys,
  type HotlinePartnerKeys,
} from './partner-keys';
export {
  HOTLINE_STATUSES,
  HOTLINE_STATUS_NAMES,
  hotlineEventId,
  hotlinePush,
  // `toCityEvent` is the module's name; at the package root it needs its source in the name.
  toCityEvent as hotlinePushToCityEvent,
  type HotlinePush,
  type HotlinePushInput,
  type HotlineStatus,
  type HotlineTicketEvent,
} from './hotline-push.schema';
