/**
 * The development harness of the learn drawer (harness.html, never built into the app): the sheet and
 * the drawer together, wired the way the app must wire them, so the drawer can be tried, measured and
 * photographed before it is mounted in the app's window. Live weights are shown as they come; every
 * change goes through a Session, so undo works as in the app.
 */
import { LitElement, css, html } from 'lit';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { checked, setValues } from '../../src-core/sheet/edit';
import type { Workbook } from '../../src-core/sheet/types';
import { NO_MARKS } from '../marks';
import { Session } from '../session';
import type { SheetEditDetail } from '../sheet';
import { DEFAULT_VIEW } from '../view';
import type { LearnWeightsDetail } from './learn-panel';
import '../sheet';
import './learn-panel';

export class CsLearnHarness extends LitElement {
  static override properties = { revision: { state: true } };

  declare revision: number;
  readonly session = new Session(firstRunWorkbook());

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
    }
    cs-sheet {
      flex: 1 1 40%;
      min-height: 160px;
    }
    cs-learn-panel {
      flex: 0 1 auto;
      max-height: 62vh;
      overflow: auto;
    }
  `;

  constructor() {
    super();
    this.revision = 0;
  }

  override render() {
    const s = this.session;
    return html`<cs-sheet
        .resolved=${s.resolved}
        .evaluation=${s.evaluation}
        .stamps=${s.stamps}
        .view=${{ ...DEFAULT_VIEW, zoom: 1 }}
        .selected=${null}
        .marks=${NO_MARKS}
        @sheet-edit=${this.onEdit}
      ></cs-sheet>
      <cs-learn-panel
        .workbook=${s.workbook}
        @learn-weights=${(e: CustomEvent<LearnWeightsDetail>) => this.show(e.detail.workbook, 'learn')}
        @learn-reset=${(e: CustomEvent<{ workbook: Workbook }>) => this.show(e.detail.workbook, 'reset learning')}
        @learn-open=${(e: CustomEvent<{ workbook: Workbook }>) => this.show(e.detail.workbook, 'open', true)}
        @learn-state=${(e: CustomEvent<{ learn: Record<string, unknown> }>) =>
          this.show({ ...s.workbook, learn: e.detail.learn }, 'learning settings')}
      ></cs-learn-panel>`;
  }

  private show(workbook: Workbook, label: string, structural = false): void {
    this.session.apply(checked(workbook, 0, label), structural);
    this.revision++;
  }

  private onEdit = (e: CustomEvent<SheetEditDetail>): void => {
    const { grid, changes } = e.detail;
    if (grid.source.kind !== 'parameter') return;
    this.session.apply(setValues(this.session.workbook, grid.source.target, changes, grid.label), false);
    this.revision++;
  };
}

customElements.define('cs-learn-harness', CsLearnHarness);

declare global {
  interface HTMLElementTagNameMap {
    'cs-learn-harness': CsLearnHarness;
  }
}
