import type {
	CheckResult,
	Contract,
	ContractOperation,
	ContractParameter,
	ContractSchema,
	Finding,
	JsonType,
} from './types';

/**
 * Checks one request against its contract operation: missing required fields, wrong types, values
 * outside an enum or range, unknown keys where the contract's list is complete (errors); keys
 * outside a list that is only partly known (not covered); types seen only in an example (hints).
 * Query and path values arrive as strings and are read per the schema's type first.
 */

export const SQL_DATETIME_FORMAT = 'YYYY-MM-DD HH:MM:SS';
const SQL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Nesting the checker follows into a body; deeper values are accepted unchecked. */
const MAX_DEPTH = 12;

export interface RequestToCheck {
	method: string;
	/** Path below /api/mind. */
	path: string;
	/** The raw query string (without `?`). */
	rawQuery: string;
	/** The parsed JSON body; undefined when none was sent. */
	body: unknown;
}

interface CompiledOperation {
	operation: ContractOperation;
	pattern: RegExp;
	names: string[];
	literalSegments: number;
}

const compiled = new WeakMap<Contract, CompiledOperation[]>();

function compile(contract: Contract): CompiledOperation[] {
	let list = compiled.get(contract);
	if (list) return list;
	list = contract.operations.map((operation) => {
		const names: string[] = [];
		const source = operation.path
			.split('/')
			.map((segment) => {
				const param = /^\{(.+)\}$/.exec(segment);
				if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				names.push(param[1]);
				return '([^/]+)';
			})
			.join('/');
		return {
			operation,
			pattern: new RegExp(`^${source}/?$`),
			names,
			literalSegments: operation.path.split('/').filter((s) => s && !s.startsWith('{')).length,
		};
	});
	// A fixed path wins over a placeholder: GET /ticket/stats is not GET /ticket/{ticketId}.
	list.sort((a, b) => b.literalSegments - a.literalSegments);
	compiled.set(contract, list);
	return list;
}

/** The contract operation of a method and path, with the path parameters' raw values. */
export function matchOperation(
	contract: Contract,
	method: string,
	path: string,
): { operation: ContractOperation; params: Record<string, string> } | undefined {
	for (const entry of compile(contract)) {
		if (entry.operation.method !== method.toUpperCase()) continue;
		const match = entry.pattern.exec(path);
		if (!match) continue;
		const params: Record<string, string> = {};
		entry.names.forEach((name, i) => {
			try {
				params[name] = decodeURIComponent(match[i + 1]);
			} catch {
				params[name] = match[i + 1];
			}
		});
		return { operation: entry.operation, params };
	}
	return undefined;
}

const typesOf = (type: JsonType | JsonType[] | undefined): JsonType[] | undefined =>
	type === undefined ? undefined : Array.isArray(type) ? type : [type];

function jsonType(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value as JsonType;
}

