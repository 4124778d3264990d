import { css } from 'lit';

/** "Call me now" or later, the wait, and the confirmation's Add to calendar link (a download that looks like a button). */
export const scheduleCallExtrasStyles = css`
  .modes {
    display: flex;
    flex-wrap: wrap;
    column-gap: calc(var(--_space) * 1.5);
  }
  .modes legend {
    font-weight: 500;
    font-size: 1em;
    margin-block-end: 4px;
  }
  input[type='radio'] {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .wait {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }
  .wait p {
    margin: 0;
  }
  .calendar {
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
    padding: 0 calc(var(--_space) * 1.5);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    color: var(--_accent);
    text-decoration: none;
  }
`;
