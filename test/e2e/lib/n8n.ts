/**
 * The e2e lib, one import for test files: processes.ts (commands, ports, process groups, the n8n
 * environment, the state file), start.ts (install, pack, start, connect), client.ts (n8n's REST API
 * and CLI) and workflows.ts (workflow JSON builders).
 *
 * Runs this package inside a real n8n (ENNEO_N8N_VERSION, default 2.41.1, from scripts/install-n8n.sh), installed
 * from the packed tarball exactly the way n8n installs a community node. Used by the e2e suite
 * (test/e2e) and by `npm run dev`.
 *
 * Start and stop (one n8n per test run: test/e2e/globalSetup.ts does this):
 *   const tarball = await packPackage();                  // staged `npm run build` + `npm pack`
 *   const n8n = await startN8n({ packageTarball: tarball });  // fresh home, owner account, logged in
 *   ...
 *   await n8n.stop();                                     // kills n8n's process group, waits
 *
 * In a test file, connect to the n8n of this run (test/e2e/lib/setup.ts wraps this):
 *   const n8n = await connectN8n();                       // reads the state file, logs in as owner
 *   const cred = await n8n.createCredential({ name: 'Enneo', type: 'enneoApi', data: { instanceUrl, apiKey } });
 *   const wf = await n8n.createWorkflow(linearWorkflow('name', [manualTrigger(), enneoNode({...})]));
 *   const run = await n8n.runWorkflow(wf.id);             // manual run via REST, waits for the end
 *   run.status; run.output('Enneo'); run.error('Enneo');  // items / node error of a node
 *   await n8n.activate(wf.id);                            // publishes it and waits until its triggers are live
 *   const res = await n8n.webhook('<webhookId>/<path>', { method: 'POST', body: {...} });
 *   const runs = await n8n.waitForExecutions(wf.id, 1);   // executions of a webhook-started workflow
 *   await n8n.deactivate(wf.id);
 *   await n8n.cliRun(['export:nodes', '--output=x.json']); // any n8n CLI command (own broker port)
 *
 * A community trigger with a static webhook path answers at `/webhook/<webhookId>/<path>`, where
 * webhookId is the node's `webhookId` in the workflow JSON (set it yourself, e.g. randomUUID()).
 * See test/e2e/webhook.e2e.test.ts for a published workflow end to end.
 *
 * Gotchas seen in n8n 2.41: jest's NODE_ENV=test makes n8n exit silently (childEnv drops it);
 * `$json.caller` is refused by n8n's expression sandbox ("Cannot access "caller" due to security
 * concerns"); GET /rest/executions pages at most 100.
 *
 * Everything talks to n8n's own REST API (/rest/...) with the owner's session cookie, like the
 * editor does; endpoints as in n8n 2.41 (owner.controller, auth.controller, workflows.controller,
 * executions.controller, credentials.controller). Where n8n 1.x differs the client says so
 * (`n8nMajor`): creating a workflow needs `active`, a manual run needs the workflow in the body,
 * activation is done when the call returns (no publication status), only saved credentials can be
 * tested, REST routes come up after /healthz/readiness, and the CLI activates with
 * `update:workflow --active=true` instead of `publish:workflow` (cliActivateArgs).
 */
export * from './processes';
export * from './start';
export * from './client';
export * from './workflows';
