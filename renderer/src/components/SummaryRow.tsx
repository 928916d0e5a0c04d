/** One term and its value in a `<dl className="summary">` (a case's notification, an agency form's dates). */
export function SummaryRow({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
