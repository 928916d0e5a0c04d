import type { ReactNode } from 'react';
import { CASE_STATUS_LABELS } from '../../../../shared/cdop/case.js';
import { ColumnHeads } from '../../components/ColumnHeads.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { formatDate, formatDateLong } from '../../format.js';
import { routePath } from '../../router.js';
import { useData } from '../../state/data.js';
import { cdopPath } from './routes.js';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** What a CDOP manager works through each week: forms awaited and overdue, cases open too long, the next panel. */
export function WorkList() {
  const loaded = useData('cdop.workList', {});
  const list = loaded.value;
  return (
    <div className="cdop">
      <PageHeading title="Work list">Work list</PageHeading>
      <p>
        <a href={cdopPath.list()}>Back to child deaths</a>
      </p>
      {!list ? (
        <Pending data={loaded} loading="Loading the work list…" />
      ) : (
        <>
          <p className="hint">
            As of {formatDateLong(list.today)}. A form is due {days(list.settings.formDueDays)} after it is asked for
            unless it has its own date; a case open more than {days(list.settings.openCaseDays)} from notification is
            listed. Both are set in <a href={routePath('settings')}>Settings</a>. Reviewed and closed cases are left
            out.
          </p>
          <section aria-labelledby="overdue-heading" className="panel-section">
            <h2 id="overdue-heading">Overdue forms ({list.overdueForms.length})</h2>
            {list.overdueForms.length === 0 ? (
              <p className="muted">No form is overdue.</p>
            ) : (
              <WorkTable
                caption="Overdue agency reporting forms, longest overdue first"
                columns={['Case', 'Agency', 'Requested', 'Due', 'Overdue by']}
              >
                {list.overdueForms.map(({ case: item, form }) => (
                  <tr key={form.id}>
                    <td>
                      <a href={cdopPath.record(item.id)}>{item.reference}</a>
                    </td>
                    <td>{form.agency}</td>
                    <td className="nowrap">{formatDate(form.requestedOn)}</td>
                    <td className="nowrap">{formatDate(form.due)}</td>
                    <td className="nowrap">
                      <span className="tag overdue">{days(form.daysOverdue)}</span>
                    </td>
                  </tr>
                ))}
              </WorkTable>
            )}
          </section>

          <section aria-labelledby="waiting-heading" className="panel-section">
            <h2 id="waiting-heading">Cases waiting on forms ({list.waitingOnForms.length})</h2>
            {list.waitingOnForms.length === 0 ? (
              <p className="muted">No open case is waiting on a form.</p>
            ) : (
              <WorkTable
                caption="Open cases waiting on agency forms, earliest due first"
                columns={['Case', 'Status', 'Forms awaited']}
              >
                {list.waitingOnForms.map(({ case: item, waitingOn }) => (
                  <tr key={item.id}>
                    <td>
                      <a href={cdopPath.record(item.id)}>{item.reference}</a>
                    </td>
                    <td>{CASE_STATUS_LABELS[item.status]}</td>
                    <td>
                      <ul className="plain-list">
                        {waitingOn.map((form) => (
                          <li key={form.id}>
                            {form.agency}, due {formatDate(form.due)}
                            {form.overdue ? ` (overdue by ${days(form.daysOverdue)})` : ''}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </WorkTable>
            )}
          </section>

          <section aria-labelledby="long-open-heading" className="panel-section">
            <h2 id="long-open-heading">
              Open longer than {days(list.settings.openCaseDays)} ({list.openTooLong.length})
            </h2>
            {list.openTooLong.length === 0 ? (
              <p className="muted">No open case has been open that long.</p>
            ) : (
              <WorkTable
                caption="Open cases notified longest ago first"
                columns={['Case', 'Notified', 'Open for', 'Status']}
              >
                {list.openTooLong.map(({ case: item, daysOpen }) => (
                  <tr key={item.id}>
                    <td>
                      <a href={cdopPath.record(item.id)}>{item.reference}</a>
                    </td>
                    <td className="nowrap">{formatDate(item.dateNotified)}</td>
                    <td className="nowrap">{days(daysOpen)}</td>
                    <td>{CASE_STATUS_LABELS[item.status]}</td>
                  </tr>
                ))}
              </WorkTable>
            )}
          </section>

          {list.nextPanel ? (
            <section aria-labelledby="next-panel-heading" className="panel-section">
              <h2 id="next-panel-heading">Next panel: {formatDateLong(list.nextPanel.meetingDate)}</h2>
              <ul className="plain-list">
                {list.nextPanel.cases.map(({ case: item, outstanding }) => (
                  <li key={item.id}>
                    <a href={cdopPath.record(item.id)}>{item.reference}</a>:{' '}
                    {outstanding.length === 0
                      ? 'nothing outstanding'
                      : `${outstanding.length} thing${outstanding.length === 1 ? '' : 's'} outstanding`}
                  </li>
                ))}
              </ul>
              <p>
                <a href={cdopPath.pack()}>Open the panel pack</a> to see what is outstanding and print it.
              </p>
            </section>
          ) : (
            <EmptyState title="No panel meeting planned">
              List a case for a panel meeting from its record; the next meeting's pack then shows here.
            </EmptyState>
          )}
        </>
      )}
    </div>
  );
}

function WorkTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <ColumnHeads columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
