// Type-checks Grafana dashboard JSON files against @grafana/schema's Dashboard type.
//
//   node check-dashboards.mjs FILE.json...
//
// Each file is checked as `<its JSON> satisfies Json<Dashboard>`, written in memory next to this
// script (so `@grafana/schema` resolves from ./node_modules) and on the JSON's own line numbers.
// Json<T> turns the schema's string enums into the unions of their values, which is what a JSON
// file can hold; numeric enums already accept their member numbers. `satisfies` also reports
// properties the schema does not know (such as the deprecated `style`).
//
// Prints one JSON object: file -> list of "line:column message" (empty when the file type-checks),
// and exits 1 when any file has an error.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const PRELUDE = "import type { Dashboard } from '@grafana/schema'; "
  + 'type Json<T> = T extends string ? `${T}` : T extends readonly (infer U)[] ? Json<U>[] '
  + ': T extends (...args: never[]) => unknown ? never : T extends object ? { [K in keyof T]: Json<T[K]> } : T; '
  + 'export const dashboard = ';

const files = process.argv.slice(2).map((file) => resolve(file));
if (files.length === 0) {
  console.error('usage: node check-dashboards.mjs FILE.json...');
  process.exit(2);
}
const sources = new Map(files.map((file, i) => [
  join(here, `dashboard-${i}.ts`),
  { file, text: PRELUDE + readFileSync(file, 'utf8').trimEnd() + ' satisfies Json<Dashboard>;\n' },
]));

const options = {
  strict: true, noEmit: true, skipLibCheck: true, types: [],
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
};
const host = ts.createCompilerHost(options);
const readFile = host.readFile.bind(host);
const fileExists = host.fileExists.bind(host);
const getSourceFile = host.getSourceFile.bind(host);
host.readFile = (name) => sources.get(name)?.text ?? readFile(name);
host.fileExists = (name) => sources.has(name) || fileExists(name);
host.getSourceFile = (name, language, onError, create) => sources.has(name)
  ? ts.createSourceFile(name, sources.get(name).text, language)
  : getSourceFile(name, language, onError, create);

const program = ts.createProgram([...sources.keys()], options, host);
const report = Object.fromEntries(files.map((file) => [file, []]));
let failed = false;
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const source = diagnostic.file && sources.get(diagnostic.file.fileName);
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  failed = true;
  if (!source) {
    // The schema package or the compiler setup, not a dashboard: say so plainly.
    (report['(setup)'] ??= []).push(message);
    continue;
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const column = line === 0 ? character - PRELUDE.length : character;
  report[source.file].push(`${line + 1}:${column + 1} ${message}`);
}
console.log(JSON.stringify(report, null, 2));
process.exit(failed ? 1 : 0);
