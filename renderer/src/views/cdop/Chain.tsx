import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { useData } from '../../state/data.js';
import { AnalysisView } from '../analysis/AnalysisView.js';
import { cdopPath } from './routes.js';

/** A child death's findings, recommendations and actions, on the factors of its analysis form: the one analysis view. */
export function Chain({ id }: { id: string }) {
  const loaded = useData('cdop.case.get', { id });
  const detail = loaded.value;
  if (!detail) {
    return (
      <Pending
        data={loaded}
        loading="Loading the case…"
        back={{ href: cdopPath.record(id), label: 'Back to the case' }}
      />
    );
  }
  return (
    <div className="cdop">
      <PageHeading title={`Findings and actions: ${detail.reference}`}>
        Findings and actions: case {detail.reference}
      </PageHeading>
      <p>
        <a href={cdopPath.record(id)}>Back to the case</a> · <a href={cdopPath.analysis(id)}>Analysis form</a>
      </p>
      <AnalysisView owner={{ kind: 'cdop-case', id }} formVersion={detail.formVersion} />
    </div>
  );
}
