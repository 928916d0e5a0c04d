/** Tables of the cdop feature (added by its migrations). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the feature's migration
export interface CdopTables {}
