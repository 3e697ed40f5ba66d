// No role check outside the access model: the server asks server/modules/access and the SPA the helpers
// in contract/permissions.ts. A `role === …` anywhere else is a rule that escaped the one table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROLE = `'(admin|qa_manager|trainer|supervisor|agent)'`;
const ROLE_CHECK = new RegExp(
  [
    String.raw`\brole\s*[!=]==\s*` + ROLE,
    ROLE + String.raw`\s*[!=]==\s*[\w.]*\brole\b`,
    String.raw`switch\s*\([\w.]*\brole\)`,
    String.raw`includes\([\w.]*\brole\)`,
  ].join('|'),
);
const ALLOWED = ['contract/permissions.ts', 'server/modules/access/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the access model', () => {
  it('is the only place that checks a role', () => {
    const offenders = ['server', 'src', 'contract']
      .flatMap(sourceFiles)
      .filter((path) => !ALLOWED.some((allowed) => path.startsWith(allowed)))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, index) => (ROLE_CHECK.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
