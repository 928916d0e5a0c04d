import { useState } from 'react';
import { CASE_STATUS_LABELS } from '../../../../shared/cdop/case.js';
import { AGE_BAND_LABELS } from '../../../../shared/cdop/dates.js';
import { DateField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { formatDate } from '../../format.js';
import { useData } from '../../state/data.js';
import { cdopPath } from './routes.js';

/** The cases listed for one panel meeting, each with what is still outstanding; laid out to print. */
export function PanelPack() {
  // Only to suggest meeting dates: without them the date is typed.
  const cases = useData('cdop.case.list', { limit: 5000 }).value;
  const upcoming = [
    ...new Set((cases ?? []).map((c) => c.nextPanelMeeting).filter((d): d is string => d !== null)),
  ].sort();
  const [meetingDate, setMeetingDate] = useState('');
  const chosen = meetingDate || upcoming[0] || '';
  const loaded = useData('cdop.panelPack', chosen ? { meetingDate: chosen } : null);
  const pack = loaded.value;

  return (
    <div className="cdop pack">
      <PageHeading title="Panel meeting pack">Panel meeting pack</PageHeading>
      <p className="no-print">
        <a href={cdopPath.list()}>Back to child deaths</a>
      </p>
      <div className="no-print inline-fields">
        <DateField
          label="Meeting date"
          hint={
            upcoming.length > 0
              ? `Next meetings with cases: ${upcoming.map(formatDate).join(', ')}`
              : 'List cases for a meeting from each case record.'
          }
          value={chosen}
          onChange={setMeetingDate}
        />
        <button type="button" className="secondary" onClick={() => window.print()} disabled={!pack}>
          Print the pack
        </button>
      </div>
      {chosen && !pack ? <Pending data={loaded} loading="Loading the pack…" /> : null}
      {pack ? (
        <section aria-labelledby="pack-heading">
          <h2 id="pack-heading">Panel meeting on {formatDate(pack.meetingDate)}</h2>
          <p className="print-only">OFFICIAL-SENSITIVE</p>
          {pack.cases.length === 0 ? (
            <p>No cases are listed for this meeting.</p>
          ) : (
            <ol className="pack-cases">
              {pack.cases.map(({ case: item, outstanding }) => (
                <li key={item.id}>
                  <h3>
                    <a href={cdopPath.record(item.id)}>{item.reference}</a>
                  </h3>
                  <p>
                    Died {formatDate(item.dateOfDeath)} ·{' '}
                    {item.ageBand ? AGE_BAND_LABELS[item.ageBand] : 'age not known'} · {CASE_STATUS_LABELS[item.status]}
                    {item.category ? ` · category ${item.category}` : ''}
                  </p>
                  {outstanding.length === 0 ? (
                    <p>
                      <strong>Nothing outstanding.</strong>
                    </p>
                  ) : (
                    <>
                      <p>
                        <strong>Outstanding:</strong>
                      </p>
                      <ul>
                        {outstanding.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </div>
  );
}
