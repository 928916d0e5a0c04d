import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Opens a Word document the way a board member's LibreOffice would (headless, its own
 * profile so parallel tests do not share one), converts it to PDF, which also updates
 * the table of contents, and reads back the text and the page count with poppler.
 */

export interface ConvertedDocument {
  pdf: string;
  pages: number;
  /** All pages' text in reading order, a cell's lines together (pdftotext). */
  text: string;
  /** One page's text, 1-based, laid out as on the page (pdftotext -layout). */
  page(number: number): string;
}

export function convertWithLibreOffice(docx: string, outDirectory: string): ConvertedDocument {
  const profile = mkdtempSync(join(tmpdir(), 'casebook-soffice-'));
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDirectory, docx],
      { stdio: 'pipe', timeout: 180_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = join(outDirectory, basename(docx).replace(/\.docx$/i, '.pdf'));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
  const pdftotext = (options: string[]) =>
    execFileSync('pdftotext', [...options, pdf, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return {
    pdf,
    pages,
    text: pdftotext([]),
    page: (number) => pdftotext(['-layout', '-f', String(number), '-l', String(number)]),
  };
}

/** Page images for a person to look at (pdftoppm -png -r 60), `prefix`-1.png and so on. */
export function pageImages(pdf: string, prefix: string, first: number, last: number): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(last), pdf, prefix]);
}
