import { badRequest } from '../../http/app-error';

/**
 * Reading dbt's JSON artifacts (https://docs.getdbt.com/reference/artifacts/dbt-artifacts):
 * manifest.json of schema v10 (dbt 1.6), v11 (1.7) and v12 (1.8 and later), and run_results.json
 * of schema v5 (1.6, 1.7) and v6 (1.8 and later). Only the fields Cairn maps are read; everything
 * else in the file is ignored, so additions in later minor releases do no harm.
 */

export const MANIFEST_VERSIONS = ['v10', 'v11', 'v12'] as const;
export const RUN_RESULTS_VERSIONS = ['v5', 'v6'] as const;
/** The documented limit of one upload (the manifest, or manifest and run results together). */
export const DBT_MAX_BYTES_DEFAULT = 64 * 1024 * 1024;

const DBT_RELEASE: Record<string, string> = {
  v7: 'dbt 1.3',
  v8: 'dbt 1.4',
  v9: 'dbt 1.5',
  v10: 'dbt 1.6',
  v11: 'dbt 1.7',
  v12: 'dbt 1.8 or later',
};

type Json = Record<string, unknown>;

export interface DbtOwner {
  email: string | null;
  name: string | null;
}

export interface ManifestNode {
  unique_id: string;
  resource_type: string;
  name: string;
  package_name: string;
  original_file_path: string;
  raw: Json;
}

export interface ParsedManifest {
  version: string;
  dbtVersion: string;
  projectName: string;
  /** models, seeds, snapshots, tests …, sources, metrics, exposures, semantic models, groups */
  nodes: ManifestNode[];
  byId: Map<string, ManifestNode>;
  groups: Map<string, DbtOwner>;
  /** measure name → its semantic model and definition */
  measures: Map<
    string,
    { semanticModel: string; agg: string; expr: string; description: string; aggTimeDimension: string | null }
  >;
}

