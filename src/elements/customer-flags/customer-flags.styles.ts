import { css } from 'lit';

export const customerFlagsStyles = css`
  /* Server text in an error may be one long word: it wraps, never widens the page. */
  :host {
    overflow-wrap: anywhere;
  }
  fieldset {
    margin: 0;
    min-inline-size: 0;
    padding: calc(var(--_space) / 2) var(--_space) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    padding: 0 calc(var(--_space) / 2);
    font-weight: 600;
  }
  /* The whole row toggles the box. */
  label {
    cursor: pointer;
  }
  input[type='checkbox'] {
    cursor: inherit;
  }
  /* Saving: the box keeps focus and shows the new value, but cannot change again until the server answers.
     Loading: the box is in its place but not known yet (disabled, mixed). */
  label:has(input[aria-disabled='true']),
  label:has(input:disabled) {
    cursor: progress;
    opacity: 0.75;
  }
  label:has(input[aria-readonly='true']) {
    cursor: default;
  }
  label:has(input[aria-readonly='true']) input {
    accent-color: var(--_muted);
  }
  p {
    margin: 0;
  }
  .status {
    margin-block-start: var(--_space);
    color: var(--_muted);
  }
  .error:not(:empty) {
    margin-block-start: var(--_space);
  }
  .load-error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space);
  }
`;
