// How a recording gets into Tapeline, for the empty conversation list and an empty timeline: through the
// API (an integration) or the CLI on the server. In-browser calls will add a third way.
const code = 'rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.8125rem] text-slate-800';

/** `objectId`: the conversation whose timeline is empty; without it, a new conversation is meant. */
export function FirstRecordingHelp({ objectId }: { objectId?: string }) {
  const target = objectId ? `--object ${objectId}` : '--object-external-id <id> --object-title "<title>"';
  const body = objectId
    ? `{"objectId": "${objectId}", "agent": "<username>"}`
    : '{"object": {"externalId", "title", "team", "agent"}, "agent": "<username>"}';
  return (
    <div className="mx-auto mt-4 max-w-xl space-y-3 text-left text-sm text-slate-600">
      <p>Recordings arrive in one of two ways:</p>
      <ul className="list-disc space-y-2 pl-5">
        <li>
          An integration calls <code className={code}>POST /api/recordings</code> with{' '}
          <code className={code}>{body}</code>, uploads the file and completes it (see the{' '}
          <a className="font-medium text-brand-700 underline" href="/api/docs">
            API documentation
          </a>
          ).
        </li>
        <li>
          On the server, import files:
          <code className={`${code} mt-1 block overflow-x-auto whitespace-nowrap py-1.5`}>
            npm run tapeline -- import {target} --agent &lt;username&gt; call.webm
          </code>
        </li>
      </ul>
    </div>
  );
}
