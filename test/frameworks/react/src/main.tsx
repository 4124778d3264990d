// A React 19 app as the README shows it: one import, no declarations of its own.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'ccai-widgets/react';
import type { CcaiCallScheduledEvent } from 'ccai-widgets/react';

function App() {
  const [booked, setBooked] = useState<CcaiCallScheduledEvent['detail']>();
  return (
    <main>
      <ccai-schedule-call
        menu-id="9"
        languages="en,ja"
        days="mon-sun"
        hours="00:00-23:45"
        default-country="US"
        recording-consent
        onccai-call-scheduled={(event) => setBooked(event.detail)}
      />
      {booked && (
        <ccai-call-status
          call-id={booked.call.id}
          capability={booked.capability}
        />
      )}
      {booked && (
        <ccai-customer-flags
          call-id={booked.call.id}
          readonly
        />
      )}
      <p id="booked">{booked?.call.id ?? ''}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
