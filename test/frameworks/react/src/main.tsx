// A React 19 app as the README shows it: one import, no declarations of its own.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'ccai-widgets/react';

function App() {
  const [callId, setCallId] = useState<number>();
  return (
    <main>
      <ccai-schedule-call
        menu-id="9"
        languages="en,ja"
        days="mon-sun"
        hours="00:00-23:45"
        default-country="US"
        recording-consent
        onccai-call-scheduled={(event) => setCallId(event.detail.call.id)}
      />
      {callId !== undefined && <ccai-call-status call-id={callId} />}
      {callId !== undefined && (
        <ccai-customer-flags
          call-id={callId}
          readonly
        />
      )}
      <p id="booked">{callId ?? ''}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