export interface RunResult {
  unique_id: string;
  status: string;
  message: string;
  failures: number | null;
}
export interface ParsedRunResults {
  version: string;
  invocationId: string;
  generatedAt: Date | null;
  results: RunResult[];
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Parses an uploaded file as JSON. A syntax error at the end of the text means the file was cut
 * short (an interrupted upload or copy), anything else that it is not JSON at all.
 */
export function parseJsonFile(buffer: Buffer | string, field: string): unknown {
  const source = (typeof buffer === 'string' ? buffer : buffer.toString('utf8')).replace(/^\uFEFF/, '');
  if (!source.trim()) throw badRequest(field, 'is empty: send the JSON file dbt wrote');
  try {
    return JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const position = at ? Number(at[1]) : null;
    const trimmedLength = source.trimEnd().length;
    const startsLikeJson = /^\s*[[{]/.test(source);
    if (
      startsLikeJson &&
      (/end of JSON input|Unterminated string/i.test(message) || (position !== null && position >= trimmedLength - 1))
    )
      throw badRequest(
        field,
        `is truncated: the JSON ends after ${trimmedLength} characters before the document is complete`,
      );
    throw badRequest(field, `is not JSON (${message})`);
  }
}

/** `https://schemas.getdbt.com/dbt/manifest/v12.json` → ['manifest', 'v12']. */
function schemaOf(document: unknown, field: string, expected: string): { kind: string; version: string; url: string } {
  if (!isObject(document)) throw badRequest(field, `is not a dbt ${expected}: the JSON is not an object`);
  const url = isObject(document.metadata) ? text(document.metadata.dbt_schema_version) : '';
  if (!url)
    throw badRequest(field, `is not a dbt artifact: metadata.dbt_schema_version is missing (expected a ${expected})`);
  const match = /\/dbt\/([a-z_-]+)\/(v\d+)(?:\.json)?$/.exec(url);
  if (!match) throw badRequest(field, `has an unknown dbt_schema_version "${url.slice(0, 200)}"`);
  return { kind: match[1], version: match[2], url };
}

function idsOfMap(document: Json, section: string, field: string): ManifestNode[] {
  const map = document[section];
  if (map === undefined || map === null) return [];
  if (!isObject(map)) throw badRequest(field, `has a "${section}" section that is not an object`);
  const nodes: ManifestNode[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (!isObject(value)) throw badRequest(field, `${section}["${key.slice(0, 200)}"] is not an object`);
    const uniqueId = value.unique_id;
    if (typeof uniqueId !== 'string' || !uniqueId)
      throw badRequest(field, `${section}["${key.slice(0, 200)}"] has no unique_id`);
    nodes.push({
      unique_id: uniqueId,
      resource_type: text(value.resource_type) || section.replace(/s$/, ''),
      name: text(value.name) || uniqueId,
      package_name: text(value.package_name),
      original_file_path: text(value.original_file_path),
      raw: value,
    });
  }
  return nodes;
}

function ownerOf(value: unknown): DbtOwner | null {
  if (typeof value === 'string' && value.trim()) {
    const word = value.trim();
    return word.includes('@') ? { email: word, name: null } : { email: null, name: word };
  }
  if (!isObject(value)) return null;
  // dbt allows a list of emails; the first one is the owner Cairn can match
  const email = Array.isArray(value.email) ? text(value.email[0]) : text(value.email);
  const name = text(value.name);
  return email || name ? { email: email || null, name: name || null } : null;
}

/** Validates and indexes a manifest; 400 naming the problem for anything Cairn cannot read. */
export function readManifest(document: unknown, field = 'manifest'): ParsedManifest {
  const schema = schemaOf(document, field, 'manifest');
  if (schema.kind !== 'manifest')
    throw badRequest(field, `is a dbt ${schema.kind} artifact (${schema.url}), not a manifest.json`);
  if (!(MANIFEST_VERSIONS as readonly string[]).includes(schema.version))
    throw badRequest(
      field,
      `is dbt manifest schema ${schema.version}${DBT_RELEASE[schema.version] ? ` (${DBT_RELEASE[schema.version]})` : ''}; Cairn reads manifest schema v10 to v12 (dbt 1.6 and later)`,
    );
  const manifest = document as Json;
  const metadata = manifest.metadata as Json;
  if (!isObject(manifest.nodes)) throw badRequest(field, 'has no "nodes" section: it is not a complete manifest');
  const nodes = [
    ...idsOfMap(manifest, 'nodes', field),
    ...idsOfMap(manifest, 'sources', field),
    ...idsOfMap(manifest, 'metrics', field),
    ...idsOfMap(manifest, 'exposures', field),
    ...idsOfMap(manifest, 'semantic_models', field),
  ];
  const groups = new Map<string, DbtOwner>();
  for (const group of idsOfMap(manifest, 'groups', field)) {
    groups.set(group.name, ownerOf(group.raw.owner) ?? { email: null, name: null });
  }
  const measures: ParsedManifest['measures'] = new Map();
  for (const model of nodes.filter((n) => n.resource_type === 'semantic_model')) {
    const defaults = isObject(model.raw.defaults) ? model.raw.defaults : {};
    for (const measure of Array.isArray(model.raw.measures) ? model.raw.measures : []) {
      if (!isObject(measure) || !text(measure.name)) continue;
      measures.set(text(measure.name), {
        semanticModel: model.name,
        agg: text(measure.agg),
        expr: text(measure.expr) || text(measure.name),
        description: text(measure.description),
        aggTimeDimension: text(measure.agg_time_dimension) || text(defaults.agg_time_dimension) || null,
      });
    }
  }
  const byId = new Map(nodes.map((node) => [node.unique_id, node]));
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.package_name, (counts.get(node.package_name) ?? 0) + 1);
  const mostNodes = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return {
    version: schema.version,
    dbtVersion: text(metadata.dbt_version),
    projectName: text(metadata.project_name) || mostNodes,
    nodes,
    byId,
    groups,
    measures,
  };
}

/** Validates run_results.json (v5, v6): its invocation and one entry per executed node. */
export function readRunResults(document: unknown, field = 'runResults'): ParsedRunResults {
  const schema = schemaOf(document, field, 'run_results.json');
  if (schema.kind !== 'run-results')
    throw badRequest(field, `is a dbt ${schema.kind} artifact (${schema.url}), not a run_results.json`);
  if (!(RUN_RESULTS_VERSIONS as readonly string[]).includes(schema.version))
    throw badRequest(
      field,
      `is dbt run-results schema ${schema.version}; Cairn reads run-results v5 and v6 (dbt 1.6 and later)`,
    );
  const runResults = document as Json;
  const metadata = runResults.metadata as Json;
  if (!Array.isArray(runResults.results)) throw badRequest(field, 'has no "results" list');
  const results: RunResult[] = runResults.results.map((entry: unknown, index: number) => {
    if (!isObject(entry) || typeof entry.unique_id !== 'string' || !entry.unique_id)
      throw badRequest(field, `results[${index}] has no unique_id`);
    return {
      unique_id: entry.unique_id,
      status: text(entry.status),
      message: text(entry.message),
      failures: typeof entry.failures === 'number' ? entry.failures : null,
    };
  });
  const invocationId = text(metadata.invocation_id);
  if (!invocationId) throw badRequest(field, 'has no metadata.invocation_id');
  const generatedAt = text(metadata.generated_at) ? new Date(text(metadata.generated_at)) : null;
  return {
    version: schema.version,
    invocationId,
    generatedAt: generatedAt && !Number.isNaN(generatedAt.getTime()) ? generatedAt : null,
    results,
  };
}

export { isObject, ownerOf, text };

/** Request body schemas of the dbt uploads, for the OpenAPI document (Cairn reads only what it maps). */
export const DBT_SCHEMAS: Record<string, Record<string, unknown>> = {
  DbtManifestFile: {
    type: 'object',
    description:
      'A dbt manifest.json of schema v10, v11 or v12 (https://schemas.getdbt.com/dbt/manifest/v12.json), as dbt writes it to target/. At most CAIRN_DBT_MAX_BYTES (64 MiB by default).',
    required: ['metadata', 'nodes'],
    properties: {
      metadata: { type: 'object', properties: { dbt_schema_version: { type: 'string' } } },
      nodes: { type: 'object' },
    },
  },
  DbtResultsUpload: {
    type: 'object',
    description:
      "One dbt run: its run_results.json (schema v5 or v6) and that run's manifest.json. At most CAIRN_DBT_MAX_BYTES (64 MiB by default) together.",
    required: ['manifest', 'runResults'],
    properties: { manifest: { $ref: '#/components/schemas/DbtManifestFile' }, runResults: { type: 'object' } },
  },
};
