/**
 * The Learn drawer as the app shows it, under the sheet: the learn panel, wired to the app's session.
 * Live weights from a run are previewed on the sheet; the end of a run, a Reset and a generated set's
 * network are undoable changes; the drawer's settings are kept in the workbook without an undo step.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { checked, type EditResult } from '../../src-core/sheet/edit';
import type { Issue } from '../../src-core/sheet/issues';
import type { Workbook } from '../../src-core/sheet/types';
import type { Session } from '../session';
import type { LearnStatusDetail, LearnWeightsDetail } from './learn-panel';
import './learn-panel';

export interface LearnDrawerContext {
  readonly session: Session;
  readonly open: boolean;
  /** Opened before: the drawer stays in the page, hidden, so its examples and its run outlive closing it. */
  readonly mounted: boolean;
  /** Applies a change as one undoable step (saying what went wrong, if it did). */
  readonly apply: (result: EditResult, structural: boolean) => void;
  /** After a change the app did not make through `apply`. */
  readonly changed: (errors: readonly Issue[] | null) => void;
  readonly say: (message: string) => void;
}

export function learnDrawer(c: LearnDrawerContext): TemplateResult | typeof nothing {
  if (!c.open && !c.mounted) return nothing;
  const s = c.session;
  const edit = (workbook: Workbook, label: string, structural: boolean): void =>
    c.apply(checked(workbook, 0, label), structural);
  return html`<section class="drawer" aria-label="Learn" ?hidden=${!c.open}>
    <cs-learn-panel
      .workbook=${s.workbook}
      @learn-weights=${(e: CustomEvent<LearnWeightsDetail>) => {
        // Shown live while a run goes on; one undoable step when it stops.
        const result = checked(e.detail.workbook, 0, 'learn filter');
        c.changed(e.detail.live ? s.preview(result) : s.apply(result, false));
      }}
      @learn-reset=${(e: CustomEvent<{ workbook: Workbook }>) => edit(e.detail.workbook, 'reset learning', false)}
      @learn-open=${(e: CustomEvent<{ workbook: Workbook }>) =>
        edit(e.detail.workbook, "open the example set's network", true)}
      @learn-state=${(e: CustomEvent<{ learn: Record<string, unknown> }>) =>
        s.keep({ ...s.workbook, learn: e.detail.learn })}
      @learn-status=${(e: CustomEvent<LearnStatusDetail>) => {
        if (e.detail.message !== null) c.say(e.detail.message);
      }}
    ></cs-learn-panel>
  </section>`;
}
