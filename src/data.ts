/**
 * The DOM-free data layer: `import … from 'service-finder-elements/data'`.
 * Runs in Node 20 and in browsers (and workers): the model, the directory
 * adapters, the engine and the framework-free store. No element is defined.
 */
export * from './model/index.js';
export * from './sources/index.js';
export { readOpenActive, isOpenActiveUrl, siblingFeed, type OpenActiveFeeds, type OpenActiveOptions } from './sources/openactive.js';
export { checkReport, skippedRecords, readSummary, problemSummary, PROBLEMS_LISTED, type CheckReport } from './sources/check.js';
export * from './engine/index.js';
export * from './engine/needs/index.js';
export { FinderStore, type FinderStoreOptions, type Endpoint, type PlaceError } from './store/finder-store.js';
