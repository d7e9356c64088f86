/** The time source. Injected so that tests (and reminders) can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let t = new Date(iso);
  return { now: () => new Date(t), set: (s: string) => { t = new Date(s); } };
}

/** The date in Vietnam (Asia/Ho_Chi_Minh) of a moment, as YYYY-MM-DD. */
export function vnDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
}
