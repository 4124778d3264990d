// Type-checked only: the typings must refuse what the elements do not take. (TypeScript lets any
// attribute with a dash through on every JSX element, so the made-up one here has none.)
import 'ccai-widgets/react';

export const unknownProperty = (
  // @ts-expect-error -- not an attribute or property of <ccai-schedule-call>
  <ccai-schedule-call menuid="9" />
);
export const wrongType = (
  // @ts-expect-error -- languages is a list or a comma string, not a number
  <ccai-schedule-call languages={42} />
);
export const typedPayload = (
  <ccai-call-status
    call-id={514}
    onccai-status-change={(event) => {
      const status: string = event.detail.call.status;
      const previous: string | null = event.detail.previousStatus;
      // @ts-expect-error -- the detail has no such field
      void event.detail.nope;
      return [status, previous];
    }}
  />
);
