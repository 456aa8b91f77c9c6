/** One line of the bench table: a measure with its budget and PASS/FAIL. */
export interface BenchLine {
  /** A correctness check rather than a speed budget: it fails the run even with --report-only. */
  check?: boolean;
  section: string;
  measure: string;
  value: string;
  budget: string;
  /** null: reported without a budget. */
  pass: boolean | null;
}
