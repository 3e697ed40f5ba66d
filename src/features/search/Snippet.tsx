// A match's snippet: the server escapes the text as HTML and marks the matched words with <mark>; this
// turns it into text nodes and <mark> elements (never HTML), so nothing in a note can become markup.
import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
const decode = (html: string) => html.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity]!);

export function Snippet({ html }: { html: string }) {
  const parts = html.split(/<mark>|<\/mark>/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} className="rounded-sm bg-amber-100 px-0.5 text-slate-900">
            {decode(part)}
          </mark>
        ) : (
          <Fragment key={index}>{decode(part)}</Fragment>
        ),
      )}
    </>
  );
}
