import type {
	Contract,
	ContractOperation,
	ContractParameter,
	ContractSchema,
	JsonType,
} from './types';

/**
 * An OpenAPI 3 document (what an Enneo instance serves at GET /api/mind/docs/open-api) as a
 * Contract: `$ref`s to components resolved, `nullable` (3.0) and type lists (3.1) as types,
 * `allOf` merged, simple `oneOf`/`anyOf` type unions kept as unions. A whole document is taken as
 * complete: a parameter or body key it does not list is a contract error, unless the schema
 * allows additional properties.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const JSON_TYPES: JsonType[] = [
	'string',
	'integer',
	'number',
	'boolean',
	'object',
	'array',
	'null',
];
/** `$ref` chains and nesting deeper than this are cut (accepted unchecked): a document may be hostile. */
const MAX_DEPTH = 32;
/** Operations read from one document at most. */
const MAX_OPERATIONS = 5000;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	!!value && typeof value === 'object' && !Array.isArray(value);

class Resolver {
	constructor(private readonly doc: Json) {}

	/** Follows a local `$ref` (`#/components/...`); anything else resolves to undefined. */
	ref(value: unknown, seen: Set<string>): Json | undefined {
		let current = value;
		for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
			const ref = current.$ref;
			if (hops > MAX_DEPTH || seen.has(ref) || !ref.startsWith('#/')) return undefined;
			seen = new Set(seen).add(ref);
			current = ref
				.slice(2)
				.split('/')
				.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
				.reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), this.doc);
		}
		return isObject(current) ? current : undefined;
	}

	schema(value: unknown, depth = 0, seen = new Set<string>()): ContractSchema {
		if (depth > MAX_DEPTH) return {};
		const refs = new Set(seen);
		if (isObject(value) && typeof value.$ref === 'string') refs.add(value.$ref);
		const source = this.ref(value, seen);
		if (!source) return {};
		const out: ContractSchema = {};
		const types = ([] as unknown[])
			.concat(source.type ?? [])
			.filter((t): t is JsonType => JSON_TYPES.includes(t as JsonType));
		if (types.length) out.type = types.length === 1 ? types[0] : types;
		if (source.nullable === true && types.length && !types.includes('null'))
			out.type = [...types, 'null'];
		if (Array.isArray(source.enum)) out.enum = source.enum;
		if (source.const !== undefined) out.const = source.const;
		if (typeof source.minimum === 'number') out.minimum = source.minimum;
		if (typeof source.maximum === 'number') out.maximum = source.maximum;
		if (source.default !== undefined) out.default = source.default;
		if (source.deprecated === true) out.deprecated = true;
		if (Array.isArray(source.required))
			out.required = source.required.filter((r): r is string => typeof r === 'string');
		if (isObject(source.properties)) {
			out.properties = {};
			for (const [name, property] of Object.entries(source.properties))
				out.properties[name] = this.schema(property, depth + 1, refs);
			out.propertiesComplete = !source.additionalProperties;
		}
		if (source.items !== undefined) out.items = this.schema(source.items, depth + 1, refs);
		if (Array.isArray(source.allOf)) this.mergeAllOf(out, source.allOf, depth, refs);
		const alternatives = Array.isArray(source.oneOf)
			? source.oneOf
			: Array.isArray(source.anyOf)
				? source.anyOf
				: undefined;
		if (alternatives) this.union(out, alternatives, depth, refs);
		return out;
	}

	private mergeAllOf(out: ContractSchema, parts: unknown[], depth: number, seen: Set<string>) {
		for (const part of parts.slice(0, 50)) {
			const sub = this.schema(part, depth + 1, seen);
			if (sub.type && !out.type) out.type = sub.type;
			if (sub.properties) {
				out.properties = { ...out.properties, ...sub.properties };
				out.propertiesComplete = (out.propertiesComplete ?? true) && sub.propertiesComplete;
			}
			if (sub.required) out.required = [...new Set([...(out.required ?? []), ...sub.required])];
			if (sub.enum && !out.enum) out.enum = sub.enum;
			if (sub.items && !out.items) out.items = sub.items;
		}
	}

	/** oneOf/anyOf: the union of the alternatives' types where each has one; else no type rule. */
	private union(out: ContractSchema, parts: unknown[], depth: number, seen: Set<string>) {
		const subs = parts.slice(0, 50).map((part) => this.schema(part, depth + 1, seen));
		const types = subs.map((sub) => sub.type);
		if (out.type || types.some((t) => t === undefined)) return;
		const all = [...new Set(types.flatMap((t) => ([] as JsonType[]).concat(t as JsonType)))];
		out.type = all.length === 1 ? all[0] : all;
		const items = subs.find((sub) => sub.items)?.items;
		if (items) out.items = items;
		const objects = subs.filter((sub) => sub.properties);
		if (objects.length === 1) {
			out.properties = objects[0].properties;
			out.propertiesComplete = objects[0].propertiesComplete;
		}
	}

	parameter(value: unknown): ContractParameter | undefined {
		const source = this.ref(value, new Set());
		if (!source || typeof source.name !== 'string') return undefined;
		const where = source.in;
		if (where !== 'query' && where !== 'path' && where !== 'header' && where !== 'cookie')
			return undefined;
		return {
			name: source.name,
			in: where,
			required: source.required === true || where === 'path',
			schema: this.schema(source.schema),
			...(source.deprecated === true ? { deprecated: true } : {}),
		};
	}
}

