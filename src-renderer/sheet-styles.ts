import { css } from 'lit';

export const sheetStyles = css`
  :host {
    display: block;
    position: relative;
    min-height: 0;
    min-width: 0;
  }
  .scroller {
    position: absolute;
    inset: 0;
    overflow: auto;
    background: #f3f4f6;
  }
  .sheet {
    display: flex;
    align-items: flex-start;
    gap: 18px;
    padding: 16px;
    width: max-content;
  }
  .block {
    background: #fff;
    border: 1px solid #d8dbe0;
    border-radius: 6px;
    padding: 10px 12px 12px;
    box-shadow: 0 1px 2px rgba(0, 0, 0, 0.04);
  }
  header {
    margin-bottom: 8px;
    max-width: max(100%, 260px);
  }
  h2 {
    font-size: 14px;
    margin: 0;
    font-weight: 600;
    white-space: nowrap;
  }
  .meta {
    color: #555;
    font-size: 12px;
    margin-top: 2px;
  }
  .shape {
    font-variant-numeric: tabular-nums;
  }
  .formula {
    font:
      11px/1.4 ui-monospace,
      'DejaVu Sans Mono',
      Menlo,
      monospace;
    color: #444;
    white-space: nowrap;
  }
  .legend {
    display: flex;
    flex-direction: column;
    gap: 2px;
    margin-top: 6px;
    width: 180px;
    font-size: 10px;
    color: #555;
  }
  .legend .bar {
    height: 8px;
    border-radius: 2px;
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.12);
  }
  .legend .ends {
    display: flex;
    justify-content: space-between;
    font-variant-numeric: tabular-nums;
  }
  .body {
    display: flex;
    gap: 16px;
    align-items: flex-start;
  }
  h3 {
    font-size: 11px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #666;
    margin: 0 0 4px;
  }
  .filters,
  .maps {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .filter-row {
    display: flex;
    gap: 10px;
    align-items: flex-start;
  }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 3px;
  }
  figcaption {
    font-size: 11px;
    color: #333;
    white-space: nowrap;
  }
  select.preset {
    font-size: 11px;
    max-width: 140px;
  }
`;
