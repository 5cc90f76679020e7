/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
/**
 * Update Many vs per-item updates, inside a real n8n: the same change (priority → high) to 1,000
 * tickets done by (1) Enneo Update Many, (2) Enneo Update once per item, (3) n8n's HTTP Request
 * node once per item. Counts the HTTP requests the fake Enneo received and the time n8n took.
 *
 *   npx tsx bench/bulk/run.ts        (ENNEO_BENCH_TICKETS, ENNEO_BENCH_REPEAT to change the size)
 */
import type { WorkflowNode } from '../../test/e2e/lib/n8n';
import { enneoNode, perTicketWorkflow, updateManyParameters } from '../../test/e2e/lib/n8n';
import { demoState } from '../../test/fake-enneo/demoData';
import type { Row } from '../report';
import { saveResult } from '../report';
import { log, runMain, startBenchEnv, timings } from '../lib/env';
import { median, round } from '../lib/stats';

const TICKETS = Number(process.env.ENNEO_BENCH_TICKETS ?? 1000);
const REPEAT = Number(process.env.ENNEO_BENCH_REPEAT ?? 3);

async function main() {
	const env = await startBenchEnv();
	try {
		const { n8n, fake, credential } = env;
		const ids = [...demoState({ tickets: TICKETS }).tickets.keys()];

		const variants: Array<{ scenario: string; node: WorkflowNode }> = [
			{
				scenario: 'Enneo: Update Many',
				node: enneoNode({
					name: 'Change',
					credential,
					parameters: updateManyParameters({ priority: 'high' }),
				}),
			},
			{
				scenario: 'Enneo: Update (per item)',
				node: enneoNode({
					name: 'Change',
					credential,
					parameters: {
						resource: 'ticket',
						operation: 'update',
						ticketId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						updateFields: { priority: 'high' },
					},
				}),
			},
			{
				scenario: 'HTTP Request node (per item)',
				node: {
					name: 'Change',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [0, 0],
					parameters: {
						method: 'PATCH',
						url: `={{ '${fake.instanceUrl}/api/mind/ticket/' + $json.id }}`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'enneoApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '{ "priority": "high" }',
						options: {},
					},
					credentials: { enneoApi: credential },
				},
			},
		];

		const rows: Row[] = [];
		for (const variant of variants) {
			const workflow = await n8n.createWorkflow(
				perTicketWorkflow(variant.scenario, ids, variant.node),
			);
			const samples: Array<{ requests: number; workflowMs: number; nodeMs: number }> = [];
			for (let i = 0; i < REPEAT; i++) {
				fake.reset(demoState({ tickets: TICKETS }));
				const run = (await n8n.runWorkflow(workflow.id, { timeoutMs: 600_000 })).assertSuccess();
				const changed = [...fake.state.tickets.values()].filter(
					(t) => t.priority === 'high',
				).length;
				if (changed !== TICKETS || run.items('Change').length !== TICKETS) {
					throw new Error(
						`${variant.scenario}: ${changed} of ${TICKETS} tickets changed, ${run.items('Change').length} output items`,
					);
				}
				samples.push({ requests: fake.received().length, ...timings(run, 'Change') });
				log(
					`${variant.scenario} run ${i + 1}: ${samples.at(-1)!.requests} requests, node ${samples.at(-1)!.nodeMs} ms`,
				);
			}
			rows.push({
				scenario: variant.scenario,
				tickets: TICKETS,
				requests: median(samples.map((s) => s.requests)),
				'node ms (median)': round(median(samples.map((s) => s.nodeMs))),
				'workflow ms (median)': round(median(samples.map((s) => s.workflowMs))),
				'ms per ticket': round(median(samples.map((s) => s.nodeMs)) / TICKETS, 2),
			});
		}
		const [bulk] = rows;
		for (const row of rows) {
			row['requests vs Update Many'] = `${round(Number(row.requests) / Number(bulk.requests), 1)}×`;
			row['time vs Update Many'] =
				`${round(Number(row['node ms (median)']) / Number(bulk['node ms (median)']), 1)}×`;
		}
		saveResult({
			name: 'bulk',
			title: `Update Many vs per-item updates (${TICKETS.toLocaleString('en-US')} tickets)`,
			method: `Priority → high on ${TICKETS} tickets in a real n8n against the fake Enneo on the same machine (local HTTP, no network latency); requests counted by the fake, times from n8n's execution record, median of ${REPEAT} runs.`,
			rows,
			notes: [
				'Against a real Enneo every request also pays network latency and server work, so the request ratio matters more than the local times.',
			],
		});
	} finally {
		await env.close();
	}
}

runMain(main);
