/**
 * The shape of an Enneo API contract as the fake and `npm run check:contract` read it: one entry
 * per operation, a JSON-Schema subset for parameters and bodies. Two sources fill it: the
 * transcription of Enneo's public API reference (operations.json + the overrides of
 * operations.ts), and a live instance's OpenAPI 3 document (openapi.ts).
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface ContractSchema {
	type?: JsonType | JsonType[];
	/** A type seen only in an example of the reference: a hint, reported but never refused. */
	exampleType?: JsonType | JsonType[];
	enum?: unknown[];
	const?: unknown;
	minimum?: number;
	maximum?: number;
	default?: unknown;
	deprecated?: boolean;
	/** `YYYY-MM-DD HH:MM:SS`: the only format enforced (Enneo's own pages use it for every date). */
	format?: string;
	required?: string[];
	properties?: Record<string, ContractSchema>;
	/** Nested objects: the property list is known to be the whole list (unknown keys are refused). */
	propertiesComplete?: boolean;
	items?: ContractSchema;
	allOf?: ContractSchema[];
	anyOf?: ContractSchema[];
	if?: ContractSchema;
	then?: ContractSchema;
}

export interface ContractParameter {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required: boolean;
	schema: ContractSchema;
	/** The reference shows a description, not the name; the name was read from it. */
	nameInferred?: boolean;
	deprecated?: boolean;
}

export interface ContractOperation {
	/** `<METHOD> <path>`, the path below /api/mind with `{name}` placeholders. */
	key: string;
	method: string;
	path: string;
	/** The reference pages (or the pages Enneo gave us) the entry was read from. */
	sources: string[];
	/** full: every parameter and body property visible; partial; not found: route known, no text. */
	completeness: 'full' | 'partial' | 'not found';
	usedByNode: boolean;
	parameters: ContractParameter[];
	/** A query parameter outside the list contradicts the contract (else: not covered). */
	parametersComplete: boolean;
	/** null: the operation takes no body. */
	requestBody: ContractSchema | null;
	requestBodyRequired: boolean | 'unknown';
	/** A body key outside the list contradicts the contract (else: not covered). */
	bodyPropertiesComplete: boolean;
	/** Where a page Enneo gave us overrides the reference, what and why (operations.ts). */
	overrides?: string[];
}

export interface Contract {
	/** Where the contract came from, for messages and reports. */
	name: string;
	operations: ContractOperation[];
}

/** One finding about one request: a contract error, a key not covered, or a type hint not met. */
export interface Finding {
	in: 'query' | 'path' | 'body' | 'operation';
	/** The field as the request names it: `toEmail`, `to[1]`, `transcript[0].speaker`, `userIds`. */
	field: string;
	code: string;
	message: string;
}

export interface CheckResult {
	/** The contract operation the request matched, or null (no such operation in the contract). */
	operation: string | null;
	/** Fields the request sent, as `query.limit`, `body.status`, `body.transcript[].speaker`. */
	fields: string[];
	errors: Finding[];
	notCovered: Finding[];
	hints: Finding[];
}
