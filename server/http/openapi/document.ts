import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { OPERATIONS, type Body, type Operation } from './operations';
import { TRANSFER_SCHEMAS } from '../../modules/transfer/transfer.schema';
import { DBT_SCHEMAS } from '../../modules/dbt/dbt-artifacts';
import responseSchemas from './response-schemas.json';

type Schema = Record<string, unknown>;

const COMMON_ERRORS: Record<number, string> = {
  400: 'Invalid input (one entry per invalid field)',
  401: 'Not signed in',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflict (unique value, gate blocked, invalid transition …)',
  412: 'The resource changed since the version named in If-Match (or `version`)',
  413: 'Body too large',
  428: 'If-Match (or `version`) required',
  429: 'Too many requests',
  503: 'Database unavailable',
};

const ETAG = {
  description: 'the version as a strong entity tag, `"3"`: send it back in If-Match to edit',
  schema: { type: 'string' },
};

const LOCATION = {
  description: 'where the created resource (or the list it joined) is read',
  schema: { type: 'string' },
};

const RETRY_AFTER = { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };

function refs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('#/definitions/', '#/components/schemas/'));
}

function bodySchema(body: Exclude<Body, null | { csv: true } | { svg: true }>): Schema {
  if (typeof body === 'string') return { $ref: `#/components/schemas/${body}` };
  if ('page' in body) {
    return {
      type: 'object',
      required: ['items', 'total', 'nextCursor'],
      properties: {
        items: { type: 'array', items: { $ref: `#/components/schemas/${body.page}` } },
        total: { type: 'integer' },
        totalCapped: {
          type: 'boolean',
          description: 'true when more rows match than were counted (1,000 at most): `total` is then a lower bound.',
        },
        nextCursor: { type: ['string', 'null'] },
      },
    };
  }
  if ('array' in body) return { type: 'array', items: { $ref: `#/components/schemas/${body.array}` } };
  return body.schema;
}

/** The statuses an operation documents, success and error. */
export function documentedStatuses(operation: Operation): number[] {
  const errors = new Set<number>([400, 404, 503, ...(operation.errors ?? [])]);
  if (operation.auth !== false) {
    errors.add(401);
    errors.add(403);
  }
  if (operation.body || operation.bodySchema) errors.add(413);
  if (operation.ifMatch) {
    errors.add(412);
    errors.add(428);
  }
  return [...Object.keys(operation.ok).map(Number), ...errors].sort();
}

function pathParameters(path: string): Schema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function queryParameters(dtoSchema: Schema | undefined): Schema[] {
  const properties = (dtoSchema?.properties ?? {}) as Record<string, Schema>;
  const required = new Set((dtoSchema?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
}

let cached: Schema | null = null;

/** The OpenAPI 3.1 document, built from the operation table, the DTO classes and the shared/api types. */
export function openApiDocument(): Schema {
  if (cached) return cached;
  const dtoSchemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' }) as Record<
    string,
    Schema
  >;
  const paths: Record<string, Record<string, Schema>> = {};
  // A resource edited with If-Match sends its ETag wherever it is read or changed.
  const versionedPaths = new Set(OPERATIONS.filter((o) => o.ifMatch).map((o) => o.path.replace(/\/transitions$/, '')));
  for (const operation of OPERATIONS) {
    const responses: Record<string, Schema> = {};
    const etag = versionedPaths.has(operation.path.replace(/\/transitions$/, ''));
    for (const [status, body] of Object.entries(operation.ok)) {
      responses[status] =
        body === null
          ? { description: 'No content' }
          : typeof body === 'object' && 'csv' in body
            ? { description: 'CSV (RFC 4180), UTF-8', content: { 'text/csv': { schema: { type: 'string' } } } }
            : typeof body === 'object' && 'svg' in body
              ? { description: 'An SVG image', content: { 'image/svg+xml': { schema: { type: 'string' } } } }
              : {
                  description: 'Success',
                  ...(etag ? { headers: { ETag: ETAG } } : status === '201' ? { headers: { Location: LOCATION } } : {}),
                  content: { 'application/json': { schema: bodySchema(body) } },
                };
    }
    for (const status of documentedStatuses(operation)) {
      if (responses[status]) continue;
      responses[status] = {
        description: COMMON_ERRORS[status] ?? 'Error',
        ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      };
    }
    const parameters = [
      ...pathParameters(operation.path),
      ...queryParameters(operation.query ? dtoSchemas[operation.query.name] : undefined),
    ];
    if (operation.ifMatch)
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'the ETag read (`"3"`), a list of them, or `*`; a weak tag never matches',
      });
    (paths[operation.path] ??= {})[operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      operationId: `${operation.method}${operation.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(operation.auth === false ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(operation.body || operation.bodySchema
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: { $ref: `#/components/schemas/${operation.bodySchema ?? operation.body!.name}` },
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Cairn API',
      version: '1',
      description:
        'Data domains through five phases behind gates. Errors are application/problem+json (RFC 9457) with a stable `code`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (POST /tokens)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cairn_session',
          description: 'Browser session; mutations also need the x-cairn-csrf header',
        },
      },
      schemas: { ...(refs(responseSchemas) as Schema), ...dtoSchemas, ...TRANSFER_SCHEMAS, ...DBT_SCHEMAS },
    },
  };
  return cached;
}
