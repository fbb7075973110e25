// @ts-check
// A real n8n 2.41.1 on Node 24, for `npm start`, `npm run test:e2e` and `npm run bench`; one
// entry point for the files in scripts/runtime/, each of which does one job:
//   install.mjs   Node 24 and n8n into ~/.cache/herohealth (once)
//   build.mjs     a build of this package for n8n to load
//   server.mjs    `n8n start` on a free port, n8n's CLI, stopping a process group
//   rest.mjs      n8n's internal REST API (owner, API key) and its public API
//   cli.mjs       importing credentials/workflows and executing workflows through the CLI
//   examples.mjs  the example workflows, the sandbox credential they use, the sandbox
export {
	ENCRYPTION_KEY,
	N8N_VERSION,
	NODE_PACKAGE,
	NODE_TYPES,
	NODE_VERSION,
	REPO_ROOT,
	alive,
	cacheDir,
	cleanEnv,
	npmEnv,
	writeNpmConfig,
	ensureRuntime,
} from './runtime/install.mjs';
export { buildPackage } from './runtime/build.mjs';
export { freePort, n8nCli, n8nCliAsync, n8nEnv, startN8n, stopGroup } from './runtime/server.mjs';
export {
	DEMO_OWNER,
	RestClient,
	activate,
	deactivate,
	publicApi,
	setupOwner,
} from './runtime/rest.mjs';
export {
	executeWorkflow,
	importCredential,
	importCredentials,
	importWorkflow,
	importWorkflows,
	newId,
	nodeItems,
} from './runtime/cli.mjs';
export {
	EXAMPLES_DIR,
	EXAMPLE_FILES_DIR,
	SANDBOX_CREDENTIAL,
	copyExampleData,
	loadSandbox,
	prepareWorkflow,
	readExample,
	sandboxCredential,
	webhookStarted,
} from './runtime/examples.mjs';
