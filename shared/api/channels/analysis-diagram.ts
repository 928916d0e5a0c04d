import { z } from 'zod';
import type { Positions } from '../../diagram/graph.js';
import { channel } from '../channel.js';
import { id } from '../fields.js';
import { ownerSchema } from './analysis.js';

/**
 * The analysis diagram (shared/diagram/): where its items sit, and the diagram
 * as a picture for the report. Its items and links are the analysis channels'.
 */

const coordinate = z.number().finite().min(-1_000_000).max(1_000_000);

export const DIAGRAM_FORMATS = ['png', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export interface DiagramFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

const unlocked = { requiresUnlocked: true };

export const analysisDiagramChannels = {
  'analysis.diagram.positions': channel<Positions>()(z.object({ owner: ownerSchema }).strict(), unlocked),
  /** Saves where items were dragged or laid out; answers with every saved position. */
  'analysis.diagram.place': channel<Positions>()(
    z
      .object({
        owner: ownerSchema,
        positions: z
          .array(z.object({ id: id('item'), x: coordinate, y: coordinate }).strict())
          .min(1, 'Give the items placed')
          .max(20_000),
      })
      .strict(),
    unlocked,
  ),
  /** The diagram as drawn for the report (saved positions, new items under their column), as a PNG or SVG file. */
  'analysis.diagram.export': channel<DiagramFile>()(
    z.object({ owner: ownerSchema, format: z.enum(DIAGRAM_FORMATS, { error: 'Choose png or svg' }) }).strict(),
    unlocked,
  ),
} as const;
