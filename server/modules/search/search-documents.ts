/**
 * The stored documents the search box matches as you type (GET /search). They use the `simple`
 * configuration (lower-cased words, no stemming, no stop words), so a prefix query of a half-typed
 * word (`retentio:*`) still finds "retention", which an English-stemmed document ("retent") would
 * not. Each is a generated column with its own GIN index (migration SearchDocuments).
 */
export const DOMAIN_WORDS_DOCUMENT = `to_tsvector('simple', "key" || ' ' || "name" || ' ' || "description")`;
export const TICKET_WORDS_DOCUMENT = `to_tsvector('simple', "title" || ' ' || "body")`;
export const USER_WORDS_DOCUMENT = `to_tsvector('simple', "name" || ' ' || split_part("email", '@', 1))`;
export const ARTIFACT_NAME_WORDS_DOCUMENT = `to_tsvector('simple', "name")`;
export const INVESTIGATION_TITLE_WORDS_DOCUMENT = `to_tsvector('simple', "title")`;