function typeMatches(value: unknown, types: JsonType[]): boolean {
	const actual = jsonType(value);
	return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/** How reports name a field: `body.status`, `body.transcript[].speaker`, `body[].id` (array body). */
const fieldKey = (location: string, shape: string) =>
	shape.startsWith('[') ? `${location}${shape}` : `${location}.${shape}`;

const show = (value: unknown): string => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

class Checker {
	readonly errors: Finding[] = [];
	readonly notCovered: Finding[] = [];
	readonly hints: Finding[] = [];
	readonly fields = new Set<string>();

	constructor(private readonly where: string) {}

	add(
		list: 'errors' | 'notCovered' | 'hints',
		location: Finding['in'],
		field: string,
		code: string,
		message: string,
	): void {
		this[list].push({ in: location, field, code, message: `${this.where}: ${message}` });
	}

	/**
	 * Checks a value against a schema. `field` names it as sent (`to[1]`), `shape` as the report
	 * groups it (`to[]`); `complete` says whether unknown keys of this object are errors.
	 */
	value(
		location: Finding['in'],
		value: unknown,
		schema: ContractSchema,
		field: string,
		shape: string,
		complete: boolean | undefined,
		depth = 0,
	): void {
		if (depth > MAX_DEPTH) return;
		const label = field || 'the body';
		const types = typesOf(schema.type);
		if (types && !typeMatches(value, types)) {
			this.add(
				'errors',
				location,
				field,
				'invalid_type',
				`'${label}' must be ${types.join(' or ')}, got ${show(value)}`,
			);
			return;
		}
		const hinted = typesOf(schema.exampleType);
		if (!types && hinted && value !== null && !typeMatches(value, hinted))
			this.add(
				'hints',
				location,
				field,
				'type_hint',
				`'${label}' is ${jsonType(value)}; the reference shows ${hinted.join(' or ')} only in an example`,
			);
		if (value === null) return;
		if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
			this.add(
				'errors',
				location,
				field,
				'invalid_enum',
				`invalid value ${show(value)} for '${label}', allowed: ${schema.enum.map(String).join(', ')}`,
			);
		}
		if (schema.const !== undefined && schema.const !== value)
			this.add(
				'errors',
				location,
				field,
				'invalid_enum',
				`'${label}' must be ${show(schema.const)}, got ${show(value)}`,
			);
		if (typeof value === 'number') {
			if (schema.minimum !== undefined && value < schema.minimum)
				this.add(
					'errors',
					location,
					field,
					'out_of_range',
					`'${label}' must be >= ${schema.minimum}, got ${value}`,
				);
			if (schema.maximum !== undefined && value > schema.maximum)
				this.add(
					'errors',
					location,
					field,
					'out_of_range',
					`'${label}' must be <= ${schema.maximum}, got ${value}`,
				);
		}
		if (
			schema.format === SQL_DATETIME_FORMAT &&
			typeof value === 'string' &&
			!SQL_DATETIME.test(value)
		)
			this.add(
				'errors',
				location,
				field,
				'invalid_format',
				`'${label}' must be '${SQL_DATETIME_FORMAT}', got ${show(value)}`,
			);
		if (Array.isArray(value)) {
			if (schema.items)
				value.forEach((item, index) =>
					this.value(
						location,
						item,
						schema.items!,
						`${field}[${index}]`,
						`${shape}[]`,
						schema.items!.propertiesComplete,
						depth + 1,
					),
				);
			return;
		}
		if (typeof value === 'object')
			this.object(
				location,
				value as Record<string, unknown>,
				schema,
				field,
				shape,
				complete,
				depth,
			);
	}

	private object(
		location: Finding['in'],
		record: Record<string, unknown>,
		schema: ContractSchema,
		field: string,
		shape: string,
		complete: boolean | undefined,
		depth: number,
	): void {
		const prefix = field ? `${field}.` : '';
		const shapePrefix = shape ? `${shape}.` : '';
		this.required(location, record, schema.required, prefix, '');
		const properties = schema.properties;
		for (const [key, item] of Object.entries(record)) {
			if (item === undefined) continue;
			this.fields.add(fieldKey(location, `${shapePrefix}${key}`));
			const property = properties?.[key];
			if (property) {
				this.value(
					location,
					item,
					property,
					`${prefix}${key}`,
					`${shapePrefix}${key}`,
					property.propertiesComplete,
					depth + 1,
				);
			} else if (complete && properties) {
				this.add(
					'errors',
					location,
					`${prefix}${key}`,
					'unknown_field',
					`unknown field '${prefix}${key}'`,
				);
			} else if (properties) {
				this.add(
					'notCovered',
					location,
					`${prefix}${key}`,
					'not_covered',
					`field '${prefix}${key}' is not in the part of the contract that is known`,
				);
			}
		}
		this.conditions(location, record, schema, prefix);
	}

	private required(
		location: Finding['in'],
		record: Record<string, unknown>,
		names: string[] | undefined,
		prefix: string,
		when: string,
	): void {
		for (const name of names ?? [])
			if (record[name] === undefined)
				this.add(
					'errors',
					location,
					`${prefix}${name}`,
					'missing_field',
					`field '${prefix}${name}' is required${when}`,
				);
	}

	/** allOf / anyOf / if-then: the conditional rules of an object schema (required fields, enums). */
	private conditions(
		location: Finding['in'],
		record: Record<string, unknown>,
		schema: ContractSchema,
		prefix: string,
	): void {
		for (const sub of schema.allOf ?? []) this.rule(location, record, sub, prefix);
		if (schema.if) this.rule(location, record, { if: schema.if, then: schema.then }, prefix);
		if (schema.anyOf) this.rule(location, record, { anyOf: schema.anyOf }, prefix);
	}

	private rule(
		location: Finding['in'],
		record: Record<string, unknown>,
		rule: ContractSchema,
		prefix: string,
	): void {
		if (rule.if && !satisfies(record, rule.if)) return;
		const then = rule.if ? rule.then : rule;
		if (!then) return;
		const when = rule.if ? ` when ${describe(rule.if)}` : '';
		this.required(location, record, then.required, prefix, when);
		for (const [name, property] of Object.entries(then.properties ?? {})) {
			const value = record[name];
			if (value === undefined) continue;
			if (property.enum && !property.enum.includes(value))
				this.add(
					'errors',
					location,
					`${prefix}${name}`,
					'invalid_enum',
					`invalid value ${show(value)} for '${prefix}${name}'${when}, allowed: ${property.enum.map(String).join(', ')}`,
				);
		}
		if (then.anyOf && !then.anyOf.some((alternative) => satisfies(record, alternative))) {
			const names = then.anyOf.flatMap((alternative) => alternative.required ?? []);
			this.add(
				'errors',
				location,
				`${prefix}${names[0] ?? ''}`,
				'missing_field',
				`one of ${names.map((n) => `'${prefix}${n}'`).join(', ')} is required${when}`,
			);
		}
		for (const sub of then.allOf ?? []) this.rule(location, record, sub, prefix);
	}
}

