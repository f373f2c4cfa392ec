// The emulator's clock: real time, shifted by a start date and by admin advances. Token expiry and the
// NSG flow-log retirement dates are judged by it.
export class Clock {
  private offsetMs: number;

  constructor(start?: Date | string) {
    this.offsetMs = start === undefined ? 0 : new Date(start).getTime() - Date.now();
    if (Number.isNaN(this.offsetMs)) throw new Error(`now: got "${start}"; expected an ISO date`);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  set(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }
}
