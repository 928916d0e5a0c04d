/** A long job's progress (an import's rows, a Word export's steps), read out as `valueText`. */
export function ProgressBar({
  label,
  done,
  total,
  valueText,
}: {
  label: string;
  done: number;
  total: number;
  valueText: string;
}) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
