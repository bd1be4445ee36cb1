/**
 * The result of "Check gradients": for every trainable weight, backpropagation's dL/dw against central
 * differences (L(w + h) - L(w - h)) / 2h with h = 1e-6, as relative errors. Shown as the worst few and
 * a verdict; in float64 a correct gradient agrees to about 1e-7 or better.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { GradientCheck, GradientCheckEntry } from '../../src-core/learn/gradient-check';
import type { Issue } from '../../src-core/sheet/issues';
import { issueList } from './learn-examples';

/** Relative errors below this are agreement; a kink (ReLU at 0, tied maxima) can exceed it legitimately. */
export const AGREE = 1e-6;
const SHOWN = 6;

export function checkSection(
  check: GradientCheck | null,
  issues: readonly Issue[],
  checking: boolean,
  examples: number,
): TemplateResult | typeof nothing {
  if (checking)
    return html`<section class="check">
      <h3>Gradient check</h3>
      <p>checking…</p>
    </section>`;
  if (issues.length > 0)
    return html`<section class="check">
      <h3>Gradient check</h3>
      ${issueList(issues)}
    </section>`;
  if (check === null) return nothing;
  const worst = [...check.entries].sort((a, b) => b.relativeError - a.relativeError).slice(0, SHOWN);
  const bad = check.entries.filter((e) => !(e.relativeError < AGREE)).length;
  const verdict =
    bad === 0
      ? `all ${check.entries.length} gradients agree: every relative error is below ${AGREE.toExponential(0)}`
      : `${bad} of ${check.entries.length} relative errors are above ${AGREE.toExponential(0)}`;
  return html`<section class="check" aria-label="gradient check">
    <h3>Gradient check</h3>
    <p>
      Backpropagation against central differences, on the first ${examples} training
      example${examples === 1 ? '' : 's'}:
      <strong>${verdict}</strong>.
    </p>
    <table>
      <thead>
        <tr>
          <th>weight</th>
          <th>analytic dL/dw</th>
          <th>numeric</th>
          <th>relative error</th>
        </tr>
      </thead>
      <tbody>
        ${worst.map(row)}
      </tbody>
    </table>
  </section>`;
}

function row(e: GradientCheckEntry): TemplateResult {
  return html`<tr>
    <td><code>${e.path}</code></td>
    <td>${e.analytic.toPrecision(8)}</td>
    <td>${e.numeric.toPrecision(8)}</td>
    <td>${e.relativeError.toExponential(2)}</td>
  </tr>`;
}
