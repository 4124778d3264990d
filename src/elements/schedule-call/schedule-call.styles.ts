import { css } from 'lit';

export const scheduleCallStyles = css`
  :host {
    /* Native pickers and the checkbox follow the theme's light or dark scheme. */
    color-scheme: light dark;
    /* Server text may hold words longer than a phone is wide (an unknown message, a name): they break. */
    overflow-wrap: anywhere;
  }
  form,
  fieldset,
  .confirmation {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: calc(var(--_space) / 2);
    font-weight: 600;
    font-size: 1.125em;
  }
  /* Two fields side by side where there is room, stacked on phones. */
  .row {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }
  .field {
    display: grid;
    gap: 4px;
    align-content: start;
    min-inline-size: 0;
  }
  label {
    font-weight: 500;
  }
  select,
  input[type='tel'] {
    font: inherit;
    inline-size: 100%;
    min-block-size: 44px;
    padding: 0 calc(var(--_space) * 0.75);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  select[aria-invalid='true'],
  input[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  .hint,
  .error,
  .alert p {
    margin: 0;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    font-size: 0.875em;
    font-weight: 500;
  }
  .alert {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
    padding: var(--_space);
    color: var(--_error);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
  }
  button[type='submit'] {
    justify-self: start;
  }
  .confirmation {
    padding: var(--_space);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .message {
    margin: 0;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: start;
  }
  .actions:empty {
    display: none;
  }
`;
