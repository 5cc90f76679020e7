import type { INodeProperties } from 'n8n-workflow';

import { Enneo } from '../../nodes/Enneo/Enneo.node';
import { shownProperties } from '../harness/display';
import { conversationOperations } from '../../nodes/Enneo/actions/conversation';
import { customerOperations } from '../../nodes/Enneo/actions/customer';
import { telephonyOperations } from '../../nodes/Enneo/actions/telephony';
import { ticketOperations } from '../../nodes/Enneo/actions/ticket';

const description = new Enneo().description;
const properties = description.properties;
const shows = (property: INodeProperties, key: string, value: string) => {
	const allowed = property.displayOptions?.show?.[key];
	return Array.isArray(allowed) && allowed.includes(value);
};

describe('Options → Timeout', () => {
	const operations = Object.entries({
		ticket: ticketOperations,
		conversation: conversationOperations,
		telephony: telephonyOperations,
		customer: customerOperations,
	}).flatMap(([resource, map]) => Object.keys(map).map((operation) => [resource, operation]));

	test.each(operations)(
		'%s → %s has exactly one Options collection with Timeout in each node version',
		(resource, operation) => {
			for (const version of description.version as number[]) {
				const collections = shownProperties(description, { resource, operation }, version).filter(
					(p) => p.name === 'options' && p.type === 'collection',
				);
				expect(collections).toHaveLength(1);
				const names = (collections[0].options as INodeProperties[]).map((o) => o.displayName);
				expect(names).toContain('Timeout');
				expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
			}
		},
	);

	test('Inbound Call → Respond calls nothing remote and has no Timeout', () => {
		const respondOptions = properties.filter(
			(p) => p.name === 'options' && shows(p, 'resource', 'inboundCall'),
		);
		for (const collection of respondOptions)
			expect((collection.options as INodeProperties[]).map((o) => o.name)).not.toContain('timeout');
	});
});
