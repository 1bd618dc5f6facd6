export * from './service.js';
export * from './status.js';
export * from './query.js';
export * from './result.js';
export {
  MAX_ID,
  MAX_NAME,
  MAX_TEXT,
  MAX_DESCRIPTION,
  MAX_HTML,
  MAX_URL,
  MAX_EMAIL,
  MAX_CODE,
  MAX_ITEMS,
  MAX_SESSIONS,
  MAX_IMAGES,
} from './limits.js';
export * from './directory.js';
export { DAY_MS } from './time.js';
export { httpHref } from './url.js';
