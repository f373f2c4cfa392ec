// What one read of flow-log files counted, and what it could not read.
import type { ParseProblem } from "./record-stream";

export interface ReadTotals {
  files: number;
  /** Records read, whatever their time. */
  recordsRead: number;
  /** Records with a tuple in the time range (all those read when no range is given). */
  records: number;
  /** Tuples handed on (inside the time range). */
  tuples: number;
  /** The first problems (PROBLEMS_KEPT), in the order they were found. */
  problems: ParseProblem[];
  /** Every problem, kept or not. */
  problemCount: number;
}
