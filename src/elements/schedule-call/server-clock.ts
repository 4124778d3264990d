/**
 * The form's "now" when the device clock is wrong. Slots and checks run on the server's time as
 * far as the form knows it: from the `Date` of an answer, and from a refusal of a time as past
 * (the server's clock is then at least at that time, whatever the device says).
 */

/** A device clock further than this from the server's is used no more, and the visitor is told. */
export const SKEW_TOLERANCE_MS = 2 * 60_000;

export class ServerClock {
  /** Server minus device, once off by more than the tolerance; 0 while the device clock is trusted. */
  #offset = 0;
  /** The latest instant the server refused as past: the server's time is no earlier. */
  #floor = -Infinity;
  #skewed = false;

  /** What the server's time is, as far as known, when the device says `deviceNow`. */
  now(deviceNow: number): number {
    return Math.max(deviceNow + this.#offset, this.#floor);
  }

  /** Whether the device clock looks wrong: the visitor is told so. */
  get skewed(): boolean {
    return this.#skewed;
  }

  /** The server's time as an answer told it (`undefined`: not told), read when the device said `deviceNow`. */
  learn(serverNow: number | undefined, deviceNow: number): void {
    if (serverNow === undefined || !Number.isFinite(serverNow)) return;
    // Whole seconds: what a `Date` header has; finer would be the answer's travel time.
    const offset = Math.round((serverNow - deviceNow) / 1000) * 1000;
    // Within the tolerance the header's whole seconds and the answer's travel are all there is to it.
    this.#offset = Math.abs(offset) > SKEW_TOLERANCE_MS ? offset : 0;
    this.#skewed = this.#offset !== 0 || this.#floor - deviceNow > SKEW_TOLERANCE_MS;
  }

  /** The server refused `instant` as not in the future: it, and every time before it, is past. */
  refused(instant: number, deviceNow: number): void {
    if (!Number.isFinite(instant)) return;
    this.#floor = Math.max(this.#floor, instant);
    if (this.#floor - (deviceNow + this.#offset) > SKEW_TOLERANCE_MS) this.#skewed = true;
  }
}
