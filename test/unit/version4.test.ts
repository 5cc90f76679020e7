/**
 * Node version 4: fields Enneo's API contract does not take are gone from new nodes, Output
 * replaces Simplify; versions 1–3 keep showing them so saved workflows open unchanged.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Enneo } from '../../nodes/Enneo/Enneo.node';
import { shownProperties } from '../harness/display';

const description = new Enneo().description;

/** Names shown for these values, with the sub-options n8n shows inside shown collections. */
function shownNames(values: INodeParameters, typeVersion: number): string[] {
	const node = { typeVersion } as never;
	const names: string[] = [];
	for (const property of shownProperties(description, values, typeVersion)) {
		names.push(property.name);
		if (property.type !== 'collection') continue;
		for (const option of (property.options ?? []) as INodeProperties[])
			if (NodeHelpers.displayParameter(values, option, node, description))
				names.push(`${property.name}.${option.name}`);
	}
	return names;
}

describe.each([
	[
		{ resource: 'ticket', operation: 'create' },
		['additionalFields.direction', 'additionalFields.interface'],
	],
	[
		{ resource: 'conversation', operation: 'getMany' },
		['filters.toId', 'options.contentTranslationLanguage', 'simplify'],
	],
	[
		{ resource: 'customer', operation: 'search' },
		['options.includeRawData', 'options.vipTagName', 'options.vipTagId', 'simplify'],
	],
	[{ resource: 'ticket', operation: 'get' }, ['simplify']],
	[{ resource: 'ticket', operation: 'getMany' }, ['simplify']],
])('%p', (values, goneInVersion4) => {
	test('version 3 shows the fields version 4 dropped', () => {
		expect(shownNames(values, 3)).toEqual(expect.arrayContaining(goneInVersion4));
	});

	test('version 4 does not show them', () => {
		const shown = shownNames(values, 4);
		for (const name of goneInVersion4) expect(shown).not.toContain(name);
	});
});

test.each([
	[{ resource: 'ticket', operation: 'get' }],
	[{ resource: 'ticket', operation: 'getMany' }],
	[{ resource: 'conversation', operation: 'get' }],
	[{ resource: 'conversation', operation: 'getMany' }],
	[{ resource: 'customer', operation: 'get' }],
	[{ resource: 'customer', operation: 'search' }],
])('%p has Output in version 4, and Fields only for Selected Fields', (values) => {
	expect(shownNames(values, 4)).toContain('output');
	expect(shownNames(values, 4)).not.toContain('outputFields');
	expect(shownNames({ ...values, output: 'selected' }, 4)).toContain('outputFields');
	expect(shownNames(values, 3)).not.toContain('output');
});

test('Get Routing offers Queue ID only to versions 1–3', () => {
	const lookUpBy = (typeVersion: number) =>
		shownProperties(description, { resource: 'telephony', operation: 'getRouting' }, typeVersion)
			.filter((p) => p.name === 'lookUpBy')
			.flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
	expect(lookUpBy(3)).toEqual(['ticketId', 'channelId', 'queueId']);
	expect(lookUpBy(4)).toEqual(['ticketId', 'channelId']);
});
