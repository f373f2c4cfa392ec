// What could not be read, each with its file and byte offset. Every problem is counted, but only the first
// ones are kept: a file of nothing but bad tuples must cost a counter, not a list as long as the file.
import type { ParseProblem } from "./record-stream";

/** Problems kept for the output; the rest are only counted. */
export const PROBLEMS_KEPT = 1000;
/** A message quotes what it could not read; a hostile tuple can be megabytes long. */
const MESSAGE_CHARS = 400;

export class ProblemLog {
  readonly kept: ParseProblem[] = [];
  count = 0;

  add(problem: ParseProblem): void {
    this.count++;
    if (this.kept.length >= PROBLEMS_KEPT) return;
    const { message } = problem;
    this.kept.push(
      message.length > MESSAGE_CHARS
        ? { ...problem, message: `${message.slice(0, MESSAGE_CHARS)}…` }
        : problem,
    );
  }

  /** Adds another log's problems after this one's: the kept ones as they are, up to what is kept. */
  merge(other: { kept: ParseProblem[]; count: number }): void {
    this.kept.push(...other.kept.slice(0, PROBLEMS_KEPT - this.kept.length));
    this.count += other.count;
  }
}
