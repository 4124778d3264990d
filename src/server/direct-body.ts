/**
 * Event streams written straight to the connection. On the platform's streams each open event
 * stream holds a `ReadableStream`, its controller, a reader with a pending read, and the adapter's
 * loop awaiting it: about 2 KB per watcher, and a promise settled per watcher per event. A host
 * adapter that can write to its connection itself (`node.ts`) says so with
 * `ConnectionInfo.directBodies`; the feed then answers with a body-less `Response` registered
 * here, and the adapter, once it has written the head, hands `attach` its writer.
 */
export interface DirectSink {
  /** Queues `chunk` for the client; false when too much is queued already (a stalled client). */
  write(chunk: Uint8Array): boolean;
  /** Ends the response. */
  end(): void;
}

/** Starts the stream on `sink`; returns what to call when the client goes. */
export type DirectBody = (sink: DirectSink) => () => void;

export const directBodies = new WeakMap<Response, DirectBody>();
