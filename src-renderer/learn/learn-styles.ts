import { css } from 'lit';

export const learnStyles = css`
  /* The drawer changes twenty times a second while learning: containment keeps each change from
     making the browser lay out and repaint the page around it. */
  :host {
    display: block;
    contain: content;
    font:
      12px system-ui,
      sans-serif;
    color: #1a1a1a;
    background: #f4f4f4;
    border-top: 1px solid #ccc;
    padding: 6px 8px;
    box-sizing: border-box;
  }
  .bar {
    contain: content;
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
    margin-bottom: 6px;
  }
  .bar h2 {
    font-size: 13px;
    margin: 0 6px 0 0;
  }
  button {
    font: inherit;
    padding: 3px 10px;
  }
  button.primary {
    font-weight: 600;
    min-width: 64px;
  }
  progress {
    width: 140px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* A status line of steady width: its numbers change twenty times a second, the controls after it stay put. */
  .status {
    min-width: 440px;
    color: #333;
    font-variant-numeric: tabular-nums;
  }
  .alert {
    background: #fdecea;
    border: 1px solid #e0a39c;
    border-radius: 3px;
    padding: 4px 8px;
    margin: 0 0 6px;
  }
  .body {
    display: grid;
    grid-template-columns: minmax(260px, 300px) minmax(300px, 1fr) minmax(280px, auto);
    gap: 10px;
    align-items: start;
  }
  .settings {
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  fieldset {
    min-inline-size: 0;
    border: 1px solid #d4d4d4;
    border-radius: 3px;
    margin: 0;
    padding: 3px 6px 5px;
    display: flex;
    flex-wrap: wrap;
    gap: 3px 10px;
    align-items: center;
  }
  legend {
    font-weight: 600;
    padding: 0 3px;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 3px;
  }
  input[type='number'] {
    width: 64px;
    font: inherit;
  }
  select {
    font: inherit;
  }
  .inline {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .hint {
    margin: 0;
    color: #555;
    flex-basis: 100%;
  }
  .file input {
    max-width: 170px;
  }
  .fit {
    flex-basis: 100%;
    background: #fff8e1;
    border: 1px solid #e6cf8b;
    padding: 3px 6px;
  }
  .fit p {
    margin: 0;
  }
  .issues {
    margin: 2px 0;
    padding-left: 16px;
  }
  cs-loss-chart {
    height: 220px;
    background: #fff;
    border: 1px solid #ddd;
  }
  .accuracy {
    margin: 4px 0 0;
  }
  .check table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .check td,
  .check th {
    padding: 1px 6px;
    text-align: right;
    border-bottom: 1px solid #e4e4e4;
  }
  .check th:first-child,
  .check td:first-child {
    text-align: left;
  }
  h3 {
    font-size: 12px;
    margin: 8px 0 3px;
  }
  cs-example-gallery {
    margin-top: 8px;
  }
`;
