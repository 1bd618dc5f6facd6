export * from './service.js';
export * from './status.js';
export * from './query.js';
export * from './result.js';
export * from './limits.js';
export * from './directory.js';
