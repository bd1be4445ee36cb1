import { css } from 'lit';

/** Styles of cs-grid: DOM cells, heatmap canvases, the selection box and the overlay editor. */
export const gridStyles = css`
  :host {
    display: inline-block;
    vertical-align: top;
  }
  .grid {
    position: relative;
    font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, monospace;
    line-height: 1;
    outline: none;
    cursor: cell;
    user-select: none;
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.18);
  }
  .grid:focus-visible {
    box-shadow: 0 0 0 2px #1f6feb;
  }
  .cells {
    position: absolute;
    inset: 0;
    display: grid;
    contain: strict;
    /* Grid lines: one gradient over the whole grid rather than a border on every cell. */
    background-image:
      linear-gradient(to right, rgba(0, 0, 0, 0.08) 1px, transparent 1px),
      linear-gradient(to bottom, rgba(0, 0, 0, 0.08) 1px, transparent 1px);
  }
  .picture .cells {
    background-image: none;
  }
  [role='row'] {
    display: contents;
  }
  canvas.heat {
    display: block;
    image-rendering: pixelated;
  }
  canvas.overlay {
    position: absolute;
    pointer-events: none;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .focus-box {
    position: absolute;
    pointer-events: none;
  }
  .range {
    position: absolute;
    pointer-events: none;
    box-sizing: border-box;
    border: 2px solid #1f6feb;
    background: rgba(31, 111, 235, 0.08);
  }
  input {
    position: absolute;
    box-sizing: border-box;
    border: 2px solid #1f6feb;
    padding: 0 2px;
    font: inherit;
    text-align: right;
    background: #fff;
    color: #000;
    outline: none;
    z-index: 1;
  }
`;
