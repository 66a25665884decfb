//! The OpenAPI 3 description of `/api`, generated from [`OPERATIONS`]; the API router
//! is built from a table checked against the same list (see the tests here and
//! `tests/api.rs`).

use serde_json::{Map, Value, json};

/// Where a parameter goes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum In {
    Path,
    Query,
}

/// One parameter of an operation.
#[derive(Debug)]
pub(crate) struct Param {
    pub(crate) name: &'static str,
    pub(crate) at: In,
    pub(crate) required: bool,
    pub(crate) kind: &'static str,
    pub(crate) doc: &'static str,
}

const fn q(name: &'static str, kind: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        at: In::Query,
        required: false,
        kind,
        doc,
    }
}
const fn p(name: &'static str, kind: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        at: In::Path,
        required: true,
        kind,
        doc,
    }
}

/// One operation: method, path (as routed, under `/api`), summary, parameters, and
/// whether it takes a raw body and needs the write token.
#[derive(Debug)]
pub(crate) struct Operation {
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) params: &'static [Param],
    pub(crate) body: bool,
    pub(crate) write: bool,
    pub(crate) produces: &'static str,
}

const PAGE: [Param; 2] = [
    q("limit", "integer", "Page size (default 50, at most 500)."),
    q("offset", "integer", "Items to skip (at most 1,000,000)."),
];

