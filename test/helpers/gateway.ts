/**
 * A stand-in for the gateway (`src/server`) in front of the API mock, for the tests that need one.
 * The mock is the Calls API and issues no capabilities; these per-test MSW overrides forward every
 * request to the mock's own answer and add what the gateway adds: a `Ccai-Capability` header on a
 * booking's 201, and a 404 for a read or cancel of that call without its capability.
 */
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { CAPABILITY_HEADER } from '../../src/core/client.js';

export interface GatewayRequest {
  method: string;
  path: string;
  /** The `Ccai-Capability` header as received; `null` when absent. */
  capability: string | null;
}

export interface SimulatedGateway {
  /** The overrides to `use()`. */
  handlers: RequestHandler[];
  /** Reads, cancels and rebookings it received, in order. */
  received: GatewayRequest[];
  /** The capability issued for a call (as on its booking); for a call the mock already knows. */
  issue(callId: number): string;
  issued: Map<number, string>;
}

const API = '*/apps/api/v1';
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': `Retry-After, ${CAPABILITY_HEADER}`,
};

export function simulateGateway(mockHandlers: RequestHandler[]): SimulatedGateway {
  const issued = new Map<number, string>();
  const received: GatewayRequest[] = [];
  const issue = (callId: number) => {
    const capability = `simulated-gateway-capability-${callId}-${issued.size + 1}`;
    issued.set(callId, capability);
    return capability;
  };
  const mockAnswer = async (request: Request) => {
    const answer = await getResponse(mockHandlers, request);
    if (!answer) throw new Error(`the mock does not answer ${request.method} ${request.url}`);
    return answer;
  };
  /** A read or cancel: only with the call's own capability, as the gateway checks it. */
  const guarded = async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const capability = request.headers.get(CAPABILITY_HEADER);
    received.push({ method: request.method, path: new URL(request.url).pathname, capability });
    if (capability === null || issued.get(Number(params.id)) !== capability) {
      return HttpResponse.json({ message: 'Call not found' }, { status: 404, headers: CORS });
    }
    return mockAnswer(request);
  };
  return {
    issued,
    received,
    issue,
    handlers: [
      http.post(`${API}/calls`, async ({ request }) => {
        // A rebooking (`call_id`) only with the earlier call's capability, as the gateway checks it.
        const parent = (
          (await request
            .clone()
            .json()
            .catch(() => ({}))) as { call_id?: unknown }
        ).call_id;
        if (parent !== undefined) {
          const capability = request.headers.get(CAPABILITY_HEADER);
          received.push({ method: request.method, path: new URL(request.url).pathname, capability });
          if (capability === null || issued.get(Number(parent)) !== capability) {
            return HttpResponse.json({ message: 'Call not found' }, { status: 404, headers: CORS });
          }
        }
        const answer = await mockAnswer(request);
        if (answer.status !== 201) return answer;
        const call = (await answer.clone().json()) as { id: number };
        const headers = new Headers(answer.headers);
        for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
        headers.set(CAPABILITY_HEADER, issue(call.id));
        return new Response(answer.body, { status: 201, headers });
      }),
      http.get(`${API}/calls/:id`, guarded),
      http.patch(`${API}/calls/scheduled/:id/cancel`, guarded),
    ],
  };
}
