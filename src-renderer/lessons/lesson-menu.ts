import { LitElement, css, html } from 'lit';
import { readLesson } from '../../src-core/lessons/lesson-read';
import { BUILTIN_LESSONS } from './builtin';
import type { OpenedLesson } from './lesson-panel';

/** Lesson files larger than this are refused before reading: a lesson is text and a few small grids. */
const MAX_LESSON_BYTES = 8 * 1024 * 1024;

/**
 * The Lesson picker of the header: the built-in lessons, the teaching tools on their own, and a
 * lesson file from disk (`*.lesson.json`, as a teacher shares it).
 *
 * @fires lesson-open - CustomEvent<OpenedLesson>
 * @fires lesson-error - CustomEvent<{message: string}>: a lesson file could not be read.
 */
export class CsLessonMenu extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
    label {
      display: flex;
      align-items: center;
      gap: 5px;
      color: #444;
      font-size: 12px;
    }
    select {
      font: inherit;
      font-size: 12px;
      max-width: 15em;
    }
    input {
      display: none;
    }
  `;

  override render() {
    return html`<label
        >Lesson
        <select aria-label="open a lesson" @change=${this.onChoose}>
          <option value="" selected>choose…</option>
          ${BUILTIN_LESSONS.map((l) => html`<option value=${l.id}>${l.title}</option>`)}
          <option value="tools">Teaching tools only</option>
          <option value="file">Open a lesson file…</option>
        </select></label
      >
      <input type="file" accept=".json,application/json" aria-label="lesson file" @change=${this.onFile} />`;
  }

  private onChoose = (e: Event): void => {
    const select = e.target as HTMLSelectElement;
    const id = select.value;
    select.value = '';
    if (id === 'file') {
      this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
      return;
    }
    if (id === 'tools') {
      this.open({ lesson: null });
      return;
    }
    const builtin = BUILTIN_LESSONS.find((l) => l.id === id);
    if (builtin !== undefined) this.open({ lesson: builtin.load() });
  };

  private onFile = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    if (file.size > MAX_LESSON_BYTES) {
      this.fail(`${file.name}: ${Math.round(file.size / 1024 / 1024)} MB is too large for a lesson file`);
      return;
    }
    const r = readLesson(await file.text(), file.name.replace(/\.lesson\.json$|\.json$/, ''));
    if (r.ok) this.open({ lesson: r.value });
    else
      this.fail(
        `${file.name}: ${r.errors
          .slice(0, 3)
          .map((x) => x.message)
          .join('; ')}`,
      );
  };

  private open(detail: OpenedLesson): void {
    this.dispatchEvent(new CustomEvent('lesson-open', { detail, bubbles: true, composed: true }));
  }

  private fail(message: string): void {
    this.dispatchEvent(
      new CustomEvent('lesson-error', { detail: { message }, bubbles: true, composed: true }),
    );
  }
}

customElements.define('cs-lesson-menu', CsLessonMenu);

declare global {
  interface HTMLElementTagNameMap {
    'cs-lesson-menu': CsLessonMenu;
  }
}
