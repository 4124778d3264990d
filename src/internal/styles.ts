import { css } from 'lit';

/**
 * Theme tokens. Public `--ccai-*` properties are read, never declared, on `:host`, so a site can
 * set them on any ancestor; the private `--_*` copies carry the defaults (light and dark). Boxes
 * are sized and placed with logical properties only (inline/block, start/end), so a right-to-left
 * host mirrors with no rules of its own.
 */
// Arabic and Hebrew copy reads right to left even on a page that declares no `dir` (`lang="ar"`
// alone); other languages take the page's direction, and a `dir` on the element itself wins. Inner
// elements (the status in a confirmation) inherit it.
export const themeStyles = css`
  :host {
    --_accent: var(--ccai-accent, #0b57d0);
    --_on-accent: var(--ccai-on-accent, #ffffff);
    --_fg: var(--ccai-color, #1f1f1f);
    --_muted: var(--ccai-muted-color, #474747);
    --_bg: var(--ccai-background, #ffffff);
    --_surface: var(--ccai-surface, #f0f4f9);
    --_border: var(--ccai-border-color, #747775);
    --_error: var(--ccai-error-color, #b3261e);
    --_success: var(--ccai-success-color, #146c2e);
    --_focus: var(--ccai-focus-color, #0b57d0);
    --_radius: var(--ccai-radius, 8px);
    --_space: var(--ccai-spacing, 12px);
    --_font: var(--ccai-font-family, inherit);
    --_font-size: var(--ccai-font-size, 1rem);
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--ccai-accent, #a8c7fa);
      --_on-accent: var(--ccai-on-accent, #062e6f);
      --_fg: var(--ccai-color, #e3e3e3);
      --_muted: var(--ccai-muted-color, #c4c7c5);
      --_bg: var(--ccai-background, #1f1f1f);
      --_surface: var(--ccai-surface, #2d2f31);
      --_border: var(--ccai-border-color, #8e918f);
      --_error: var(--ccai-error-color, #f2b8b5);
      --_success: var(--ccai-success-color, #6dd58c);
      --_focus: var(--ccai-focus-color, #a8c7fa);
    }
  }
  /*
   * Text on the accent follows the accent unless the site sets it (--ccai-on-accent): a site that
   * sets only --ccai-accent gets white on a dark accent and a dark shade of the accent's hue on a
   * light one, in either scheme. With the widget's own accents this is the light scheme's white and
   * a dark blue. Where relative colours are missing, the fixed defaults above stay.
   */
  @supports (color: oklch(from red l c h)) {
    :host {
      --_on-accent: var(
        --ccai-on-accent,
        oklch(
          from var(--_accent)
            calc(clamp(0, (0.57 - l) * 1000, 1) + (1 - clamp(0, (0.57 - l) * 1000, 1)) * max(0, l - 0.55))
            calc((1 - clamp(0, (0.57 - l) * 1000, 1)) * min(c, 0.12)) h
        )
      );
    }
  }
  :host(:not([dir]):lang(ar)),
  :host(:not([dir]):lang(he)),
  :host(:not([dir]):lang(iw)) {
    direction: rtl;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    min-block-size: 44px;
    padding: 0 calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .error {
    color: var(--_error);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition:
        background-color 120ms ease,
        box-shadow 120ms ease;
    }
  }
`;

/**
 * A checkbox with its label in one row (`.checkbox` on the row), the whole row a comfortable touch
 * target. Elements put their own rules after it (cursor, read-only colour).
 */
export const checkboxStyles = css`
  .checkbox {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 1.5);
    min-block-size: 44px;
  }
  input[type='checkbox'] {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }
`;
