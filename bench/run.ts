import { benchCdopStatistics } from './cdop-stats.bench.js';
import { benchChronologyImport } from './chronology-import.bench.js';
import { benchChronologySearch } from './chronology-search.bench.js';
import { benchTimeline } from './timeline/timeline.bench.js';
import { benchVaultOpen } from './vault-open.bench.js';

/**
 * `npm run bench`: every benchmark on fixed generated data, each reported as a
 * ratio against a baseline measured in the same run (never a bare time).
 */
await benchVaultOpen();
await benchCdopStatistics();
await benchChronologyImport();
await benchChronologySearch();
await benchTimeline();
