/** The Casebook version written into every vault it migrates; kept equal to package.json by a test. */
export const APP_VERSION = '0.1.0';