/** The path of an operation below /api/mind (documents may list paths with or without it). */
function apiPath(path: string, doc: Json): string {
	const servers = Array.isArray(doc.servers) ? doc.servers : [];
	const base = servers
		.map((server) => (isObject(server) && typeof server.url === 'string' ? server.url : ''))
		.find(Boolean);
	let prefix = '';
	try {
		prefix = base ? new URL(base, 'http://instance').pathname.replace(/\/$/, '') : '';
	} catch {
		prefix = '';
	}
	const full = `${prefix}${path}`;
	return full.startsWith('/api/mind/') ? full.slice('/api/mind'.length) : path;
}

export function contractFromOpenApi(doc: unknown, name: string): Contract {
	if (!isObject(doc) || !isObject(doc.paths))
		throw new Error(`${name} is not an OpenAPI document (no "paths")`);
	if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.'))
		throw new Error(`${name} is not an OpenAPI 3 document (openapi: ${String(doc.openapi)})`);
	const resolver = new Resolver(doc);
	const operations: ContractOperation[] = [];
	for (const [rawPath, rawItem] of Object.entries(doc.paths)) {
		const item = resolver.ref(rawItem, new Set());
		if (!item) continue;
		const shared = Array.isArray(item.parameters) ? item.parameters : [];
		for (const method of METHODS) {
			const operation = item[method];
			if (!isObject(operation)) continue;
			if (operations.length >= MAX_OPERATIONS)
				throw new Error(`${name} has more than ${MAX_OPERATIONS} operations`);
			const parameters = new Map<string, ContractParameter>();
			for (const raw of [
				...shared,
				...(Array.isArray(operation.parameters) ? operation.parameters : []),
			]) {
				const parameter = resolver.parameter(raw);
				if (parameter) parameters.set(`${parameter.in} ${parameter.name}`, parameter);
			}
			const requestBody = resolver.ref(operation.requestBody, new Set());
			const content = isObject(requestBody?.content) ? requestBody.content : {};
			const media = content['application/json'] ?? Object.values(content)[0];
			const body = isObject(media) ? resolver.schema(media.schema) : null;
			const path = apiPath(rawPath, doc);
			const key = `${method.toUpperCase()} ${path}`;
			operations.push({
				key,
				method: method.toUpperCase(),
				path,
				sources: [`${name}#/paths/${rawPath.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`],
				completeness: 'full',
				usedByNode: false,
				parameters: [...parameters.values()],
				parametersComplete: true,
				requestBody: body,
				requestBodyRequired: requestBody?.required === true,
				bodyPropertiesComplete: body ? body.propertiesComplete !== false : true,
			});
		}
	}
	return { name, operations };
}
