import type { IDataObject } from 'n8n-workflow';

import { RESPOND_ANSWER } from './answerFields';

/** The four ways to answer a ringing call. Only `hangUp` produces the empty CallInBound. */
export type RoutingChoice = 'aiAgent' | 'ivr' | 'keepDefault' | 'hangUp';

export const ROUTING_CHOICES: RoutingChoice[] = ['aiAgent', 'ivr', 'keepDefault', 'hangUp'];

export interface AnswerVariable {
	Key: string;
	Value: string;
}

/** The response body the telephony platform reads (docs/enneo-api-notes.md#callinbound). */
export interface CallInBoundAnswer {
	CallInBound: {
		OverrideAIAgentId?: number;
		OverrideIvrId?: number;
		Variables?: AnswerVariable[];
	};
}

export interface BuiltAnswer {
	body: CallInBoundAnswer;
	kind: RoutingChoice;
	/** Set when Keep Default Routing had nothing to keep. */
	note?: string;
}

/** A broken answering rule; `field` names the parameter to fix. */
export class AnswerRuleError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'AnswerRuleError';
	}
}

export interface BoundRouting {
	boundAiAgentId: number | null;
	boundIvrId: number | null;
}

export interface AnswerChoice {
	routing: unknown;
	aiAgentId?: unknown;
	ivrId?: unknown;
	variables?: Array<{ key?: unknown; value?: unknown }>;
	/** The fields as the editor shows them, for errors (default: Respond's, RESPOND_ANSWER.labels). */
	fields?: Partial<Record<'routing' | 'aiAgentId' | 'ivrId', string>>;
}

export const NOTHING_BOUND_NOTE =
	'Keep Default Routing: the number has no AI agent or IVR bound, so no override was sent; the platform applies its own default (it ends calls to unbound numbers).';

function positiveId(value: unknown, field: string, what: string): number {
	const text = typeof value === 'string' ? value.trim() : value;
	const number = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : text;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
		throw new AnswerRuleError(
			field,
			`"${field}" must be a positive whole number, got ${JSON.stringify(value ?? '')}`,
			`Enter the ${what} ID, e.g. 388, or map it with an expression.`,
		);
	}
	return number;
}

function variableValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	return JSON.stringify(value);
}

/** Variables as the platform wants them: string values, non-empty unique keys. */
export function buildVariables(
	list: Array<{ key?: unknown; value?: unknown }> | undefined,
): AnswerVariable[] {
	const variables: AnswerVariable[] = [];
	const seen = new Set<string>();
	(list ?? []).forEach((entry, index) => {
		const key =
			typeof entry.key === 'string'
				? entry.key.trim()
				: entry.key === undefined || entry.key === null
					? ''
					: String(entry.key).trim();
		if (!key) {
			throw new AnswerRuleError(
				'Variables',
				`Variable ${index + 1} has an empty Key`,
				'Give every variable a name, e.g. "name", or remove the empty row.',
			);
		}
		if (seen.has(key)) {
			throw new AnswerRuleError(
				'Variables',
				`Variable Key "${key}" is used more than once`,
				'Each variable Key may appear only once; remove or rename the duplicate.',
			);
		}
		seen.add(key);
		variables.push({ Key: key, Value: variableValue(entry.value) });
	});
	return variables;
}

/** Keep the number's routing by naming the bound agent/IVR explicitly: never an empty answer. */
export function keepDefaultAnswer(
	bound: BoundRouting,
	variables: AnswerVariable[] = [],
): BuiltAnswer {
	const answer: CallInBoundAnswer['CallInBound'] = {};
	let note: string | undefined;
	if (bound.boundAiAgentId) answer.OverrideAIAgentId = bound.boundAiAgentId;
	else if (bound.boundIvrId) answer.OverrideIvrId = bound.boundIvrId;
	else note = NOTHING_BOUND_NOTE;
	// With nothing bound an empty Variables list keeps CallInBound non-empty (empty means hang up).
	if (variables.length || note) answer.Variables = variables;
	return { body: { CallInBound: answer }, kind: 'keepDefault', note };
}

