import { css } from 'lit';

/** Shared by the file dialogs: a modal panel over a dimmed page, a form on the left, a preview on the right. */
export const dialogStyles = css`
  :host {
    font:
      13px/1.4 system-ui,
      sans-serif;
    color: #1a1a1a;
  }
  .backdrop {
    position: fixed;
    inset: 0;
    background: rgb(20 24 31 / 35%);
    display: grid;
    place-items: center;
    z-index: 10;
  }
  .dialog {
    background: #fff;
    border-radius: 8px;
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
    padding: 18px 22px 16px;
    min-width: 420px;
    max-width: min(860px, calc(100vw - 40px));
    max-height: calc(100vh - 40px);
    overflow: auto;
  }
  h2 {
    font-size: 15px;
    margin: 0 0 12px;
    overflow-wrap: anywhere;
  }
  .columns {
    display: flex;
    gap: 24px;
    align-items: flex-start;
  }
  .options {
    display: grid;
    grid-template-columns: auto auto;
    gap: 8px 10px;
    align-items: center;
    justify-items: start;
    min-width: 250px;
  }
  .options > label {
    color: #444;
    font-size: 12px;
  }
  .options .wide {
    grid-column: 1 / -1;
  }
  .hint {
    color: #666;
    font-size: 11.5px;
    max-width: 280px;
  }
  select,
  input,
  button {
    font: inherit;
    font-size: 12.5px;
  }
  input[type='number'] {
    width: 5.5em;
  }
  input[type='text'] {
    width: 10em;
  }
  .check {
    display: flex;
    gap: 6px;
    align-items: flex-start;
  }
  .check input {
    margin: 2px 0 0;
  }
  .size {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .preview {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-width: 240px;
  }
  .channels {
    display: flex;
    gap: 10px;
    flex-wrap: wrap;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 11px;
    color: #555;
  }
  canvas {
    image-rendering: pixelated;
    border: 1px solid #c9ced6;
    display: block;
  }
  table {
    border-collapse: collapse;
    width: max-content;
    font:
      11px ui-monospace,
      monospace;
  }
  td {
    border: 1px solid #dde1e6;
    padding: 1px 5px;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .shape {
    font-weight: 600;
  }
  .notes,
  .stats {
    color: #555;
    font-size: 12px;
  }
  .fit {
    padding: 6px 8px;
    border-radius: 4px;
    font-size: 12px;
    max-width: 380px;
  }
  .fit.ok {
    background: #eaf5ec;
    color: #1e5a2b;
  }
  .fit.bad,
  .error {
    background: #fdecea;
    color: #8a1c12;
  }
  .error {
    padding: 8px 10px;
    border-radius: 4px;
    max-width: 520px;
    overflow-wrap: anywhere;
  }
  footer {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 16px;
  }
  button.primary {
    background: #1f5fbf;
    color: #fff;
    border: 1px solid #1a52a5;
    border-radius: 4px;
    padding: 4px 12px;
  }
  button.primary:disabled {
    background: #9db5d9;
    border-color: #9db5d9;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    gap: 10px;
  }
`;
