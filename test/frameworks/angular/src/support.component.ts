import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'ccai-widgets'; // registers the elements

@Component({
  selector: 'app-support',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ccai-schedule-call
      menu-id="9"
      [languages]="['en', 'ja']"
      (ccai-call-scheduled)="callId = $event.detail.call.id"
    ></ccai-schedule-call>
    @if (callId !== undefined) {
      <ccai-call-status [callId]="callId"></ccai-call-status>
    }
  `,
})
export class SupportComponent {
  callId?: number;
}
