import { css } from 'lit';

/** Styles shared by the lesson panel and its tools: small grids, sums, tables, buttons. */
export const toolStyles = css`
  :host {
    display: block;
    font-size: 12px;
    color: #1a1a1a;
  }
  h3 {
    font-size: 12px;
    margin: 10px 0 4px;
    color: #333;
  }
  p {
    margin: 4px 0;
  }
  .hint {
    color: #666;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: flex-start;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin: 4px 0 8px;
  }
  button,
  select,
  input {
    font: inherit;
    font-size: 12px;
  }
  select {
    max-width: 100%;
  }
  input[type='range'] {
    flex: 1;
    min-width: 120px;
  }
  figure.mini {
    margin: 0;
  }
  figcaption {
    font-size: 11px;
    color: #555;
    margin-bottom: 2px;
  }
  .mini-grid {
    display: grid;
    width: max-content;
    border: 1px solid #c8ccd2;
    font-variant-numeric: tabular-nums;
  }
  .cell {
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
    white-space: nowrap;
    box-shadow: inset 0 0 0 0.5px rgba(0, 0, 0, 0.12);
  }
  .cell.pad {
    font-style: italic;
    opacity: 0.55;
    background-image: repeating-linear-gradient(45deg, transparent 0 3px, rgba(0, 0, 0, 0.08) 3px 4px);
  }
  .cell.window {
    box-shadow: inset 0 0 0 2px #e08a00;
    opacity: 1;
  }
  .cell.winner {
    box-shadow: inset 0 0 0 3px #e08a00;
    font-weight: 700;
  }
  .cell.current {
    box-shadow: inset 0 0 0 2px #111;
    font-weight: 700;
  }
  .cell.pending {
    background: #f4f4f4;
  }
  .cell.letter {
    font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
  }
  .sum,
  code,
  pre {
    font:
      12px/1.5 ui-monospace,
      'DejaVu Sans Mono',
      Menlo,
      monospace;
  }
  .sum {
    overflow-wrap: anywhere;
    background: #fafafa;
    border: 1px solid #e2e4e8;
    border-radius: 3px;
    padding: 4px 6px;
    margin: 4px 0;
  }
  pre {
    background: #fafafa;
    border: 1px solid #e2e4e8;
    border-radius: 3px;
    padding: 6px;
    overflow: auto;
    max-height: 260px;
    white-space: pre;
    margin: 4px 0;
  }
  pre.call {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    width: 100%;
  }
  th,
  td {
    text-align: right;
    padding: 2px 3px;
    border-bottom: 1px solid #eceef1;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  th {
    font-weight: 600;
    color: #444;
  }
  td {
    white-space: nowrap;
  }
  table.counts {
    font-size: 10.5px;
  }
  table.counts th,
  table.counts td {
    padding: 2px;
  }
  td.wrap {
    white-space: normal;
  }
  tr.current td {
    background: #fff4e0;
  }
  .warning {
    color: #8a5a00;
  }
  .good {
    color: #1d6b2f;
  }
  .bad {
    color: #a32020;
  }
`;
