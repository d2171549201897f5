import type { ArtifactType } from '../../../shared/api/enums';
import type { DbtSelector, DbtSource } from '../../../shared/api/dbt';
import { isObject, ownerOf, text, type DbtOwner, type ManifestNode, type ParsedManifest } from './dbt-artifacts';

/** What one selected dbt node becomes in Cairn, before owners are matched to users. */
export interface DbtArtifactSpec {
  uniqueId: string;
  type: ArtifactType;
  name: string;
  description: string;
  /** only the detail fields dbt owns for the type (DBT_OWNED_DETAILS) */
  details: Record<string, string>;
  owner: DbtOwner | null;
  source: Omit<DbtSource, 'ownerText' | 'ownedFields'>;
}

const DATASET_TYPES = ['model', 'seed', 'snapshot', 'source'];
const MAX_NAME = 200;

/** The detail fields dbt writes per artifact type; the others stay editable in Cairn. */
export const DBT_OWNED_DETAILS: Record<ArtifactType, readonly string[]> = {
  dataset: ['location'],
  metric: ['definition', 'formula', 'grain'],
  analysis: ['link'],
};
/** The fields dbt owns on every artifact it syncs (besides the type's details). */
export const DBT_OWNED_FIELDS = ['name', 'description', 'ownerId'] as const;

export function ownedFieldsOf(type: ArtifactType): string[] {
  return [...DBT_OWNED_FIELDS, ...DBT_OWNED_DETAILS[type].map((key) => `details.${key}`)];
}

export const EMPTY_SELECTOR: DbtSelector = { groups: [], tags: [], pathPrefixes: [], uniqueIds: [], repoUrl: null };

export function selectorOf(stored: Partial<DbtSelector> | null | undefined): DbtSelector {
  return { ...EMPTY_SELECTOR, ...(stored ?? {}) };
}

