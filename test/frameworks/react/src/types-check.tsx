// Type-checked only: the typings must take what React 19 passes to the tags (their attributes, the
// properties' camelCase names, React's own props) and refuse what the elements do not take.
// (TypeScript lets any attribute with a dash through on every JSX element, so the made-up names
// here have none.)
import { useRef } from 'react';
import 'ccai-widgets/react';
import type { CcaiCallStatus } from 'ccai-widgets/react';

export const unknownProperty = (
  // @ts-expect-error -- not an attribute or property of <ccai-schedule-call>
  <ccai-schedule-call menuid="9" />
);
export const misspelledProperty = (
  // @ts-expect-error -- the property is callId
  <ccai-call-status calId={514} />
);
export const wrongType = (
  // @ts-expect-error -- languages is a list or a comma string, not a number
  <ccai-schedule-call languages={42} />
);
export const wrongPropertyType = (
  // @ts-expect-error -- daysAhead is a number or a numeric string
  <ccai-schedule-call daysAhead={true} />
);
export const wrongHandler = (
  // @ts-expect-error -- onClick takes a function
  <ccai-call-status onClick="alert(1)" />
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

/** React 19 sets a prop as the element's property when it has one: the camelCase names are typed. */
export const properties = (
  <>
    <ccai-schedule-call
      menuId={9}
      callId="514"
      ticketId="T-1"
      baseUrl="/backend"
      daysAhead={14}
      slotMinutes="30"
      minLeadMinutes={60}
      defaultCountry="GB"
      recordingConsent
      languages={['en', 'ja']}
      modes="now,later"
    />
    <ccai-call-status
      callId={514}
      baseUrl="/backend"
    />
    <ccai-customer-flags
      callId="514"
      baseUrl="/backend"
      readonly
    />
  </>
);

/** React's own props, as on any element: handlers, ARIA, `inert`, `ref` typed as the element class. */
export function ReactProps() {
  const status = useRef<CcaiCallStatus>(null);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <ccai-call-status
        ref={status}
        key="status"
        id="status"
        className="status"
        style={{ marginBlock: 8 }}
        role="region"
        aria-label="Your call"
        aria-live="polite"
        tabIndex={-1}
        inert
        hidden
        lang="en"
        dir="ltr"
        title="Call status"
        data-call="514"
        slot="status"
        suppressHydrationWarning
        onClick={(event) => event.currentTarget.callId}
        onKeyDown={(event) => event.key}
        onFocus={() => status.current?.callId}
        call-id={514}
      />
      <ccai-schedule-call ref={(element) => void element?.menuId} />
      {/* @ts-expect-error -- the ref is <ccai-call-status>'s, not an input's */}
      <ccai-call-status ref={input} />
    </>
  );
}
