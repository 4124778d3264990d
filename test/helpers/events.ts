/** Test helpers every element suite shares: collecting the widgets' events, and holding an answer back. */

type CcaiEventName = Extract<keyof GlobalEventHandlersEventMap, `ccai-${string}`>;

const listeners: [string, EventListener][] = [];

/** Events of one type seen on `document` (they bubble and are composed) until `stopCollecting()`. */
export function collect<K extends CcaiEventName>(type: K): GlobalEventHandlersEventMap[K][] {
  const seen: GlobalEventHandlersEventMap[K][] = [];
  const listener = (event: Event) => seen.push(event as GlobalEventHandlersEventMap[K]);
  document.addEventListener(type, listener);
  listeners.push([type, listener]);
  return seen;
}

export function stopCollecting(): void {
  for (const [type, listener] of listeners.splice(0)) document.removeEventListener(type, listener);
}

/** For a resolver that waits until the test releases it, then falls through to the mock. */
export function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { release, wait: () => opened };
}
