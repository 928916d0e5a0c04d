import { diagramPositions, placeItems } from '../../db/analysis-diagram.js';
import type { analysisDiagramChannels } from '../../shared/api/channels/analysis-diagram.js';
import { exportDiagram } from '../services/diagram-export.js';
import type { AppContext, HandlersFor } from './types.js';

export function analysisDiagramHandlers({ session }: AppContext): HandlersFor<typeof analysisDiagramChannels> {
  return {
    'analysis.diagram.positions': ({ owner }) => diagramPositions(session.current().database, owner),
    'analysis.diagram.place': ({ owner, positions }) => placeItems(session.current(), owner, positions),
    'analysis.diagram.export': ({ owner, format }) => exportDiagram(session.current(), owner, format),
  };
}
