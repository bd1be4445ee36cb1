/**
 * The text of a lesson step: a small subset of Markdown read into plain data, which the panel renders
 * as text nodes (never as HTML), so a lesson file shared by anyone can only ever show words.
 *
 *   a blank line          starts a new paragraph
 *   "- " at a line start  a bullet item
 *   **bold**, *italic*    emphasis
 *   `code`                a code span (numbers, formulas, PyTorch names)
 *
 * Anything else, including HTML tags, is shown as the characters it is.
 */

export type SpanStyle = 'plain' | 'bold' | 'italic' | 'code';

export interface TextSpan {
  readonly style: SpanStyle;
  readonly text: string;
}

export type TextBlock =
  | { readonly kind: 'paragraph'; readonly spans: readonly TextSpan[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly TextSpan[])[] };

/** Paragraphs and bullet lists of a step's text. */
export function parseLessonText(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', spans: parseSpans(paragraph.join(' ')) });
    if (items.length > 0) blocks.push({ kind: 'list', items: items.map(parseSpans) });
    paragraph = [];
    items = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (line.startsWith('- ')) {
      if (paragraph.length > 0) flush();
      items.push(line.slice(2).trim());
    } else if (items.length > 0 && /^\s/.test(raw)) {
      // An indented line continues the bullet above it.
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line}`;
    } else {
      if (items.length > 0) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** Emphasis and code spans of one paragraph; an unclosed marker is kept as its characters. */
export function parseSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let plain = '';
  let i = 0;
  const push = (style: SpanStyle, t: string): void => {
    if (plain !== '') spans.push({ style: 'plain', text: plain });
    plain = '';
    spans.push({ style, text: t });
  };
  while (i < text.length) {
    const marker = text.startsWith('**', i) ? '**' : text[i] === '*' ? '*' : text[i] === '`' ? '`' : null;
    if (marker !== null) {
      const end = text.indexOf(marker, i + marker.length);
      // "2 * 3" is not emphasis: the marker must touch the text it encloses.
      const inner = end < 0 ? '' : text.slice(i + marker.length, end);
      if (end > i + marker.length && (marker === '`' || inner.trim() === inner)) {
        push(marker === '**' ? 'bold' : marker === '*' ? 'italic' : 'code', inner);
        i = end + marker.length;
        continue;
      }
    }
    plain += text[i];
    i++;
  }
  if (plain !== '') spans.push({ style: 'plain', text: plain });
  return spans;
}

/** The text without its markers: what a test or a screen reader compares against. */
export function plainText(blocks: readonly TextBlock[]): string {
  const line = (spans: readonly TextSpan[]) => spans.map((s) => s.text).join('');
  return blocks
    .map((b) => (b.kind === 'paragraph' ? line(b.spans) : b.items.map((it) => `- ${line(it)}`).join('\n')))
    .join('\n\n');
}
