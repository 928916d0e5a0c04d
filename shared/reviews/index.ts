/** The reviews domain as plain data and pure functions: shared by the main process, the CLI and the renderer. */
export * from './criteria.js';
export * from './criteria-2018.js';
export * from './deadlines.js';
export * from './pseudonyms.js';
export * from './status.js';
export * from './terms.js';
export * from './types.js';
