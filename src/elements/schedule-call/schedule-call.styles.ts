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
  }
  [part='legend'] {
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
  /* Field labels and the pickers' legends; not the choices' own labels. */
  [part~='label'] {
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
  /*
   * The day and time pickers (slot-picker.ts): choices that wrap into as many columns as fit, never
   * wider than the form; a long list scrolls inside a box of about six rows (a day of 5-minute
   * slots), whose padding leaves room for the focus ring.
   */
  .choices {
    display: grid;
    gap: calc(var(--_space) / 2);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 5.5em), 1fr));
    max-block-size: 20rem;
    overflow-y: auto;
    padding: 5px;
  }
  .picker {
    gap: 4px;
  }
  /*
   * Choices scrolled out of view are not laid out or painted (a day of 5-minute times is 288). That
   * clips what a choice paints to its padding box: the padding holds the focus ring (3px, offset
   * 2px) around the box, and the negative margin of the same size keeps the grid as it was.
   */
  .choice {
    position: relative;
    content-visibility: auto;
    contain-intrinsic-size: auto 44px;
    padding: 5px;
    margin: -5px;
  }
  /* The radio stays in the page for the keyboard and screen readers; its box is the label's span. */
  .choice input {
    position: absolute;
    inset: 5px;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .choice span {
    display: grid;
    place-items: center;
    min-block-size: 44px;
    padding: 4px;
    font-size: 0.875em;
    text-align: center;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .choice:hover span {
    border-color: var(--_accent);
  }
  .choice input:checked + span {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
    font-weight: 600;
  }
  /* Change time: the call's current time, shown where it is but not offered. */
  .choice input:disabled {
    cursor: default;
  }
  .choice input:disabled + span {
    border-style: dashed;
    text-decoration: line-through;
  }
  .choice:hover input:disabled + span {
    border-color: var(--_border);
  }
  .choice input:focus-visible + span {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [aria-invalid='true'] + span {
    border: 2px solid var(--_error);
  }
  @media (forced-colors: active) {
    .choice:hover span {
      border-color: var(--_accent);
    }
    .choice input:checked + span {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
    }
  }
  [part='hour'] {
    grid-column: 1 / -1;
    font-weight: 600;
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
  /* The message says when; while the call waits for that time, its status says only "Scheduled" (outcome.ts). */
  [data-scheduled]::part(details) {
    display: none;
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
