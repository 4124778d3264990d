/** `ccai-widgets`: registers all three elements. Import `ccai-widgets/classes` for the classes without registering. */
import './elements/schedule-call/define.js';
import './elements/call-status/define.js';
import './elements/customer-flags/define.js';

export * from './classes.js';
