// @ts-check
// A scripted stand-in for an OpenAI-compatible chat model, for the AI-agent end-to-end test. It is
// not part of Hero's API and has its own server and port, so the sandbox's Hero routes stay as Hero
// has them. `POST /v1/chat/completions` answers as a model that calls tools would: step by step it
// asks for a tool call (choosing the tool by its description, as a model reads it) with arguments
// made from the earlier tool results, and after the last step it gives a final answer. Every request
// body is kept, so a test sees exactly what the agent sent the model, tool results included.
import { createServer } from 'node:http';

/**
 * @typedef {{ role: string, content?: unknown, tool_calls?: any[], tool_call_id?: string }} ChatMessage
 * @typedef {{ type: string, function: { name: string, description?: string, parameters?: any } }} ChatTool
 * @typedef {{ model?: string, messages: ChatMessage[], tools?: ChatTool[], stream?: boolean }} ChatRequest
 * @typedef {{
 *   tool: RegExp,
 *   args: (results: unknown[]) => Record<string, unknown>,
 * }} ScriptStep  A tool call: the first tool whose description matches `tool`, with `args` made from
 *   the tool results so far (parsed JSON where they are JSON).
 */

/** @param {unknown} content */
function parseToolResult(content) {
	const text = typeof content === 'string' ? content : JSON.stringify(content);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * @param {{ steps: ScriptStep[], finalAnswer: (results: unknown[]) => string, port?: number }} options
 */
export async function startScriptedModel({ steps, finalAnswer, port = 0 }) {
	/** @type {ChatRequest[]} */
	const requests = [];
	/** @type {string[]} */
	const problems = [];
	let calls = 0;

	/** The next answer for a conversation: which step is due follows from the tool results in it. @param {ChatRequest} body */
	function answer(body) {
		const results = body.messages
			.filter((message) => message.role === 'tool')
			.map((message) => parseToolResult(message.content));
		const step = steps[results.length];
		if (!step) return { content: finalAnswer(results) };
		const tool = (body.tools ?? []).find((entry) =>
			step.tool.test(entry.function?.description ?? ''),
		);
		if (!tool) {
			const offered = (body.tools ?? []).map(
				(entry) => `${entry.function?.name}: ${entry.function?.description}`,
			);
			throw new Error(`no tool matches ${step.tool}; offered: ${offered.join(' | ') || 'none'}`);
		}
		calls += 1;
		return {
			toolCall: {
				id: `call_${calls}`,
				type: 'function',
				function: { name: tool.function.name, arguments: JSON.stringify(step.args(results)) },
			},
		};
	}

	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const send = (/** @type {number} */ status, /** @type {unknown} */ json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path === '/v1/models') {
				return send(200, { object: 'list', data: [{ id: 'scripted-model', object: 'model' }] });
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions') {
				return send(404, { error: { message: `${req.method} ${path} is not served here` } });
			}
			/** @type {ChatRequest} */
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return send(400, { error: { message: 'body is not JSON' } });
			}
			requests.push(body);
			let next;
			try {
				next = answer(body);
			} catch (error) {
				problems.push(String(/** @type {Error} */ (error).message));
				return send(400, { error: { message: String(/** @type {Error} */ (error).message) } });
			}
			const message = next.toolCall
				? { role: 'assistant', content: null, tool_calls: [next.toolCall] }
				: { role: 'assistant', content: next.content };
			const finish = next.toolCall ? 'tool_calls' : 'stop';
			const meta = {
				id: `chatcmpl-${requests.length}`,
				created: Math.floor(Date.now() / 1000),
				model: body.model ?? 'scripted-model',
			};
			const usage = {
				prompt_tokens: raw.length >> 2,
				completion_tokens: 8,
				total_tokens: (raw.length >> 2) + 8,
			};
			if (!body.stream) {
				return send(200, {
					...meta,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
					usage,
				});
			}
			// Streaming: the same answer as one delta, then the finish reason, as OpenAI sends it.
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
			const chunk = (/** @type {unknown} */ delta, /** @type {string | null} */ reason) =>
				`data: ${JSON.stringify({ ...meta, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: reason }] })}\n\n`;
			const delta = next.toolCall
				? { role: 'assistant', content: null, tool_calls: [{ index: 0, ...next.toolCall }] }
				: { role: 'assistant', content: next.content };
			res.end(`${chunk(delta, null)}${chunk({}, finish)}data: [DONE]\n\n`);
		});
	});
	await new Promise((done) => server.listen(port, '127.0.0.1', () => done(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		/** The base URL an OpenAI client takes (its requests go to `${url}/chat/completions`). */
		url: `http://127.0.0.1:${address.port}/v1`,
		/** Every chat request received, in order (copies). */
		requests: () => structuredClone(requests),
		/** Script failures: a step whose tool was not offered. */
		problems: () => [...problems],
		stop: () => new Promise((done) => server.close(() => done(undefined))),
	};
}
