import type { CdopTables } from './schema/cdop.js';
import type { CdopPathwayTables } from './schema/cdop-pathway.js';
import type { ChronologyTables } from './schema/chronology.js';
import type { ChronologyAnalysisTables } from './schema/chronology-analysis.js';
import type { CoreTables } from './schema/core.js';
import type { ReviewTables } from './schema/reviews.js';

/** Kysely's view of the vault: each feature's tables, each in its own file beside its migration. */
export interface VaultTables
  extends CoreTables,
    ReviewTables,
    ChronologyTables,
    ChronologyAnalysisTables,
    CdopTables,
    CdopPathwayTables {}
