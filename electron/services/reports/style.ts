import { AlignmentType, type INumberingOptions, type IStylesOptions, LevelFormat, LineRuleType } from 'docx';

/**
 * The house style of every Word document Casebook writes: plain, readable and
 * restrained, as published review reports are. Arial 11 pt body, dark blue headings
 * with outline levels (so the contents and Word's navigation pane find them), and
 * tables in a smaller size so a chronology fits a landscape page.
 */

export const FONT = 'Arial';
export const HEADING_COLOUR = '1F3864';
export const MARKING_COLOUR = 'C00000';
export const TABLE_HEADER_FILL = 'D9E2F3';

/** Half-points, as Word counts font sizes. */
export const SIZE = { body: 22, small: 18, table: 16, title: 48, subtitle: 28 } as const;

export const REPORT_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body },
      paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: HEADING_COLOUR },
      paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: FONT, size: 26, bold: true, color: HEADING_COLOUR },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 1 },
    },
    heading3: {
      run: { font: FONT, size: 23, bold: true, color: HEADING_COLOUR },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 2 },
    },
    title: { run: { font: FONT, size: SIZE.title, bold: true, color: HEADING_COLOUR } },
    hyperlink: { run: { color: '0563C1', underline: {} } },
  },
  paragraphStyles: [
    {
      id: 'TableText',
      name: 'Table text',
      basedOn: 'Normal',
      run: { size: SIZE.table },
      paragraph: { spacing: { before: 20, after: 20, line: 240 } },
    },
    {
      id: 'Caption',
      name: 'Caption',
      basedOn: 'Normal',
      run: { size: SIZE.small, italics: true, color: '404040' },
      paragraph: { spacing: { before: 60, after: 200 } },
    },
    {
      id: 'Placeholder',
      name: 'Placeholder',
      basedOn: 'Normal',
      run: { italics: true, color: '7F7F7F' },
      paragraph: {
        border: { left: { style: 'single', size: 12, color: 'BFBFBF', space: 8 } },
        indent: { left: 180 },
      },
    },
    {
      id: 'Marking',
      name: 'Protective marking',
      basedOn: 'Normal',
      run: { size: SIZE.small, bold: true, color: MARKING_COLOUR },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } },
    },
  ],
};

/** The two list kinds a reviewer's prose uses, three levels deep (prose.ts `depth` 0 to 2). */
export const BULLET_LIST = 'casebook-bullet';
export const NUMBER_LIST = 'casebook-number';

const indent = (level: number) => ({ paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } });

export const REPORT_NUMBERING: INumberingOptions = {
  config: [
    {
      reference: BULLET_LIST,
      levels: ['\u2022', '\u2013', '\u25E6'].map((text, level) => ({
        level,
        format: LevelFormat.BULLET,
        text,
        alignment: AlignmentType.LEFT,
        style: indent(level),
      })),
    },
    {
      reference: NUMBER_LIST,
      levels: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN].map((format, level) => ({
        level,
        format,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: indent(level),
      })),
    },
  ],
};
