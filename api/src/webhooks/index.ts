// The webhooks concern's public surface: delivering the notices the consent operations put
// in the outbox (consents/notices.ts), and the loop that does it in the background.
export { type BackoffPolicy, computeRetryDelay, NOTICE_BACKOFF } from './backoff.js';
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_ATTEMPTS,
  type DeliverDueNoticesInput,
  type DeliveryRunSummary,
  deliverDueNotices,
} from './deliver-due-notices.js';
export {
  DEFAULT_NOTICE_INTERVAL_MS,
  type NoticeWorker,
  type NoticeWorkerOptions,
  startNoticeWorker,
} from './notice-worker.js';
export { type FetchLike, NOTICE_TIMEOUT_MS } from './post-notice.js';
