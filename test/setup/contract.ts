import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ResponseRecord } from '../../server/app';
import { documentedStatuses, openApiDocument } from '../../server/http/openapi/document';
import { OPERATIONS, type Operation } from '../../server/http/openapi/operations';

const API_PREFIX = '/api/v1';

interface Matcher {
  operation: Operation;
  pattern: RegExp;
  /** fewer parameters = more specific, tried first */
  params: number;
}

const matchers: Matcher[] = OPERATIONS.map((operation) => ({
  operation,
  pattern: new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
  params: (operation.path.match(/\{/g) ?? []).length,
})).sort((a, b) => a.params - b.params);

/** The documented operation for a method and a concrete path, if any. */
export function findOperation(method: string, path: string): Operation | undefined {
  const relative = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
  return matchers.find((m) => m.operation.method === method.toLowerCase() && m.pattern.test(relative))?.operation;
}

let ajv: Ajv2020 | null = null;
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv2020({ strict: false, allErrors: false, allowUnionTypes: true });
      addFormats(ajv);
    }
    const document = openApiDocument() as { components: unknown };
    // Wrapping keeps the document's `#/components/schemas/…` references resolvable.
    validate = ajv.compile({ allOf: [schema], components: document.components });
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Checks responses against the OpenAPI document: the route and the status must be documented,
 * and a JSON body must match the documented schema. Returns one line per mismatch.
 */
export function contractViolations(records: readonly ResponseRecord[]): string[] {
  const problems = new Set<string>();
  const document = openApiDocument() as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
    >;
  };
  for (const record of records) {
    if (!record.path.startsWith(`${API_PREFIX}/`)) continue;
    const where = `${record.method} ${record.path} → ${record.status}`;
    const operation = findOperation(record.method, record.path);
    if (!operation) {
      // Deliberate requests to unknown routes answer route_not_found; anything else is undocumented.
      if (record.status === 404 && record.body?.includes('"route_not_found"')) continue;
      problems.add(`${where}: route is not in the OpenAPI document`);
      continue;
    }
    if (!documentedStatuses(operation).includes(record.status)) {
      problems.add(
        `${where}: status ${record.status} is not documented for ${operation.method.toUpperCase()} ${operation.path}`,
      );
      continue;
    }
    if (record.status === 201 && !record.location)
      problems.add(`${where}: a 201 must say where the new resource is (Location)`);
    const response = document.paths[operation.path][operation.method].responses[String(record.status)];
    const mediaType = record.contentType.split(';')[0];
    const content = response.content?.[mediaType];
    if (!response.content) continue;
    if (!content) {
      problems.add(`${where}: content type ${mediaType || '(none)'} is not documented`);
      continue;
    }
    if (!mediaType.endsWith('json')) continue;
    let body: unknown;
    try {
      body = JSON.parse(record.body ?? '');
    } catch {
      problems.add(`${where}: body is not JSON`);
      continue;
    }
    const validate = validatorFor(content.schema);
    if (!validate(body)) {
      const first = validate.errors?.[0];
      problems.add(`${where}: body does not match the schema (${first?.instancePath || '/'} ${first?.message ?? ''})`);
    }
  }
  return [...problems];
}
