import type { ColumnsOf } from './columns.js';

/** Where each item sits on the analysis diagram (migration 0014_analysis_diagram). */
export interface AnalysisDiagramTables {
  analysis_diagram_position: {
    item_id: string;
    review_id: string | null;
    cdop_case_id: string | null;
    x: number;
    y: number;
    updated_at: string;
  };
}

export const analysisDiagramColumns = {
  analysis_diagram_position: {
    item_id: 'text',
    review_id: 'text | null',
    cdop_case_id: 'text | null',
    x: 'real',
    y: 'real',
    updated_at: 'text',
  },
} satisfies ColumnsOf<AnalysisDiagramTables>;
