/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Registration: every operation file of a resource is in its resource's table, the Operation list
 * offers exactly the registered operations, and every parameter shows for a registered operation.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Enneo } from '../../nodes/Enneo/Enneo.node';
import * as conversation from '../../nodes/Enneo/actions/conversation';
import * as customer from '../../nodes/Enneo/actions/customer';
import * as inboundCall from '../../nodes/Enneo/actions/inboundCall';
import * as telephony from '../../nodes/Enneo/actions/telephony';
import * as ticket from '../../nodes/Enneo/actions/ticket';
import type { EnneoResource } from '../../nodes/Enneo/actions/defineResource';

const actionsDir = join(__dirname, '../../nodes/Enneo/actions');

const registered: Record<string, { operations: EnneoResource; description: INodeProperties[] }> = {
	conversation: {
		operations: conversation.conversationOperations,
		description: conversation.description,
	},
	customer: { operations: customer.customerOperations, description: customer.description },
	inboundCall: {
		operations: inboundCall.inboundCallOperations,
		description: inboundCall.description,
	},
	telephony: { operations: telephony.telephonyOperations, description: telephony.description },
	ticket: { operations: ticket.ticketOperations, description: ticket.description },
};

const properties = new Enneo().description.properties;

function operationParameter(resource: string): INodeProperties {
	const found = properties.filter(
		(p) =>
			p.name === 'operation' &&
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	);
	expect(found).toHaveLength(1);
	return found[0];
}

function optionsOf(resource: string): INodePropertyOptions[] {
	return operationParameter(resource).options as INodePropertyOptions[];
}

describe('operation registration', () => {
	it('every resource folder is a resource of the node, and the other way round', () => {
		const folders = readdirSync(actionsDir, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			.sort();
		const resourceParameter = properties.find((p) => p.name === 'resource')!;
		const offered = (resourceParameter.options as INodePropertyOptions[])
			.map((o) => String(o.value))
			.sort();
		expect(Object.keys(registered).sort()).toEqual(folders);
		expect(offered).toEqual(folders);
	});

	describe.each(Object.keys(registered))('%s', (resource) => {
		const { operations } = registered[resource];

		it('every *.operation.ts file is registered', () => {
			const files = readdirSync(join(actionsDir, resource)).filter((file) =>
				file.endsWith('.operation.ts'),
			);
			const modules = new Set(Object.values(operations));
			const unregistered = files.filter(
				// eslint-disable-next-line @typescript-eslint/no-require-imports -- load each file to compare module identity
				(file) => !modules.has(require(join(actionsDir, resource, file))),
			);
			expect(unregistered).toEqual([]);
			expect(modules.size).toBe(files.length);
		});

		it('the Operation list offers exactly the registered operations, sorted by name, each fully labelled', () => {
			const options = optionsOf(resource);
			expect(options.map((o) => String(o.value)).sort()).toEqual(Object.keys(operations).sort());
			const names = options.map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			for (const option of options) {
				expect(option.name).toBeTruthy();
				expect(option.action).toBeTruthy();
				expect(option.description).toBeTruthy();
			}
			expect(Object.keys(operations)).toContain(operationParameter(resource).default);
		});

		it("each operation's parameters show for that operation only, in the resource's description", () => {
			const scoped = registered[resource].description.filter((p) => p.name !== 'operation');
			let expected = 0;
			for (const [value, module] of Object.entries(operations)) {
				expect(module.execute ?? module.executeBatch).toBeDefined();
				const shown = scoped.filter((parameter) =>
					(parameter.displayOptions?.show?.operation as string[] | undefined)?.includes(value),
				);
				expect(shown.map((p) => p.name)).toEqual(module.properties.map((p) => p.name));
				for (const parameter of shown)
					expect(parameter.displayOptions?.show).toEqual(
						expect.objectContaining({ resource: [resource], operation: [value] }),
					);
				expected += module.properties.length;
			}
			expect(scoped).toHaveLength(expected);
		});

		it('no parameter of the node shows for an operation that is not registered', () => {
			for (const parameter of properties) {
				const show = parameter.displayOptions?.show;
				if (!(show?.resource as string[] | undefined)?.includes(resource) || !show?.operation)
					continue;
				for (const value of show.operation as string[]) {
					expect({
						parameter: parameter.name,
						operation: value,
						registered: value in operations,
					}).toEqual({
						parameter: parameter.name,
						operation: value,
						registered: true,
					});
				}
			}
		});
	});
});
