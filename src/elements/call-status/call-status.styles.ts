import { css } from 'lit';

export const callStatusStyles = css`
  /* Server text (an unknown status, a name, a reason) may be one long word: it wraps, never widens the page. */
  :host {
    overflow-wrap: anywhere;
  }
  .base {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  p,
  ul {
    margin: 0;
  }
  .status {
    display: grid;
  }
  .label {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .name {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    font-size: 1.125em;
    font-weight: 600;
  }
  .text {
    min-inline-size: 0;
  }
  .dot {
    flex: none;
    inline-size: 0.625em;
    block-size: 0.625em;
    border-radius: 50%;
    background: var(--_muted);
  }
  .live .dot {
    background: var(--_accent);
  }
  .done .dot {
    background: var(--_success);
  }
  .failed .dot {
    background: var(--_error);
  }
  .details {
    padding: 0;
    list-style: none;
  }
  .loading,
  .notice {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .dot {
      background: CanvasText;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .live .dot {
      animation: pulse 2s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
  }
`;