/** Whether an object meets a condition: its required keys present, its properties' enum/const met. */
function satisfies(record: Record<string, unknown>, condition: ContractSchema): boolean {
	if ((condition.required ?? []).some((name) => record[name] === undefined)) return false;
	for (const [name, property] of Object.entries(condition.properties ?? {})) {
		const value = record[name];
		if (value === undefined) continue;
		if (property.const !== undefined && value !== property.const) return false;
		if (property.enum && !property.enum.includes(value)) return false;
	}
	if (condition.anyOf && !condition.anyOf.some((alternative) => satisfies(record, alternative)))
		return false;
	return true;
}

function describe(condition: ContractSchema): string {
	const parts = Object.entries(condition.properties ?? {}).map(([name, property]) =>
		property.const !== undefined
			? `'${name}' is ${show(property.const)}`
			: `'${name}' is ${(property.enum ?? []).map(String).join(' or ')}`,
	);
	const present = (condition.required ?? []).filter((name) => !condition.properties?.[name]);
	if (present.length)
		parts.push(
			`${present.map((n) => `'${n}'`).join(' and ')} ${present.length > 1 ? 'are' : 'is'} set`,
		);
	return parts.join(' and ');
}

/** A query or path string read as the schema's type: "12" → 12, "true"/"1" → true; else left a string. */
export function coerce(raw: string, schema: ContractSchema): unknown {
	const types = typesOf(schema.type) ?? typesOf(schema.exampleType) ?? [];
	if (types.includes('string') || !types.length) return raw;
	if (types.includes('boolean')) {
		if (raw === 'true' || raw === '1') return true;
		if (raw === 'false' || raw === '0') return false;
	}
	if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw))
		return Number(raw);
	if (types.includes('null') && raw === 'null') return null;
	return raw;
}

/** Query keys as sent: `userIds[]=1&userIds[]=2` and `type=a&type=b` both become a list. */
export function queryEntries(
	rawQuery: string,
): Map<string, { values: string[]; bracketed: boolean; sent: string }> {
	const out = new Map<string, { values: string[]; bracketed: boolean; sent: string }>();
	for (const [key, value] of new URLSearchParams(rawQuery)) {
		const bracket = /^(.+?)\[\d*\]$/.exec(key);
		const name = bracket ? bracket[1] : key;
		const entry = out.get(name) ?? { values: [], bracketed: false, sent: key };
		entry.values.push(value);
		entry.bracketed ||= Boolean(bracket);
		out.set(name, entry);
	}
	return out;
}

const baseName = (name: string) => name.replace(/\[\]$/, '');
const isArrayParameter = (parameter: ContractParameter) =>
	parameter.name.endsWith('[]') || typesOf(parameter.schema.type)?.includes('array') === true;

