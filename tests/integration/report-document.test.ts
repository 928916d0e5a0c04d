import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { packReport } from '../../electron/services/reports/document.js';
import type { ReportModel } from '../../electron/services/reports/model.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

function diagramPng(): Uint8Array {
  const canvas = createCanvas(800, 400);
  const context = canvas.getContext('2d');
  context.fillStyle = '#dbe5f1';
  context.fillRect(0, 0, 800, 400);
  context.fillStyle = '#1f3864';
  context.fillRect(100, 150, 200, 100);
  return canvas.toBuffer('image/png');
}

const CHRONOLOGY_ROWS = 400;

function model(): ReportModel {
  const rows = Array.from({ length: CHRONOLOGY_ROWS }, (_, index) => [
    String(index + 1),
    `0${(index % 9) + 1}/03/2021`,
    index % 2 ? 'Police' : 'Health visiting',
    'Case record',
    'HV1',
    'Yes',
    `Entry ${index + 1}: a home visit where the child was seen & weighed <as planned>.\nSecond line of the entry.`,
    'Referral made',
    'Shows the pattern',
  ]);
  return {
    title: 'Child Safeguarding Practice Review: Child H',
    subtitle: ['Northshire Safeguarding Children Partnership', 'Child Safeguarding Practice Review (CSPR)'],
    status: { kind: 'draft', version: 3, date: '02/12/2026' },
    marking: 'OFFICIAL-SENSITIVE',
    titlePage: true,
    contents: true,
    description: 'Casebook audit anchor: 4 entries, head '.concat('b'.repeat(64)),
    parts: [
      {
        orientation: 'portrait',
        blocks: [
          { type: 'heading', level: 1, text: 'Introduction and why the review was held' },
          {
            type: 'prose',
            prose: [
              {
                type: 'paragraph',
                content: [
                  { text: 'The review was held because ' },
                  { text: 'the threshold was met', bold: true },
                  { text: ' (see ' },
                  { text: 'the guidance', link: 'https://www.gov.uk/government/publications/working-together' },
                  { text: ').', italic: true },
                ],
              },
              { type: 'heading', level: 1, content: [{ text: 'The referral' }] },
              { type: 'bullet', depth: 0, content: [{ text: 'First bullet' }] },
              { type: 'bullet', depth: 1, content: [{ text: 'Nested bullet' }] },
              { type: 'number', depth: 0, content: [{ text: 'First step' }] },
              { type: 'number', depth: 0, content: [{ text: 'Second step' }] },
            ],
          },
          { type: 'heading', level: 1, text: 'Methodology and independence' },
          { type: 'placeholder', text: 'How the review was carried out.' },
          {
            type: 'table',
            headers: ['Recommendation', 'Action', 'Owner'],
            rows: [['R1 Share information', 'Agree a protocol', 'Partnership']],
            caption: 'Table 1: the action plan',
          },
          { type: 'heading', level: 1, text: 'Appendix A: analysis diagram' },
          { type: 'image', png: diagramPng(), width: 800, height: 400, caption: 'Figure 1: contributory factors' },
        ],
      },
      {
        orientation: 'landscape',
        blocks: [
          { type: 'heading', level: 1, text: 'Appendix B: integrated chronology' },
          {
            type: 'table',
            headers: ['No.', 'Date', 'Agency', 'Source', 'Practitioner', 'Child seen', 'Event', 'Action', 'Comment'],
            rows,
            widths: [3, 7, 8, 7, 7, 4, 29, 12, 12],
            streamed: true,
          },
        ],
      },
    ],
  };
}

describe('the Word document frame, opened by LibreOffice', () => {
  it('has a title page, a contents page with real page numbers, marking and page X of Y on every page, a repeated header row in a landscape chronology', async () => {
    const directory = tempDirectory();
    const file = join(directory, 'report.docx');
    const progress: number[] = [];
    writeFileSync(file, await packReport(model(), (done) => progress.push(done)));
    expect(progress.at(-1)).toBe(CHRONOLOGY_ROWS);

    const converted = convertWithLibreOffice(file, directory);
    if (process.env.CASEBOOK_KEEP_PDF) writeFileSync(process.env.CASEBOOK_KEEP_PDF, readFileSync(converted.pdf));
    const pages = converted.pages;
    expect(pages).toBeGreaterThan(8);

    const title = converted.page(1).replace(/\s+/g, ' ');
    expect(title).toContain('Child Safeguarding Practice Review: Child H');
    expect(title).toContain('Northshire Safeguarding Children Partnership');
    expect(title).toContain('DRAFT v3 02/12/2026');

    // The contents lists each heading with the page LibreOffice put it on.
    const contents = converted.page(2);
    const pageOf = (heading: string) => {
      for (let page = 3; page <= pages; page += 1) if (converted.page(page).includes(heading)) return page;
      return -1;
    };
    for (const heading of [
      'Introduction and why the review was held',
      'The referral',
      'Methodology and independence',
      'Appendix A: analysis diagram',
      'Appendix B: integrated chronology',
    ]) {
      const line = contents.split('\n').find((text) => text.includes(heading));
      expect(line, heading).toBeDefined();
      expect(Number(/(\d+)\s*$/.exec(line ?? '')?.[1]), heading).toBe(pageOf(heading));
    }

    for (let page = 1; page <= pages; page += 1) {
      const text = converted.page(page);
      expect(text.match(/OFFICIAL-SENSITIVE/g)?.length ?? 0, `page ${page}`).toBeGreaterThanOrEqual(2);
      if (page > 1) {
        expect(text).toContain(`Page ${page} of ${pages}`);
        expect(text).toContain('DRAFT v3 02/12/2026');
      }
    }

    // Every chronology page is landscape and starts with the header row; the rows are all there, escaped text intact.
    const chronologyStart = pageOf('Appendix B: integrated chronology');
    for (let page = chronologyStart; page <= pages; page += 1) {
      const size = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), converted.pdf], {
        encoding: 'utf8',
      });
      expect(size, `page ${page}`).toMatch(/size:\s+841\.\d+ x 595\.\d+/);
      expect(converted.page(page), `page ${page}`).toMatch(/No\.\s+Date\s+Agency\s+Source/);
    }
    expect(converted.text.replace(/\s+/g, ' ')).toContain(
      `Entry ${CHRONOLOGY_ROWS}: a home visit where the child was seen & weighed <as planned>.`,
    );
    expect(execFileSync('pdfimages', ['-list', converted.pdf], { encoding: 'utf8' })).toMatch(/png|image/);
    expect(converted.page(3)).toContain('To be written: How the review was carried out.');
  }, 240_000);
});