/** Builds the answer from the plain choices; throws AnswerRuleError naming the field. */
export function buildAnswer(choice: AnswerChoice, bound: BoundRouting): BuiltAnswer {
	const routing = choice.routing as RoutingChoice;
	const fields = { ...RESPOND_ANSWER.labels, ...choice.fields };
	if (!ROUTING_CHOICES.includes(routing)) {
		throw new AnswerRuleError(
			fields.routing,
			`"${fields.routing}" must be one of ${ROUTING_CHOICES.join(', ')}, got ${JSON.stringify(choice.routing)}`,
		);
	}
	const variables = buildVariables(choice.variables);
	if (routing === 'hangUp') {
		if (variables.length) {
			throw new AnswerRuleError(
				'Variables',
				'Variables cannot be sent with Hang Up',
				'Hang Up sends an empty CallInBound; remove the variables or choose another routing.',
			);
		}
		return { body: { CallInBound: {} }, kind: 'hangUp' };
	}
	if (routing === 'keepDefault') return keepDefaultAnswer(bound, variables);
	const answer: CallInBoundAnswer['CallInBound'] =
		routing === 'aiAgent'
			? { OverrideAIAgentId: positiveId(choice.aiAgentId, fields.aiAgentId, 'AI agent') }
			: { OverrideIvrId: positiveId(choice.ivrId, fields.ivrId, 'IVR') };
	if (variables.length) answer.Variables = variables;
	return { body: { CallInBound: answer }, kind: routing };
}

export type CheckedAnswer = { ok: true; answer: BuiltAnswer } | { ok: false; reason: string };

/**
 * Checks a ready-made body (a last node's output, or an answer relayed through n8n) against the
 * same rules. An empty CallInBound passes only when `allowHangUp` (the action chose Hang Up).
 */
export function checkAnswerBody(body: unknown, allowHangUp = false): CheckedAnswer {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return { ok: false, reason: 'the answer is not a JSON object' };
	const settings = (body as IDataObject).CallInBound;
	if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
		return { ok: false, reason: 'the answer has no "CallInBound" object' };
	}
	const fields = settings as IDataObject;
	const unknown = Object.keys(fields).filter(
		(key) => !['OverrideAIAgentId', 'OverrideIvrId', 'Variables'].includes(key),
	);
	if (unknown.length)
		return { ok: false, reason: `"CallInBound" has unknown fields: ${unknown.join(', ')}` };
	if (Object.keys(fields).length === 0) {
		return allowHangUp
			? { ok: true, answer: { body: { CallInBound: {} }, kind: 'hangUp' } }
			: {
					ok: false,
					reason: 'an empty "CallInBound" hangs up; only the Hang Up choice may send it',
				};
	}
	if (fields.OverrideAIAgentId !== undefined && fields.OverrideIvrId !== undefined) {
		return { ok: false, reason: 'only one of OverrideAIAgentId and OverrideIvrId may be sent' };
	}
	try {
		const answer: CallInBoundAnswer['CallInBound'] = {};
		let kind: RoutingChoice = 'keepDefault';
		if (fields.OverrideAIAgentId !== undefined) {
			answer.OverrideAIAgentId = positiveId(
				fields.OverrideAIAgentId,
				'OverrideAIAgentId',
				'AI agent',
			);
			kind = 'aiAgent';
		}
		if (fields.OverrideIvrId !== undefined) {
			answer.OverrideIvrId = positiveId(fields.OverrideIvrId, 'OverrideIvrId', 'IVR');
			kind = 'ivr';
		}
		if (fields.Variables !== undefined) {
			if (!Array.isArray(fields.Variables))
				return { ok: false, reason: '"Variables" must be a list of {Key, Value}' };
			answer.Variables = buildVariables(
				(fields.Variables as unknown[]).map((entry) => {
					const item = (typeof entry === 'object' && entry !== null ? entry : {}) as IDataObject;
					return { key: item.Key, value: item.Value };
				}),
			);
		}
		return { ok: true, answer: { body: { CallInBound: answer }, kind } };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}
