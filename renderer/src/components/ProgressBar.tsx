/** i of n for long work (batch signing, report export), fed by main's `work.progress` events. */
export function ProgressBar({ label, done, total, testId }: { label: string; done: number; total: number; testId: string }) {
  return (
    <span className="progress" data-testid={testId}>
      <progress value={done} max={total} aria-label={label} />
      <span>{label}</span>
    </span>
  );
}
