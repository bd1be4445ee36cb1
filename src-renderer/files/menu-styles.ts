import { css } from 'lit';

/** The header's File, Import and Export controls, their drop-down menus and the document title. */
export const menuStyles = css`
  /* Takes the toolbar's spare width, and gives it up before the toolbar wraps: the title shortens first. */
  :host {
    display: flex;
    align-items: center;
    gap: 6px;
    flex: 1 1 0;
    min-width: min-content;
  }
  .menu {
    position: relative;
  }
  .menu > button,
  .import {
    font: inherit;
    font-size: 12px;
  }
  [role='menu'] {
    position: absolute;
    top: calc(100% + 4px);
    left: 0;
    z-index: 5;
    min-width: 240px;
    max-width: 440px;
    background: #fff;
    border: 1px solid #c9ced6;
    border-radius: 6px;
    box-shadow: 0 6px 20px rgb(0 0 0 / 15%);
    padding: 4px 0;
    display: flex;
    flex-direction: column;
  }
  [role='menuitem'] {
    font: inherit;
    font-size: 12.5px;
    text-align: left;
    background: none;
    border: 0;
    padding: 5px 14px;
    display: flex;
    justify-content: space-between;
    gap: 18px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    color: #1a1a1a;
  }
  [role='menuitem']:hover:not(:disabled),
  [role='menuitem']:focus-visible {
    background: #e8f0fc;
    outline: none;
  }
  [role='menuitem']:disabled {
    color: #999;
  }
  .key {
    color: #777;
  }
  [role='separator'] {
    border-top: 1px solid #e3e6ea;
    margin: 4px 0;
  }
  .heading {
    font-size: 11px;
    color: #777;
    padding: 4px 14px 2px;
  }
  .note {
    font-size: 11.5px;
    color: #777;
    padding: 3px 14px;
    white-space: normal;
  }
  .title {
    color: #444;
    margin-left: 6px;
    min-width: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;
