import { randomUUID } from 'node:crypto';

import { DEMO } from '../fake-enneo/demoData';
import type { WorkflowNode } from './lib/n8n';
import { codeNode, connect, linearWorkflow, manualTrigger } from './lib/n8n';
import { useE2e } from './lib/setup';

const e2e = useE2e();

const noOp = (name: string): WorkflowNode => ({
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

describe('customer operations in n8n', () => {
	test('Customer Search by a caller number feeds an IF on the VIP tag', async () => {
		const ifVip: WorkflowNode = {
			name: 'Has VIP tag',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [0, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: randomUUID(),
							leftValue: '={{ $json.tagNames }}',
							rightValue: 'VIP',
							operator: { type: 'array', operation: 'contains', rightType: 'any' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		};
		const workflow = linearWorkflow('customer vip', [
			manualTrigger(),
			// Caller numbers as a phone system delivers them: national format with spaces.
			codeNode(
				'Callers',
				`return [{ json: { phone: '0151 1234 5678' } }, { json: { phone: '030 123456' } }];`,
			),
			e2e.enneo({
				name: 'Find customer',
				parameters: {
					resource: 'customer',
					operation: 'search',
					query: '={{ $json.phone }}',
					returnAll: false,
					limit: 1,
					options: { defaultCountryCode: '49' },
				},
			}),
			ifVip,
			noOp('VIP desk'),
		]);
		workflow.nodes.push({ ...noOp('Regular queue'), position: [960, 200] });
		connect(workflow, 'Has VIP tag', 'Regular queue', 1);
		const wf = await e2e.n8n.createWorkflow(workflow);
		const run = (await e2e.n8n.runWorkflow(wf.id)).assertSuccess();

		// Enneo stores phones as digits: the first search uses that form and finds both.
		expect(e2e.fake.received('GET', '/customer/search').map((r) => r.query.q)).toEqual([
			DEMO.vipPhone.slice(1),
			DEMO.regularPhone.slice(1),
		]);
		const found = run.output('Find customer');
		expect(found).toHaveLength(2);
		expect(run.output('Has VIP tag', 0)).toEqual([
			expect.objectContaining({ id: DEMO.vipCustomerId, isVip: true, tagNames: ['VIP'] }),
		]);
		const regular = run.output('Has VIP tag', 1);
		expect(regular).toHaveLength(1);
		expect(regular[0]).toMatchObject({
			isVip: false,
			phone: Number(DEMO.regularPhone.slice(1)),
			matchedPhone: { form: 'digits', query: DEMO.regularPhone.slice(1) },
		});
		expect(run.output('VIP desk').map((c) => c.id)).toEqual([DEMO.vipCustomerId]);
		expect(run.output('Regular queue').map((c) => c.id)).toEqual([regular[0].id]);
	});
});
