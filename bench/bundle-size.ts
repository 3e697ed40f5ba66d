// Prints the SPA's first-load JavaScript (what dist/index.html loads before anything is lazy) in gzip bytes.
// Run: npx tsx bench/bundle-size.ts   (builds dist/ first; `--no-build` reads the dist/ that is there)
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const DIST = 'dist';
/** The issue's budget for the initial JavaScript, gzip. */
const BUDGET_KB = 140;

interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Level 9, as Vite's own build report measures, so the numbers match what `vite build` prints. */
function sizeOf(file: string): AssetSize {
  const content = readFileSync(join(DIST, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** The entry script and modulepreloads of index.html, as paths under dist/. */
function initialFromHtml(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return [...scripts, ...preloads];
}

/**
 * Follows static imports (`import … from "./x.js"`, `import "./x.js"`) from the initial files, so a chunk
 * the entry imports statically counts even if index.html forgot to preload it. Dynamic `import()` is lazy.
 */
function withStaticImports(files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    for (const match of code.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g,
    )) {
      visit(posix.join(posix.dirname(file), match[1]!));
    }
  };
  files.forEach(visit);
  return [...seen];
}

const kb = (bytes: number) => (bytes / 1000).toFixed(2);

function printTable(title: string, sizes: AssetSize[]): number {
  const total = sizes.reduce((sum, size) => sum + size.gzipBytes, 0);
  const rawTotal = sizes.reduce((sum, size) => sum + size.bytes, 0);
  console.log(`\n### ${title}\n`);
  console.log('| file | raw kB | gzip kB |');
  console.log('|---|---:|---:|');
  for (const size of [...sizes].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    console.log(`| ${size.file} | ${kb(size.bytes)} | ${kb(size.gzipBytes)} |`);
  }
  console.log(`| **total** | **${kb(rawTotal)}** | **${kb(total)}** |`);
  return total;
}

if (!process.argv.includes('--no-build')) await build({ logLevel: 'warn' });

const initialFiles = withStaticImports(initialFromHtml(readFileSync(join(DIST, 'index.html'), 'utf8')));
const allScripts = readdirSync(join(DIST, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => `assets/${name}`);
const lazyFiles = allScripts.filter((file) => !initialFiles.includes(file));

const initialTotal = printTable(
  'Initial JavaScript (entry, its static imports and modulepreloads)',
  initialFiles.map(sizeOf),
);
printTable('Lazy chunks (loaded by dynamic import, not on first load)', lazyFiles.map(sizeOf));
console.log(
  `\nInitial JS: ${kb(initialTotal)} kB gzip; budget ${BUDGET_KB} kB (${initialTotal <= BUDGET_KB * 1000 ? 'within' : 'over'}).`,
);
