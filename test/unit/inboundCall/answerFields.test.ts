import type { INodeProperties } from 'n8n-workflow';

import { Enneo } from '../../../nodes/Enneo/Enneo.node';
import { EnneoTrigger } from '../../../nodes/EnneoTrigger/EnneoTrigger.node';
import type { AnswerSpec } from '../../../nodes/inboundCall/answerFields';
import {
	answerParameter,
	ELSE_ANSWER,
	FALLBACK_ANSWER,
	readAnswerChoice,
	RESPOND_ANSWER,
	RULE_ANSWER,
	savedIdProblem,
} from '../../../nodes/inboundCall/answerFields';
import { AnswerRuleError, buildAnswer } from '../../../nodes/inboundCall/answer';

/** The latest version's properties of a node, as n8n's editor gets them. */
function propertiesOf(node: Enneo | EnneoTrigger): INodeProperties[] {
	const versioned = node as unknown as {
		nodeVersions?: Record<number, { description: { properties: INodeProperties[] } }>;
		currentVersion?: number;
		description: { properties: INodeProperties[] };
	};
	if (versioned.nodeVersions && versioned.currentVersion)
		return versioned.nodeVersions[versioned.currentVersion].description.properties;
	return versioned.description.properties;
}

const respondFields = propertiesOf(new Enneo()).filter(
	(field) =>
		(field.displayOptions?.show?.resource as string[] | undefined)?.includes('inboundCall') &&
		!(field.displayOptions?.show?.['@version'] as unknown[] | undefined)?.some(
			(condition) => JSON.stringify(condition) === '{"_cnd":{"lt":2}}',
		),
);
const triggerFields = propertiesOf(new EnneoTrigger());
const ruleFields = (
	triggerFields.find((field) => field.name === 'rules')?.options?.[0] as
		| { values: INodeProperties[] }
		| undefined
)?.values;

/** Where each answer's fields are declared in the nodes the editor shows. */
const DECLARED: Array<[string, AnswerSpec, INodeProperties[]]> = [
	['Inbound Call → Respond', RESPOND_ANSWER, respondFields],
	["the trigger's Fallback Answer", FALLBACK_ANSWER, triggerFields],
	['a routing rule', RULE_ANSWER, ruleFields ?? []],
	["the rules' Else Answer", ELSE_ANSWER, triggerFields],
];

function field(
	spec: AnswerSpec,
	fields: INodeProperties[],
	name: 'routing' | 'aiAgentId' | 'ivrId',
) {
	const found = fields.find(
		(candidate) => candidate.name === answerParameter(spec, name) && candidate.type !== 'notice',
	);
	if (!found) throw new Error(`no ${answerParameter(spec, name)} field`);
	return found;
}

/** A field without the parts that say where it is (name, label, display conditions). */
function meaning(property: INodeProperties): Partial<INodeProperties> {
	const rest: Partial<INodeProperties> = { ...property };
	delete rest.name;
	delete rest.displayName;
	delete rest.displayOptions;
	if (property.type === 'options') delete rest.description;
	return rest;
}

describe('one CallInBound answer definition', () => {
	test('Respond, the fallback, a rule and the Else Answer declare the same routing choices and ID fields', () => {
		const [first, ...others] = DECLARED;
		for (const [where, spec, fields] of others) {
			for (const name of ['routing', 'aiAgentId', 'ivrId'] as const) {
				const ours = meaning(field(spec, fields, name));
				const theirs = meaning(field(first[1], first[2], name));
				// The fallback's routing is the trigger's own setting: no expressions on item data.
				if (spec.noDataExpression && name === 'routing') delete ours.noDataExpression;
				expect({ where, name, ...ours }).toEqual({ where, name, ...theirs });
			}
		}
	});

	test.each(DECLARED)(
		'the labels of %s are the fields the editor shows',
		(_where, spec, fields) => {
			for (const name of ['routing', 'aiAgentId', 'ivrId'] as const)
				expect(field(spec, fields, name).displayName).toBe(spec.labels[name]);
		},
	);

	test.each(DECLARED)('an error in %s names its field as the editor shows it', (_where, spec) => {
		const saved = {
			[answerParameter(spec, 'routing')]: 'aiAgent',
			[answerParameter(spec, 'aiAgentId')]: 0,
		};
		const choice = readAnswerChoice(spec, (name, fallback) => saved[name] ?? fallback);
		const bound = { boundAiAgentId: 1, boundIvrId: null };
		expect(() => buildAnswer(choice, bound)).toThrow(AnswerRuleError);
		expect(() => buildAnswer(choice, bound)).toThrow(`"${spec.labels.aiAgentId}" must be`);
		expect(savedIdProblem(spec, saved)).toBe(
			`"${spec.labels.aiAgentId}" must be the telephony platform's AI agent ID, a whole number above 0 (e.g. 388)`,
		);
		expect(savedIdProblem(spec, { ...saved, [answerParameter(spec, 'aiAgentId')]: 388 })).toBe(
			undefined,
		);
	});

	test('only the fields the chosen routing shows are read', () => {
		const saved: Record<string, unknown> = {
			routing: 'ivr',
			aiAgentId: 'not a number',
			ivrId: 7,
			variables: { variable: [{ key: 'name', value: 'Ada' }] },
		};
		const choice = readAnswerChoice(RESPOND_ANSWER, (name, fallback) => saved[name] ?? fallback);
		expect(buildAnswer(choice, { boundAiAgentId: null, boundIvrId: null }).body).toEqual({
			CallInBound: { OverrideIvrId: 7, Variables: [{ Key: 'name', Value: 'Ada' }] },
		});
		const hangUp = readAnswerChoice(RESPOND_ANSWER, (name, fallback) =>
			name === 'routing' ? 'hangUp' : (saved[name] ?? fallback),
		);
		expect(buildAnswer(hangUp, { boundAiAgentId: 1, boundIvrId: null }).body).toEqual({
			CallInBound: {},
		});
	});
});
