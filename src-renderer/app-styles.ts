import { css } from 'lit';

export const appStyles = css`
  :host {
    display: grid;
    /* toolbar, formula bar, main, then the Learn drawer when open, and the status line */
    grid-template-rows: auto auto minmax(0, 1fr) auto auto;
    height: 100vh;
    font:
      13px/1.4 system-ui,
      sans-serif;
    color: #1a1a1a;
    background: #f3f4f6;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 14px;
    padding: 6px 12px;
    background: #fff;
    border-bottom: 1px solid #d8dbe0;
    flex-wrap: wrap;
  }
  h1 {
    font-size: 15px;
    margin: 0;
  }
  .title {
    color: #444;
    margin-right: auto;
  }
  label {
    display: flex;
    align-items: center;
    gap: 5px;
    color: #444;
    font-size: 12px;
  }
  select,
  button {
    font: inherit;
    font-size: 12px;
  }
  .group {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .zoom {
    min-width: 3.2em;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  main {
    display: grid;
    grid-template-columns: 270px 1fr auto;
    min-height: 0;
  }
  cs-layer-panel {
    min-height: 0;
  }
  cs-sheet,
  cs-lesson-panel {
    min-height: 0;
  }
  .drawer {
    height: 46vh;
    overflow: auto;
    border-top: 1px solid #d0d4da;
    background: #fff;
  }
  .learn-toggle[aria-pressed='true'] {
    background: #1f6feb;
    color: #fff;
    border-color: #1f6feb;
  }
  footer {
    display: flex;
    gap: 16px;
    padding: 4px 12px;
    background: #fff;
    border-top: 1px solid #d8dbe0;
    font-size: 12px;
    color: #333;
    min-height: 18px;
  }
  .message {
    flex: 1;
  }
  .hover {
    color: #555;
    font-variant-numeric: tabular-nums;
  }
  .stats {
    color: #555;
  }
  .warning {
    color: #8a5a00;
  }
`;
