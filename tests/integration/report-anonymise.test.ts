import { describe, expect, it } from 'vitest';
import { packReport } from '../../electron/services/reports/document.js';
import { documentTexts } from '../../electron/services/reports/document-text.js';
import { mapText, type ReportModel } from '../../electron/services/reports/model.js';
import { describeLeak, findLeaks } from '../../shared/anonymise/leak-check.js';
import { createAnonymiser } from '../../shared/anonymise/replace.js';

/** Anonymisation over a report model and the leak check over the written file, without the vault. */

const PEOPLE = [
  { name: 'Amira Hassan', pseudonym: 'Child H', role: 'child' },
  { name: 'Mark Jones', pseudonym: 'HV1', role: 'professional' },
];

function model(): ReportModel {
  return {
    title: 'Review for Amira',
    subtitle: ['Board'],
    status: { kind: 'draft', version: 1, date: '02/12/2026' },
    marking: 'OFFICIAL-SENSITIVE',
    titlePage: true,
    contents: true,
    description: 'Prepared about Amira Hassan',
    parts: [
      {
        orientation: 'portrait',
        blocks: [
          { type: 'heading', level: 1, text: 'Background' },
          // The name split across a bold run and a plain one, as an editor stores "**Am**ira's".
          {
            type: 'prose',
            prose: [
              {
                type: 'paragraph',
                content: [{ text: 'We met ' }, { text: 'Am', bold: true }, { text: "ira's mother. Mark marked it." }],
              },
            ],
          },
          { type: 'table', headers: ['Who'], rows: [['Mark Jones']], caption: 'Seen by Amira' },
        ],
      },
    ],
  };
}

describe('an anonymised Word document', () => {
  it('replaces a name split across formatting runs, and everywhere else, so the leak check finds nothing', async () => {
    const anonymiser = createAnonymiser(PEOPLE);
    const docx = await packReport(mapText(model(), anonymiser.text));
    const texts = documentTexts(docx);
    expect(findLeaks(PEOPLE, texts).map(describeLeak)).toEqual([]);
    const all = texts.map((part) => part.text).join('\n');
    expect(all).toContain("We met Child H's mother. HV1 marked it.");
    expect(all).toContain('Review for Child H');
    expect(all).toContain('Prepared about Child H');
  });

  it('left as written, the leak check reads runs joined and every part, and says where each name is', async () => {
    const docx = await packReport(model());
    const leaks = findLeaks(PEOPLE, documentTexts(docx)).map(describeLeak);
    expect(leaks).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^word\/document\.xml, paragraph \d+ \(under Background\): a real name \(Child H\)$/),
        expect.stringMatching(/^word\/document\.xml, paragraph \d+ \(under Background\): a real name \(HV1\)$/),
        expect.stringMatching(/^docProps\/core\.xml: a real name \(Child H\)$/),
        expect.stringMatching(/^word\/document\.xml, paragraph 1: a real name \(Child H\)$/),
      ]),
    );
  });
});