export function isEmptySelector(selector: DbtSelector): boolean {
  return (
    !selector.groups.length && !selector.tags.length && !selector.pathPrefixes.length && !selector.uniqueIds.length
  );
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function configOf(node: ManifestNode): Record<string, unknown> {
  return isObject(node.raw.config) ? node.raw.config : {};
}

function groupOf(node: ManifestNode): string {
  return text(node.raw.group) || text(configOf(node).group);
}

/** The resource types that become artifacts: datasets, metrics, analyses. */
export function artifactTypeOf(node: ManifestNode): ArtifactType | null {
  if (DATASET_TYPES.includes(node.resource_type)) return 'dataset';
  if (node.resource_type === 'metric') return 'metric';
  if (node.resource_type === 'exposure') return 'analysis';
  return null;
}

/**
 * Whether the domain's selector takes a node: by unique_id always; by group, tag or folder only
 * for the root project's own enabled nodes (installed packages bring their own models).
 */
export function isSelected(node: ManifestNode, selector: DbtSelector, projectName: string): boolean {
  if (selector.uniqueIds.includes(node.unique_id)) return true;
  if (configOf(node).enabled === false) return false;
  if (projectName && node.package_name && node.package_name !== projectName) return false;
  const group = groupOf(node);
  if (group && selector.groups.includes(group)) return true;
  const tags = new Set([...stringList(node.raw.tags), ...stringList(configOf(node).tags)]);
  if (selector.tags.some((tag) => tags.has(tag))) return true;
  return selector.pathPrefixes.some((prefix) => node.original_file_path.startsWith(prefix));
}

function metaOwner(node: ManifestNode): DbtOwner | null {
  const meta = isObject(node.raw.meta) ? node.raw.meta : {};
  const configMeta = isObject(configOf(node).meta) ? (configOf(node).meta as Record<string, unknown>) : {};
  return ownerOf(meta.owner) ?? ownerOf(configMeta.owner);
}

function ownerFor(node: ManifestNode, manifest: ParsedManifest): DbtOwner | null {
  const own = node.resource_type === 'exposure' ? ownerOf(node.raw.owner) : metaOwner(node);
  if (own) return own;
  const group = manifest.groups.get(groupOf(node));
  return group && (group.email || group.name) ? group : null;
}

function columnsOf(node: ManifestNode): { name: string; description: string }[] {
  const columns = isObject(node.raw.columns) ? node.raw.columns : {};
  return Object.values(columns)
    .filter(isObject)
    .map((column) => ({ name: text(column.name), description: text(column.description) }))
    .filter((column) => column.name);
}

function whereFilters(filter: unknown): string[] {
  if (!isObject(filter) || !Array.isArray(filter.where_filters)) return [];
  return filter.where_filters
    .filter(isObject)
    .map((where) => text(where.where_sql_template))
    .filter(Boolean);
}

function measureName(measure: unknown): string {
  return isObject(measure) ? text(measure.name) : text(measure);
}

function window(value: unknown): string {
  return isObject(value) ? `${String(value.count ?? '')} ${text(value.granularity)}`.trim() : '';
}

/** The metric's expression in words: what a reader needs to recompute it. */
function metricFormula(
  node: ManifestNode,
  manifest: ParsedManifest,
): { formula: string; filters: string[]; grain: string } {
  const params = isObject(node.raw.type_params) ? node.raw.type_params : {};
  const filters = whereFilters(node.raw.filter);
  const describeMeasure = (measure: unknown): string => {
    const name = measureName(measure);
    const found = manifest.measures.get(name);
    if (isObject(measure)) filters.push(...whereFilters(measure.filter));
    return found ? `${name} = ${found.agg}(${found.expr}) from ${found.semanticModel}` : name;
  };
  const type = text(node.raw.type);
  let formula = '';
  if (type === 'simple') formula = describeMeasure(params.measure);
  else if (type === 'ratio') formula = `${measureName(params.numerator)} / ${measureName(params.denominator)}`;
  else if (type === 'derived')
    formula = `${text(params.expr)} where ${(Array.isArray(params.metrics) ? params.metrics : [])
      .map((m) => (isObject(m) ? `${text(m.alias) || text(m.name)} = ${text(m.name)}` : ''))
      .filter(Boolean)
      .join(', ')}`;
  else if (type === 'cumulative') {
    const cumulative = isObject(params.cumulative_type_params) ? params.cumulative_type_params : {};
    const span = window(cumulative.window ?? params.window);
    const toDate = text(cumulative.grain_to_date) || text(params.grain_to_date);
    formula = `cumulative ${describeMeasure(params.measure)}${span ? ` over ${span}` : toDate ? ` ${toDate} to date` : ' all time'}`;
  } else if (type === 'conversion') {
    const conversion = isObject(params.conversion_type_params) ? params.conversion_type_params : {};
    const span = window(conversion.window);
    formula = `${text(conversion.calculation) || 'conversion_rate'} from ${describeMeasure(conversion.base_measure)} to ${describeMeasure(conversion.conversion_measure)} by ${text(conversion.entity)}${span ? ` within ${span}` : ''}`;
  } else formula = text(params.expr);
  const measure = manifest.measures.get(measureName(params.measure));
  const grain = text(node.raw.time_granularity) || measure?.aggTimeDimension || '';
  return { formula, filters: [...new Set(filters)], grain };
}

function relationOf(node: ManifestNode): string {
  const relation = text(node.raw.relation_name);
  if (relation) return relation;
  const parts = [
    text(node.raw.database),
    text(node.raw.schema),
    text(node.raw.alias) || text(node.raw.identifier) || node.name,
  ];
  return parts.filter(Boolean).join('.');
}

function codeUrlOf(selector: DbtSelector, node: ManifestNode): string | null {
  if (!selector.repoUrl || !node.original_file_path) return null;
  return `${selector.repoUrl.replace(/\/?$/, '/')}${node.original_file_path.replace(/^\//, '')}`;
}

/** Maps one selected node to the artifact it becomes (null: a resource type Cairn does not keep). */
export function specOf(node: ManifestNode, manifest: ParsedManifest, selector: DbtSelector): DbtArtifactSpec | null {
  const type = artifactTypeOf(node);
  if (!type) return null;
  const base = {
    uniqueId: node.unique_id,
    resourceType: node.resource_type,
    packageName: node.package_name,
    path: node.original_file_path,
    codeUrl: codeUrlOf(selector, node),
  };
  const description = text(node.raw.description);
  const owner = ownerFor(node, manifest);
  const label = text(node.raw.label) || null;
  if (type === 'dataset') {
    const sourceName = text(node.raw.source_name);
    const name = node.resource_type === 'source' && sourceName ? `${sourceName}.${node.name}` : node.name;
    const kind = node.resource_type === 'source' ? 'source' : text(configOf(node).materialized) || node.resource_type;
    return {
      uniqueId: node.unique_id,
      type,
      name: name.slice(0, MAX_NAME),
      description,
      details: { location: relationOf(node) },
      owner,
      source: { ...base, kind, label, filters: [], columns: columnsOf(node), maturity: null },
    };
  }
  if (type === 'metric') {
    const { formula, filters, grain } = metricFormula(node, manifest);
    const metricType = text(node.raw.type);
    return {
      uniqueId: node.unique_id,
      type,
      name: node.name.slice(0, MAX_NAME),
      description,
      details: {
        definition: `${label ?? node.name}: a ${metricType || 'dbt'} metric${filters.length ? ` filtered by ${filters.join(' and ')}` : ''}`,
        formula,
        grain,
      },
      owner,
      source: { ...base, kind: metricType || null, label, filters, columns: [], maturity: null },
    };
  }
  const url = text(node.raw.url);
  return {
    uniqueId: node.unique_id,
    type,
    name: (label ?? node.name).slice(0, MAX_NAME),
    description,
    details: { link: /^https?:\/\/\S+$/i.test(url) ? url : '' },
    owner,
    source: {
      ...base,
      kind: text(node.raw.type) || null,
      label,
      filters: [],
      columns: [],
      maturity: text(node.raw.maturity) || null,
    },
  };
}

/** The artifacts a manifest gives the domain, in unique_id order. */
export function selectedSpecs(manifest: ParsedManifest, selector: DbtSelector): DbtArtifactSpec[] {
  const specs: DbtArtifactSpec[] = [];
  for (const node of manifest.nodes) {
    if (!artifactTypeOf(node) || !isSelected(node, selector, manifest.projectName)) continue;
    const spec = specOf(node, manifest, selector);
    if (spec) specs.push(spec);
  }
  return specs.sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : a.uniqueId > b.uniqueId ? 1 : 0));
}
