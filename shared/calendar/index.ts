/** The working-day calendar of England and Wales: pure data and functions, shared by every process. */
export * from './bank-holidays-england-wales.js';
export * from './working-days.js';
