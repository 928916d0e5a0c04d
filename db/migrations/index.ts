import type { Database } from '../query.js';
import { initial } from './0001_initial.js';
import { reviews } from './0002_reviews.js';
import { cdop } from './0003_cdop.js';
import { chronology } from './0004_chronology.js';
import { chronologyAnalysis } from './0005_chronology_analysis.js';
import { reviewClock } from './0006_review_clock.js';
import { cdopPathway } from './0007_cdop_pathway.js';
import { chronologyRefs } from './0008_chronology_refs.js';
import { peopleNames } from './0009_people_names.js';
import { cdopFormVersions } from './0010_cdop_form_versions.js';
import { analysis } from './0011_analysis.js';
import { reportProse } from './0012_report_prose.js';
import { reportVersions } from './0013_report_versions.js';
import { analysisDiagram } from './0014_analysis_diagram.js';

/**
 * Every schema change, in order, imported statically (file-system discovery breaks
 * once the app is bundled). Names are zero-padded so they sort; never rename or edit
 * a migration that has shipped: add the next one, with its interfaces and columns in
 * db/schema/ and its test in tests/integration/migrations.test.ts. Migrations are SQL
 * text: STRICT tables, CHECKs, generated columns, FTS5 and triggers, which Kysely's
 * schema builder would only translate.
 */
export interface Migration {
  name: string;
  up: (database: Database) => void;
}

export const migrations: readonly Migration[] = [
  initial,
  reviews,
  cdop,
  chronology,
  chronologyAnalysis,
  reviewClock,
  cdopPathway,
  chronologyRefs,
  peopleNames,
  cdopFormVersions,
  analysis,
  reportProse,
  reportVersions,
  analysisDiagram,
];
