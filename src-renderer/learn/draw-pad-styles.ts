import { css } from 'lit';

export const drawPadStyles = css`
  :host {
    display: inline-block;
    font:
      12px system-ui,
      sans-serif;
    color: #1a1a1a;
    user-select: none;
  }
  .frame {
    display: inline-block;
    line-height: 0;
    border: 1px solid #b8b8b8;
    box-shadow: 0 1px 2px rgba(0, 0, 0, 0.08);
  }
  canvas {
    display: block;
    cursor: crosshair;
    /* Touch and pen draw rather than scroll the drawer. */
    touch-action: none;
    image-rendering: pixelated;
  }
  /* Focused by a press so that Escape clears; not reachable with Tab, so no focus ring. */
  canvas:focus {
    outline: none;
  }
  .erasing canvas {
    cursor: cell;
  }
  .disabled canvas {
    cursor: not-allowed;
    opacity: 0.45;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin-top: 6px;
  }
  button {
    font: inherit;
    padding: 3px 10px;
  }
  button[aria-pressed='true'] {
    background: #dfe6ef;
    border: 1px solid #6b8fbf;
    border-radius: 3px;
    box-shadow: inset 0 1px 2px rgba(0, 0, 0, 0.2);
  }
  .hint {
    margin: 4px 0 0;
    color: #666;
    font-size: 11px;
  }
`;
