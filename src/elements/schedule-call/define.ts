import { defineElement } from '../../internal/define.js';
// The confirmation shows a <ccai-call-status>: registering this element registers that one too.
import '../call-status/define.js';
import { CcaiScheduleCall } from './schedule-call.js';

defineElement('ccai-schedule-call', CcaiScheduleCall);

export { CcaiScheduleCall };

declare global {
  interface HTMLElementTagNameMap {
    'ccai-schedule-call': CcaiScheduleCall;
  }
}
