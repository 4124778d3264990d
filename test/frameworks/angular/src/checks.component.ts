// Compiled only, by tsconfig.checks.json. With strictTemplates, `$event` of a (ccai-…) binding has
// the package's event type: ngc must report exactly lines 13 and 14: a field the detail does not
// have, and `.detail` of the plain Event a misspelled event gets. The last tag's made-up names pass ngc
// (CUSTOM_ELEMENTS_SCHEMA); the test's check against custom-elements.json must report them.
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'ccai-widgets';

@Component({
  selector: 'app-checks',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ccai-call-status (ccai-status-change)="status = $event.detail.call.status"></ccai-call-status>
    <ccai-call-status (ccai-status-change)="status = $event.detail.nope"></ccai-call-status>
    <ccai-schedule-call (ccai-call-schedule)="callId = $event.detail.call.id"></ccai-schedule-call>
    <ccai-schedule-call
      menuid="9"
      [language]="'en'"
      (ccai-call-cancel)="cancelled = true"
    ></ccai-schedule-call>
  `,
})
export class ChecksComponent {
  status = '';
  callId?: number;
  cancelled = false;
}
