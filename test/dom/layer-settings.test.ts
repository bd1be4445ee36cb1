import { afterEach, describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import type { CsLayerSettings, LayerChangeDetail, SettingError } from '../../src-renderer/layer-settings';
import { readIntOrPair } from '../../src-renderer/layer-settings';
import '../../src-renderer/layer-settings';

async function mount(index: number): Promise<CsLayerSettings> {
  const form = document.createElement('cs-layer-settings');
  form.layer = firstRunWorkbook().layers[index] ?? null;
  form.index = index;
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function field(form: CsLayerSettings, name: string): HTMLInputElement {
  const f = form.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

afterEach(() => document.body.replaceChildren());

describe('layer settings form', () => {
  it("shows a conv layer's settings as they are", async () => {
    const form = await mount(0);
    const names = [...(form.shadowRoot?.querySelectorAll('[name]') ?? [])].map((e) => e.getAttribute('name'));
    expect(names).toEqual([
      'name',
      'filters',
      'kernel',
      'stride',
      'padding',
      'paddingMode',
      'dilation',
      'hasBias',
      'flip',
    ]);
    expect(field(form, 'kernel').value).toBe('3');
    expect(field(form, 'hasBias').checked).toBe(true);
  });

  it('reports a change as a patch naming the setting', async () => {
    const form = await mount(0);
    const seen: LayerChangeDetail[] = [];
    form.addEventListener('layer-change', (e) => seen.push((e as CustomEvent<LayerChangeDetail>).detail));
    field(form, 'kernel').value = '3 x 5';
    field(form, 'kernel').dispatchEvent(new Event('change'));
    field(form, 'padding').value = 'same';
    field(form, 'padding').dispatchEvent(new Event('change'));
    expect(seen).toEqual([
      { index: 0, setting: 'kernel', patch: { kernel: [3, 5] } },
      { index: 0, setting: 'padding', patch: { padding: 'same' } },
    ]);
  });

  it('text it cannot read is refused on the spot; an error is shown beside its control', async () => {
    const form = await mount(0);
    const refused: SettingError[] = [];
    form.addEventListener('setting-error', (e) => refused.push((e as CustomEvent<SettingError>).detail));
    field(form, 'stride').value = 'two';
    field(form, 'stride').dispatchEvent(new Event('change'));
    expect(refused[0]?.messages).toEqual(['"two" is not a stride: write one number or two, as 3 x 5']);
    form.error = { layer: 0, setting: 'stride', messages: ['stride must be at least 1'] };
    await form.updateComplete;
    expect(form.shadowRoot?.querySelector('.error')?.textContent).toBe('stride must be at least 1');
    expect(field(form, 'stride').getAttribute('aria-invalid')).toBe('true');
    expect(field(form, 'kernel').getAttribute('aria-invalid')).toBe('false');
  });

  it('a pool offers max or average, a ReLU the other activations', async () => {
    const pool = await mount(4);
    expect([...field(pool, 'type').querySelectorAll('option')].map((o) => o.value)).toEqual([
      'maxpool2d',
      'avgpool2d',
    ]);
    pool.remove();
    const relu = await mount(1);
    expect([...field(relu, 'type').querySelectorAll('option')].map((o) => o.value)).toEqual([
      'relu',
      'leaky_relu',
      'sigmoid',
      'tanh',
    ]);
  });

  it('reads "3", "3 x 5", "3,5" and refuses words', () => {
    expect([
      readIntOrPair('3'),
      readIntOrPair('3 x 5'),
      readIntOrPair('3,5'),
      readIntOrPair(' 2 1 '),
    ]).toEqual([3, [3, 5], [3, 5], [2, 1]]);
    expect(readIntOrPair('three')).toBeNull();
    expect(readIntOrPair('1 2 3')).toBeNull();
  });
});
