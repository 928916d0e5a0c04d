import { benchCdopStatistics } from './cdop-stats.bench.js';
import { benchChronologyImport } from './chronology-import.bench.js';
import { benchChronologySearch } from './chronology-search.bench.js';
import { benchDiagram } from './diagram/diagram.bench.js';
import { benchReportExport } from './report-export.bench.js';
import { benchTimeline } from './timeline/timeline.bench.js';
import { benchVaultOpen } from './vault-open.bench.js';

/**
 * `npm run bench`: every benchmark on fixed generated data, each reported as a
 * ratio against a baseline measured in the same run (never a bare time).
 * `npm run bench -- import search` runs only the benchmarks whose names contain a word given.
 */
const benchmarks: Record<string, () => Promise<void>> = {
  'vault-open': benchVaultOpen,
  'cdop-stats': benchCdopStatistics,
  'chronology-import': benchChronologyImport,
  'chronology-search': benchChronologySearch,
  timeline: benchTimeline,
  'report-export': benchReportExport,
  diagram: benchDiagram,
};
const wanted = process.argv.slice(2);
const chosen = Object.entries(benchmarks).filter(
  ([name]) => wanted.length === 0 || wanted.some((word) => name.includes(word)),
);
if (chosen.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}; there are: ${Object.keys(benchmarks).join(', ')}`);
  process.exitCode = 1;
}
for (const [, bench] of chosen) await bench();
