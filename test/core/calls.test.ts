import { expect } from '@open-wc/testing';
import {
  CALL_STATUSES,
  IN_PROGRESS_STATUSES,
  ROUTING_STATUSES,
  SUCCEEDED_STATUSES,
  TERMINAL_STATUSES,
  isTerminalStatus,
} from '../../src/core/calls.js';

describe('call status groups', () => {
  it('name only statuses the API has', () => {
    for (const group of [TERMINAL_STATUSES, SUCCEEDED_STATUSES, IN_PROGRESS_STATUSES, ROUTING_STATUSES])
      for (const status of group) expect(CALL_STATUSES, status).to.include(status);
  });

  it('terminal: the nine statuses calls-api.md lists as final', () => {
    expect([...TERMINAL_STATUSES].sort()).to.deep.equal([
      'action_only_finished',
      'cancelled',
      'completed',
      'deflected',
      'failed',
      'finished',
      'recovered',
      'voicemail_read',
      'voicemail_received',
    ]);
    expect(isTerminalStatus('finished')).to.equal(true);
    expect(isTerminalStatus('queued')).to.equal(false);
    expect(isTerminalStatus('a status added later')).to.equal(false);
  });

  it('succeeded: final, and neither failed, deflected nor cancelled', () => {
    expect([...SUCCEEDED_STATUSES].sort()).to.deep.equal([
      'action_only_finished',
      'completed',
      'finished',
      'recovered',
      'voicemail_read',
      'voicemail_received',
    ]);
    for (const status of SUCCEEDED_STATUSES) expect(isTerminalStatus(status), status).to.equal(true);
  });

  it('in progress and routing: never final; routing is what comes before the conversation', () => {
    expect([...IN_PROGRESS_STATUSES].sort()).to.deep.equal([
      'action_only',
      'assigned',
      'connected',
      'connecting',
      'switching',
      'voicemail',
    ]);
    expect([...ROUTING_STATUSES].sort()).to.deep.equal(['assigned', 'connecting', 'queued', 'selecting', 'switching']);
    for (const status of [...IN_PROGRESS_STATUSES, ...ROUTING_STATUSES])
      expect(isTerminalStatus(status), status).to.equal(false);
  });
});
