import { http, HttpResponse, passthrough } from 'msw';
import type { SetupWorker } from 'msw/browser';

/**
 * Whether this browser fetches a module again after its fetch failed, so that a later `import()`
 * can succeed (whatwg/html#10327: Chromium does; Firefox ESR keeps the failure until a reload).
 * Measured on a module of its own (this page's `dom.ts` under a query), refused once through the
 * MSW worker and then let through. Call it in a `before`: it resets the worker's handlers.
 */
export async function refetchesFailedModules(worker: SetupWorker): Promise<boolean> {
  const probe = new URL('./dom.ts?refetch-probe', import.meta.url).href;
  let blocked = true;
  // MSW matches paths without their query: the probe is told apart by its whole URL here.
  worker.use(
    http.get('*', ({ request }) => {
      if (request.url !== probe) return undefined;
      return blocked ? HttpResponse.error() : passthrough();
    }),
  );
  const tryProbe = () =>
    import(/* @vite-ignore */ probe).then(
      () => true,
      () => false,
    );
  try {
    if (await tryProbe()) throw new Error('the probe was not refused: the measure is void');
    blocked = false;
    return await tryProbe();
  } finally {
    worker.resetHandlers();
  }
}
