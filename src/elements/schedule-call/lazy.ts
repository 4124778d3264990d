/**
 * Every module `<ccai-schedule-call>` loads after the page, and when: the one place that says
 * which code stays out of `import 'ccai-widgets'`. A page that never touches the form loads none
 * of them; one that shows a booking kept from before a reload loads only its confirmation's.
 */
const LAZY = {
  /** The phone metadata (most of the weight): country list, formatting as typed, the phone check. */
  phoneInput: () => import('../../internal/phone-input.js'),
  checks: () => import('./checks.js'),
  request: () => import('./request.js'),
  /** What the form shows once a request has an answer. */
  outcome: () => import('./outcome.js'),
  /** The booking kept in `sessionStorage` over a reload: read, written, forgotten. */
  bookingStore: () => import('./booking-store.js'),
  /** The server's clock, learnt from the first answer (none comes before the form's first use). */
  serverClock: () => import('./server-clock.js'),
  /** "Call me now" (`modes`): opening hours now, the menu's wait kept fresh, what replaces the date and time. */
  now: () => import('./now.js'),
  /** The client's request schemas, fetched ahead so that the first submit need not wait for them. */
  schemas: () => import('../../core/schemas.js'),
};

type Lazy = typeof LAZY;
export type LazyName = keyof Lazy;
export type LazyModule<N extends LazyName> = Awaited<ReturnType<Lazy[N]>>;

/** On the form's first use (focus, pointer, input or submit): checking, sending and answering a booking. */
export const ON_FIRST_USE = ['phoneInput', 'checks', 'request', 'outcome', 'bookingStore', 'serverClock'] as const;

/** Fetched ahead on the form's first use; the client reports it if they fail to load when needed. */
export const AHEAD_OF_FIRST_SUBMIT = ['schemas'] as const;

/** A booking kept from before a reload: its confirmation, and no form (so no phone metadata). */
export const FOR_KEPT_BOOKING = ['outcome', 'bookingStore'] as const;

// The browser keeps each module once per page anyway; these only let a loaded one be used at once.
const loaded: { [N in LazyName]?: LazyModule<N> } = {};
const loading: { [N in LazyName]?: Promise<LazyModule<N>> } = {};

/** The module once loaded, else `undefined`. */
export function loadedModule<N extends LazyName>(name: N): LazyModule<N> | undefined {
  return loaded[name];
}

/** Loads a module once (again after a failure). */
export function loadModule<N extends LazyName>(name: N): Promise<LazyModule<N>> {
  const known = loading[name] as Promise<LazyModule<N>> | undefined;
  if (known) return known;
  const load = (LAZY[name] as () => Promise<LazyModule<N>>)().then(
    (module) => ((loaded as Record<N, LazyModule<N>>)[name] = module),
    (error: unknown) => {
      delete loading[name];
      throw error;
    },
  );
  (loading as Record<N, Promise<LazyModule<N>>>)[name] = load;
  return load;
}

/** Loads several modules; rejects when any fails. */
export function loadModules<const N extends readonly LazyName[]>(
  names: N,
): Promise<{ -readonly [K in keyof N]: LazyModule<N[K]> }> {
  return Promise.all(names.map((name) => loadModule(name))) as Promise<{ -readonly [K in keyof N]: LazyModule<N[K]> }>;
}

/** Runs `use` with the module: at once when it is loaded, else once it is (nothing when it cannot load). */
export function withModule<N extends LazyName>(name: N, use: (module: LazyModule<N>) => void): void {
  const module = loadedModule(name);
  if (module) use(module);
  else loadModule(name).then(use, () => undefined);
}
