import type * as ClientModule from './requests.js';
import { CallsApiError } from '../core/errors.js';

/**
 * The fetch client (`core/client.ts` with its retries) and the copy for failed requests
 * (`requests.ts`, ≈ 3 KB gz) load when a widget first sends something, not with the page: a page
 * that shows the widgets and is never used does not load them. Loaded once per page; a failed load
 * is asked for again by the next request.
 */
let loaded: typeof ClientModule | undefined;
let loading: Promise<typeof ClientModule> | undefined;

/** The client's module once loaded, else `undefined`. */
export const loadedClientModule = () => loaded;

/** Loads the client's module once; a failure rejects as a `network` `CallsApiError`, as a failed request would. */
export function loadClientModule(): Promise<typeof ClientModule> {
  loading ??= import('./requests.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      // Nothing was sent (\`unsent\`): a booking that failed here is safe to try again.
      throw new CallsApiError('The client could not be loaded', { kind: 'network', unsent: true, cause: error });
    },
  );
  return loading;
}
