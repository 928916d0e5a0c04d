import './cdop.css';
import { useHash } from '../../router.js';
import { Analysis } from './Analysis.js';
import { CaseForm } from './CaseForm.js';
import { CaseList } from './CaseList.js';
import { CaseRecord } from './CaseRecord.js';
import { Chain } from './Chain.js';
import { ImportCases } from './ImportCases.js';
import { PanelPack } from './PanelPack.js';
import { parseCdopPath } from './routes.js';
import { WorkList } from './WorkList.js';

/** The Child deaths (CDOP) section. */
export function Cdop() {
  const screen = parseCdopPath(useHash());
  switch (screen.kind) {
    case 'list':
      return <CaseList />;
    case 'new':
      return <CaseForm />;
    case 'import':
      return <ImportCases />;
    case 'pack':
      return <PanelPack />;
    case 'work':
      return <WorkList />;
    case 'case':
      return <CaseRecord key={screen.id} id={screen.id} />;
    case 'edit':
      return <CaseForm key={screen.id} id={screen.id} />;
    case 'analysis':
      return <Analysis key={screen.id} id={screen.id} />;
    case 'chain':
      return <Chain key={screen.id} id={screen.id} />;
  }
}