function checkParameters(
	checker: Checker,
	operation: ContractOperation,
	params: Record<string, string>,
	rawQuery: string,
): void {
	for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
		const raw = params[parameter.name];
		if (raw === undefined) continue;
		checker.value(
			'path',
			coerce(raw, parameter.schema),
			parameter.schema,
			parameter.name,
			parameter.name,
			undefined,
		);
	}
	const query = operation.parameters.filter((p) => p.in === 'query');
	const sent = queryEntries(rawQuery);
	for (const parameter of query) {
		if (parameter.required && !sent.has(baseName(parameter.name)))
			checker.add(
				'errors',
				'query',
				parameter.name,
				'missing_field',
				`query parameter '${parameter.name}' is required`,
			);
	}
	for (const [name, entry] of sent) {
		checker.fields.add(`query.${name}`);
		const parameter = query.find((p) => baseName(p.name) === name);
		if (!parameter) {
			if (operation.parametersComplete)
				checker.add(
					'errors',
					'query',
					entry.sent,
					'unknown_query',
					`unknown query parameter '${entry.sent}'`,
				);
			else
				checker.add(
					'notCovered',
					'query',
					entry.sent,
					'not_covered',
					`query parameter '${entry.sent}' is not in the part of the contract that is known`,
				);
			continue;
		}
		if (isArrayParameter(parameter)) {
			const items =
				typesOf(parameter.schema.type)?.includes('array') === true
					? (parameter.schema.items ?? {})
					: parameter.schema;
			entry.values.forEach((raw, index) =>
				checker.value(
					'query',
					coerce(raw, items),
					items,
					`${name}[${index}]`,
					`${name}[]`,
					undefined,
				),
			);
		} else if (entry.values.length > 1 || entry.bracketed) {
			checker.add(
				'errors',
				'query',
				entry.sent,
				'invalid_type',
				`query parameter '${name}' takes one value, got ${entry.values.length > 1 ? `${entry.values.length} values` : `the list form '${entry.sent}'`}`,
			);
		} else {
			checker.value(
				'query',
				coerce(entry.values[0], parameter.schema),
				parameter.schema,
				name,
				name,
				undefined,
			);
		}
	}
}

function checkBody(checker: Checker, operation: ContractOperation, body: unknown): void {
	if (body === undefined) {
		if (operation.requestBodyRequired === true)
			checker.add('errors', 'body', '', 'missing_body', 'the request body is required');
		return;
	}
	const schema = operation.requestBody;
	if (!schema) {
		const keys = body && typeof body === 'object' ? Object.keys(body) : [];
		for (const key of keys) {
			checker.fields.add(`body.${key}`);
			if (operation.bodyPropertiesComplete)
				checker.add('errors', 'body', key, 'unknown_field', `takes no body, got field '${key}'`);
			else
				checker.add(
					'notCovered',
					'body',
					key,
					'not_covered',
					`body field '${key}' is not in the part of the contract that is known`,
				);
		}
		return;
	}
	if (Array.isArray(body) && typesOf(schema.type)?.includes('array') && schema.items) {
		const items = schema.items;
		body.forEach((element, index) => {
			checker.value(
				'body',
				element,
				items,
				`[${index}]`,
				'[]',
				operation.bodyPropertiesComplete && items.propertiesComplete !== false,
			);
		});
		return;
	}
	checker.value('body', body, schema, '', '', operation.bodyPropertiesComplete);
}

/** Checks one request against the contract (see the top of this file). */
export function checkRequest(contract: Contract, request: RequestToCheck): CheckResult {
	const method = request.method.toUpperCase();
	const matched = matchOperation(contract, method, request.path);
	const checker = new Checker(`${method} ${request.path}`);
	if (!matched) {
		for (const name of queryEntries(request.rawQuery).keys()) checker.fields.add(`query.${name}`);
		if (request.body && typeof request.body === 'object')
			for (const key of Object.keys(request.body)) checker.fields.add(`body.${key}`);
		checker.add(
			'notCovered',
			'operation',
			'',
			'no_operation',
			`${contract.name} has no operation ${method} ${request.path}`,
		);
		return {
			operation: null,
			fields: [...checker.fields],
			errors: [],
			notCovered: checker.notCovered,
			hints: [],
		};
	}
	if (matched.operation.completeness === 'not found')
		checker.add(
			'notCovered',
			'operation',
			'',
			'not_documented',
			`${contract.name} knows the route ${matched.operation.key} but none of its parameters or body`,
		);
	checkParameters(checker, matched.operation, matched.params, request.rawQuery);
	checkBody(checker, matched.operation, request.body);
	return {
		operation: matched.operation.key,
		fields: [...checker.fields],
		errors: checker.errors,
		notCovered: checker.notCovered,
		hints: checker.hints,
	};
}

/** The optional fields an operation documents: query parameters and top-level body properties. */
export function optionalFields(
	operation: ContractOperation,
): Array<{ field: string; deprecated: boolean }> {
	const out: Array<{ field: string; deprecated: boolean }> = [];
	for (const parameter of operation.parameters)
		if (parameter.in === 'query' && !parameter.required)
			out.push({
				field: `query.${baseName(parameter.name)}`,
				deprecated: parameter.deprecated === true,
			});
	const body = operation.requestBody;
	const object = body && typesOf(body.type)?.includes('array') ? body.items : body;
	const required = new Set(object?.required ?? []);
	for (const [name, property] of Object.entries(object?.properties ?? {}))
		if (!required.has(name))
			out.push({
				field: fieldKey('body', `${body === object ? '' : '[].'}${name}`),
				deprecated: property.deprecated === true,
			});
	return out;
}
