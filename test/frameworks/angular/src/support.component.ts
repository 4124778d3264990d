import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'ccai-widgets'; // registers the elements
import type { CcaiCallScheduledEvent } from 'ccai-widgets';

@Component({
  selector: 'app-support',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ccai-schedule-call
      menu-id="9"
      [languages]="['en', 'ja']"
      (ccai-call-scheduled)="booked = $event.detail"
    ></ccai-schedule-call>
    @if (booked) {
      <ccai-call-status
        [callId]="booked.call.id"
        [capability]="booked.capability"
      ></ccai-call-status>
    }
  `,
})
export class SupportComponent {
  booked?: CcaiCallScheduledEvent['detail'];
}
