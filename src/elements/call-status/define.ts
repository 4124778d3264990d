import { defineElement } from '../../internal/define.js';
import { CcaiCallStatus } from './call-status.js';

defineElement('ccai-call-status', CcaiCallStatus);

export { CcaiCallStatus };

declare global {
  interface HTMLElementTagNameMap {
    'ccai-call-status': CcaiCallStatus;
  }
}
