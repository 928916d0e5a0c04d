import { EmptyState } from '../components/EmptyState.js';
import { PageHeading } from '../components/PageHeading.js';

export function Cdop() {
  return (
    <>
      <PageHeading title="Child deaths (CDOP)">Child deaths (CDOP)</PageHeading>
      <EmptyState title="No child death reviews yet">
        Child death reviews you record for the panel, with their category of death and modifiable factors, will be
        listed here.
      </EmptyState>
    </>
  );
}

export function Statistics() {
  return (
    <>
      <PageHeading title="Statistics">Statistics</PageHeading>
      <EmptyState title="No statistics yet">
        Once child death reviews are recorded, patterns and trends across them will be shown here.
      </EmptyState>
    </>
  );
}
