#!/usr/bin/env node
// Generates JSON Schemas of every exported type in shared/api/*.ts (the response types the
// presenters implement) into server/http/openapi/response-schemas.json, so the OpenAPI document is
// derived from the code's own types, never written a second time by hand.
//   node scripts/openapi-schemas.mjs          write the file
//   node scripts/openapi-schemas.mjs --check  fail when the committed file is out of date
import fs from 'node:fs';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const out = path.resolve('server/http/openapi/response-schemas.json');
const files = [
  ...fs.readdirSync('shared/api').filter((f) => f.endsWith('.ts')).sort().map((f) => path.join('shared/api', f)),
  'shared/errors.ts',
  'shared/workflow/types.ts',
];
const definitions = {};
for (const file of files) {
  const source = fs.readFileSync(file, 'utf8');
  // Generic types (Page<T>) are instantiated by the document builder instead.
  const names = [...source.matchAll(/^export (?:interface|type) (\w+)(?!<)\b(?![<\w])/gm)].map((m) => m[1]);
  if (!names.length) continue;
  const generator = createGenerator({
    path: path.resolve(file),
    tsconfig: path.resolve('server/http/openapi/tsconfig.schemas.json'),
    expose: 'export',
    topRef: false,
    jsDoc: 'basic',
    skipTypeCheck: true,
    additionalProperties: true,
  });
  for (const name of names) {
    const schema = generator.createSchema(name);
    const { definitions: nested = {}, $schema: _ignored, ...own } = schema;
    Object.assign(definitions, nested, { [name]: own });
  }
}
const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
const text = `${JSON.stringify(sorted, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error('server/http/openapi/response-schemas.json is out of date: run `npm run openapi:schemas`.');
    process.exit(1);
  }
  console.log('OpenAPI response schemas are up to date.');
} else {
  fs.writeFileSync(out, text);
  console.log(`Wrote ${Object.keys(sorted).length} schemas to ${path.relative(process.cwd(), out)}`);
}
