// The project brings its own Node.js (the `node` package). npm checks `engines` against the Node that
// runs npm, so .npmrc silences those warnings; this test is the check that replaces them: the tests run
// on the brought runtime, and every installed package accepts it.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface PackageJson {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}
interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
  dev?: boolean;
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const project = readJson<PackageJson>('package.json');
const lock = readJson<{ packages: Record<string, LockedPackage> }>('package-lock.json');

describe('the Node.js runtime', () => {
  it('is the one the project pins, and within its engines range', () => {
    const pinned = lock.packages['node_modules/node']?.version;
    expect(pinned).toBeDefined();
    expect(process.version).toBe(`v${pinned}`);
    expect(semver.satisfies(process.version, project.engines!.node!)).toBe(true);
  });

  it('satisfies the engines of every installed package', () => {
    const refused = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && !pkg.optional)
      .flatMap(([path, pkg]) => {
        const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
        return range && !semver.satisfies(process.version, range, { includePrerelease: true })
          ? [`${path.replace(/^.*node_modules\//, '')}@${pkg.version} needs node ${range}`]
          : [];
      });
    expect(refused).toEqual([]);
  });
});
