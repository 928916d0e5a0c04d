import { type AnalysisTables, analysisColumns } from './schema/analysis.js';
import { type AnalysisDiagramTables, analysisDiagramColumns } from './schema/analysis-diagram.js';
import { type CdopTables, cdopColumns } from './schema/cdop.js';
import { type CdopPathwayTables, cdopPathwayColumns } from './schema/cdop-pathway.js';
import { type ChronologyTables, chronologyColumns } from './schema/chronology.js';
import { type ChronologyAnalysisTables, chronologyAnalysisColumns } from './schema/chronology-analysis.js';
import type { ColumnsOf } from './schema/columns.js';
import { type CoreTables, coreColumns } from './schema/core.js';
import { type ReportProseTables, reportProseColumns } from './schema/report-prose.js';
import { type ReportVersionTables, reportVersionColumns } from './schema/report-versions.js';
import { type ReviewTables, reviewColumns } from './schema/reviews.js';

/** Kysely's view of the vault: each feature's tables, each in its own file beside its migration. */
export interface VaultTables
  extends CoreTables,
    ReviewTables,
    ChronologyTables,
    ChronologyAnalysisTables,
    CdopTables,
    CdopPathwayTables,
    AnalysisTables,
    ReportProseTables,
    ReportVersionTables,
    AnalysisDiagramTables {}

/** Every table's columns, checked against the vault by tests/integration/schema.test.ts. */
export const vaultColumns = {
  ...coreColumns,
  ...reviewColumns,
  ...chronologyColumns,
  ...chronologyAnalysisColumns,
  ...cdopColumns,
  ...cdopPathwayColumns,
  ...analysisColumns,
  ...reportProseColumns,
  ...reportVersionColumns,
  ...analysisDiagramColumns,
} satisfies ColumnsOf<VaultTables>;
