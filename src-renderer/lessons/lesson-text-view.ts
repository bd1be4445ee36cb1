/**
 * A step's text as Lit templates: paragraphs, bullet lists, bold, italic and code spans, every piece of
 * it a text node. Lesson files come from anyone, so nothing in them is ever read as HTML.
 */
import { html, type TemplateResult } from 'lit';
import { parseLessonText, type TextSpan } from '../../src-core/lessons/lesson-text';

function span(s: TextSpan): TemplateResult | string {
  switch (s.style) {
    case 'bold':
      return html`<strong>${s.text}</strong>`;
    case 'italic':
      return html`<em>${s.text}</em>`;
    case 'code':
      return html`<code>${s.text}</code>`;
    case 'plain':
      return s.text;
  }
}

export function lessonText(text: string): TemplateResult[] {
  return parseLessonText(text).map((b) =>
    b.kind === 'paragraph'
      ? html`<p>${b.spans.map(span)}</p>`
      : html`<ul>
          ${b.items.map((item) => html`<li>${item.map(span)}</li>`)}
        </ul>`,
  );
}
