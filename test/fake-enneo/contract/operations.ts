import transcription from './operations.json';
import type { Contract, ContractOperation, ContractSchema } from './types';
import { SQL_DATETIME_FORMAT } from './validator';

/**
 * Enneo's API contract as its public API reference shows it (operations.json: 58 operations, each
 * with the page it was read from), overridden where the API pages Enneo gave us (callReceived,
 * bulk update, conversation store: docs/enneo-api-notes.md) say otherwise: where they speak, they win.
 *
 * operations.json per operation: `sources` (reference pages, newest first), `completeness` (full /
 * partial / not found), `usedByNode`, `parameters` (name, in, required, schema; `nameInferred`: read
 * from a description), `parametersComplete`, `requestBody` (a JSON-Schema subset, null: no body),
 * `requestBodyRequired`, `bodyPropertiesComplete`. In schemas, `exampleType` is a type seen only in
 * an example (a hint, never refused), `format: "YYYY-MM-DD HH:MM:SS"` a documented date format, and
 * `propertiesComplete` marks a nested object whose key list is known to be whole.
 */

type Transcribed = Omit<ContractOperation, 'key' | 'method' | 'path'>;

const operations = (transcription as unknown as { operations: Record<string, Transcribed> })
	.operations;

function body(key: string): ContractSchema {
	const schema = operations[key]?.requestBody;
	if (!schema) throw new Error(`contract: ${key} has no body to override`);
	return schema;
}

function property(schema: ContractSchema, name: string): ContractSchema {
	const found = schema.properties?.[name];
	if (!found) throw new Error(`contract: no property ${name} to override`);
	return found;
}

function override(key: string, why: string, apply: () => void): void {
	apply();
	const operation = operations[key] as Transcribed;
	operation.overrides = [...(operation.overrides ?? []), why];
}

// Enneo's newer callReceived page (docs/enneo-api-notes.md#telephony-call-received): "Outbound
// calls (direction=out) require 'to' and 'agentId' fields"; agentId "Required for outbound calls
// (direction=out) unless userId is provided". The newest reference text requires only `to`; the
// page wins.
override(
	'POST /telephony/callReceived',
	"outbound (direction out) requires 'to' and 'agentId' unless 'userId' is given (Enneo's newer callReceived page)",
	() => {
		const schema = body('POST /telephony/callReceived');
		schema.allOf = [
			...(schema.allOf ?? []),
			{
				if: { required: ['direction'], properties: { direction: { const: 'out' } } },
				then: { anyOf: [{ required: ['agentId'] }, { required: ['userId'] }] },
			},
		];
	},
);

// The newer callReceived page's example sends contractId "123456" and customerId "789012" as
// strings; an older reference snapshot typed them integer | null. The page (and the newest
// reference) win.
override(
	'POST /telephony/callReceived',
	"contractId and customerId are strings or null (Enneo's newer callReceived page)",
	() => {
		const schema = body('POST /telephony/callReceived');
		property(schema, 'contractId').type = ['string', 'null'];
		property(schema, 'customerId').type = ['string', 'null'];
	},
);

// The reference's update example sends dueBy/firstResponseDueBy as Unix seconds; Enneo's pages
// write every ticket date as `YYYY-MM-DD HH:MM:SS` (the bulk-update page's ticket: "dueBy":
// "2022-12-15 22:18:06"; the store page: "Optional due date (YYYY-MM-DD HH:MM:SS format)";
// docs/enneo-api-notes.md#dates). Their format stays; null clears.
override(
	'PATCH /ticket/{ticketId}',
	`dueBy and firstResponseDueBy are '${SQL_DATETIME_FORMAT}' strings, not Unix seconds (Enneo's bulk-update and store pages)`,
	() => {
		const schema = body('PATCH /ticket/{ticketId}');
		for (const name of ['dueBy', 'firstResponseDueBy']) {
			const field = property(schema, name);
			delete field.exampleType;
			field.type = ['string', 'null'];
			field.format = SQL_DATETIME_FORMAT;
		}
	},
);

// Enneo's bulk-update page (docs/enneo-api-notes.md#bulk-update): the example ticket's dates are
// `YYYY-MM-DD HH:MM:SS` strings.
override(
	'PATCH /ticket',
	`createdAt, dueBy and firstResponseDueBy are '${SQL_DATETIME_FORMAT}' strings (Enneo's bulk-update page)`,
	() => {
		const element = body('PATCH /ticket').items as ContractSchema;
		for (const name of ['createdAt', 'dueBy', 'firstResponseDueBy'])
			property(element, name).format = SQL_DATETIME_FORMAT;
	},
);

/** The contract the fake Enneo enforces and `npm run check:contract` checks against by default. */
export const ENNEO_CONTRACT: Contract = {
	name: "Enneo's API reference (test/fake-enneo/contract/operations.json)",
	operations: Object.entries(operations).map(([key, entry]) => {
		const [method, path] = key.split(' ');
		return { key, method, path, ...entry };
	}),
};
