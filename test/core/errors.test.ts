import { expect } from '@open-wc/testing';
import { CallsApiError, isTransient, isUnconfirmedWrite, type CallsApiErrorInit } from '../../src/core/errors.js';

const error = (init: CallsApiErrorInit) => new CallsApiError('x', init);

describe('CallsApiError: what a failure means for trying again', () => {
  it('transient: no answer, a rate limit, a server error, or not a CallsApiError at all', () => {
    for (const init of [
      { kind: 'network' },
      { kind: 'timeout' },
      { kind: 'http', status: 429 },
      { kind: 'http', status: 503 },
    ] as const)
      expect(isTransient(error(init)), JSON.stringify(init)).to.equal(true);
    expect(isTransient(new TypeError('Failed to fetch'))).to.equal(true);
    for (const init of [
      { kind: 'http', status: 400 },
      { kind: 'http', status: 404 },
      { kind: 'validation' },
      { kind: 'parse', status: 200 },
    ] as const)
      expect(isTransient(error(init)), JSON.stringify(init)).to.equal(false);
  });

  it('an unconfirmed write: timed out, cut while online, or a 2xx answer that could not be read', () => {
    for (const init of [
      { kind: 'timeout' },
      { kind: 'network' },
      { kind: 'parse', status: 201 },
      { kind: 'parse', status: 200 },
    ] as const) {
      expect(isUnconfirmedWrite(error(init)), JSON.stringify(init)).to.equal(true);
      expect(error(init).unconfirmed).to.equal(true);
    }
    for (const init of [
      { kind: 'network', unsent: true },
      { kind: 'parse', status: 502 },
      { kind: 'http', status: 500 },
      { kind: 'validation' },
    ] as const)
      expect(isUnconfirmedWrite(error(init)), JSON.stringify(init)).to.equal(false);
    expect(isUnconfirmedWrite(new Error('timeout'))).to.equal(false);
  });
});