const EVENT_FILTERS: [Param; 11] = [
    q(
        "country",
        "string",
        "A side of the event: ISO alpha-3 code, country name or organization acronym.",
    ),
    q("with", "string", "Another side of the event."),
    q(
        "kind",
        "string",
        "Event kind (meeting, phone_call, visit, …).",
    ),
    q(
        "from",
        "string",
        "Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    ),
    q(
        "to",
        "string",
        "Events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    ),
    q("person", "string", "A participant, by name."),
    q("topic", "string", "A topic of a reporting release."),
    q("status", "string", "occurred, planned or cancelled."),
    q(
        "org",
        "string",
        "Organization the event was held in, or one taking part (SCO, EU).",
    ),
    q("limit", "integer", "Page size (default 50, at most 500)."),
    q("offset", "integer", "Items to skip."),
];

const SOURCE: [Param; 1] = [q(
    "source",
    "string",
    "Name of the upload (its extension selects the format).",
)];

/// Every operation of the API.
pub(crate) const OPERATIONS: &[Operation] = &[
    Operation {
        method: "get",
        path: "/api/openapi.json",
        summary: "This document.",
        params: &[],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/stats",
        summary: "Counts of what the knowledge base holds.",
        params: &[],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/documents",
        summary: "Stored releases, newest first.",
        params: &PAGE,
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "post",
        path: "/api/documents",
        summary: "Ingest the release(s) in the body and store them with their records (write token required).",
        params: &SOURCE,
        body: true,
        write: true,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/documents/{id}",
        summary: "One stored release (clean text, metadata).",
        params: &[p("id", "string", "Document id.")],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/documents/{id}/record",
        summary: "The extracted record of a stored release.",
        params: &[p("id", "string", "Document id.")],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "post",
        path: "/api/extract",
        summary: "Read and extract the release(s) in the body without storing them.",
        params: &SOURCE,
        body: true,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/events",
        summary: "Events, newest first, filtered as `attache events`.",
        params: &EVENT_FILTERS,
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/events/{id}",
        summary: "One event with every source that reports it.",
        params: &[p("id", "integer", "Event id.")],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/timeline",
        summary: "The history of a pair of countries: counts by month and kind, and the events.",
        params: &[
            Param {
                name: "a",
                at: In::Query,
                required: true,
                kind: "string",
                doc: "First side (ISO alpha-3).",
            },
            Param {
                name: "b",
                at: In::Query,
                required: true,
                kind: "string",
                doc: "Second side (ISO alpha-3).",
            },
        ],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/actors",
        summary: "Profiles of the people matching a name.",
        params: &[Param {
            name: "name",
            at: In::Query,
            required: true,
            kind: "string",
            doc: "A name or surname.",
        }],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/search",
        summary: "Full-text search over releases with highlighted snippets.",
        params: &[
            Param {
                name: "q",
                at: In::Query,
                required: true,
                kind: "string",
                doc: "Words (all must occur).",
            },
            q(
                "syntax",
                "string",
                "`fts` to use FTS5 query syntax (a syntax error is a 400).",
            ),
            q("limit", "integer", "Page size (default 20, at most 500)."),
            q("offset", "integer", "Items to skip."),
        ],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/upcoming",
        summary: "Planned events after a day, soonest first.",
        params: &[
            q("after", "string", "A date YYYY-MM-DD (default: today)."),
            q(
                "limit",
                "integer",
                "At most this many (default 50, at most 500).",
            ),
        ],
        body: false,
        write: false,
        produces: "application/json",
    },
    Operation {
        method: "get",
        path: "/api/export/{format}",
        summary: "Download events (filtered as /api/events, without paging) as jsonl, csv, plover, cameo, ics or parquet.",
        params: &[
            p(
                "format",
                "string",
                "jsonl, csv, plover, cameo, ics or parquet.",
            ),
            q("country", "string", "A side of the event."),
            q("with", "string", "Another side of the event."),
            q("kind", "string", "Event kind."),
            q("from", "string", "From date."),
            q("to", "string", "To date."),
            q("person", "string", "A participant."),
            q("topic", "string", "A topic."),
            q("status", "string", "occurred, planned or cancelled."),
            q("org", "string", "An organization."),
        ],
        body: false,
        write: false,
        produces: "application/octet-stream",
    },
];

/// The OpenAPI 3.0 document.
pub(crate) fn document() -> Value {
    let mut paths = Map::new();
    for op in OPERATIONS {
        let params: Vec<Value> = op
            .params
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "in": match p.at { In::Path => "path", In::Query => "query" },
                    "required": p.required,
                    "description": p.doc,
                    "schema": { "type": p.kind },
                })
            })
            .collect();
        let mut responses = Map::new();
        responses.insert(
            "200".into(),
            json!({ "description": "Success", "content": { op.produces: {} } }),
        );
        for (code, what) in [("400", "Bad parameter or query"), ("404", "Not found")] {
            responses.insert(code.into(), json!({ "description": what, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }));
        }
        let mut operation = json!({
            "summary": op.summary,
            "operationId": format!("{}{}", op.method, op.path.replace(['/', '{', '}', '.'], "_")),
            "parameters": params,
        });
        if op.body {
            operation["requestBody"] = json!({
                "required": true,
                "description": "The release: HTML page, plain text, Markdown, RSS/Atom or JSON Lines.",
                "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } }
            });
            responses.insert("413".into(), json!({ "description": "Body too large", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }));
        }
        if op.write {
            operation["security"] = json!([{ "writeToken": [] }]);
            for (code, what) in [
                ("401", "Missing or wrong write token"),
                ("403", "Writing is disabled"),
            ] {
                responses.insert(code.into(), json!({ "description": what, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }));
            }
        }
        operation["responses"] = Value::Object(responses);
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[op.method] = operation;
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "attache API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Evidence-linked records of international relations, read from diplomatic press releases."
        },
        "paths": paths,
        "components": {
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } }
            },
            "securitySchemes": {
                "writeToken": { "type": "http", "scheme": "bearer" }
            }
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_document_lists_exactly_the_routed_operations() {
        let routed: BTreeSet<(String, String)> = crate::api::ROUTE_TABLE
            .iter()
            .flat_map(|(path, methods)| {
                methods
                    .iter()
                    .map(move |m| (m.to_string(), format!("/api{path}")))
            })
            .collect();
        let doc = document();
        let mut documented = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                documented.insert((method.clone(), path.clone()));
            }
        }
        assert_eq!(routed, documented);
    }

    #[test]
    fn path_parameters_are_declared() {
        for op in OPERATIONS {
            for seg in op.path.split('/').filter(|s| s.starts_with('{')) {
                let name = seg.trim_matches(['{', '}']);
                assert!(
                    op.params
                        .iter()
                        .any(|p| p.name == name && matches!(p.at, In::Path)),
                    "{} {}",
                    op.path,
                    name
                );
            }
        }
    }
}
