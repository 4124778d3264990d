import { defineElement } from '../../internal/define.js';
import { CcaiCustomerFlags } from './customer-flags.js';

defineElement('ccai-customer-flags', CcaiCustomerFlags);

export { CcaiCustomerFlags };

declare global {
  interface HTMLElementTagNameMap {
    'ccai-customer-flags': CcaiCustomerFlags;
  }
}
