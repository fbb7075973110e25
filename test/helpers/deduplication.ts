import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * n8n's deduplication store for the n8n-core harness, in memory. A real n8n gives nodes its
 * DeduplicationHelper (packages/cli/src/deduplication) through n8n-core's DataDeduplicationService;
 * this keeps the same model in 'entries' mode: per workflow ID and context ('' for scope
 * 'workflow', `n:<node ID>` for 'node') one list of md5/base64 hashes of the values, read and
 * written whole by every call. It also counts calls and notes when two overlapped, which n8n's
 * store does not survive (each call reads, changes and writes the list whole).
 */
export class MemoryDeduplicator implements IDataDeduplicator {
	readonly lists = new Map<string, string[]>();
	calls: Array<{ method: string; scope: DeduplicationScope; values: number }> = [];
	maxOverlap = 0;
	/** Makes the next calls fail, as a lost database would. */
	failWith?: Error;
	/** Milliseconds each call takes. */
	latencyMs = 0;
	private running = 0;

	reset(): void {
		this.lists.clear();
		this.calls = [];
		this.maxOverlap = 0;
		this.failWith = undefined;
		this.latencyMs = 0;
	}

	private static listKey(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		const context = scope === 'node' ? `n:${contextData.node?.id}` : '';
		return `${contextData.workflow.id}|${context}`;
	}

	static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	/** The workflow-scope list, or with a node ID that node's list. */
	listOf(workflowId: string, nodeId?: string): string[] {
		return this.lists.get(`${workflowId}|${nodeId === undefined ? '' : `n:${nodeId}`}`) ?? [];
	}

	/** Whether a value is in the workflow-scope list, or with a node ID in that node's list. */
	has(workflowId: string, value: string, nodeId?: string): boolean {
		return this.listOf(workflowId, nodeId).includes(MemoryDeduplicator.hash(value));
	}

	private async call<T>(
		method: string,
		scope: DeduplicationScope,
		values: number,
		work: () => T,
	): Promise<T> {
		this.running++;
		this.maxOverlap = Math.max(this.maxOverlap, this.running);
		try {
			this.calls.push({ method, scope, values });
			if (this.latencyMs) await sleep(this.latencyMs);
			if (this.failWith) throw this.failWith;
			return work();
		} finally {
			this.running--;
		}
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error('Only mode "entries" is modelled');
		return await this.call('checkProcessedAndRecord', scope, items.length, () => {
			const key = MemoryDeduplicator.listKey(scope, contextData);
			const list = [...(this.lists.get(key) ?? [])];
			const known = new Set(list);
			const output: IDeduplicationOutput = { new: [], processed: [] };
			for (const item of items) {
				const hash = MemoryDeduplicator.hash(item);
				if (known.has(hash)) output.processed.push(item);
				else {
					output.new.push(item);
					list.push(hash);
				}
			}
			this.lists.set(key, list);
			return output;
		});
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		await this.call('removeProcessed', scope, items.length, () => {
			const key = MemoryDeduplicator.listKey(scope, contextData);
			const list = [...(this.lists.get(key) ?? [])];
			for (const item of items) {
				const index = list.indexOf(MemoryDeduplicator.hash(item));
				if (index !== -1) list.splice(index, 1);
			}
			this.lists.set(key, list);
		});
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		await this.call('clearAllProcessedItems', scope, 0, () => {
			this.lists.delete(MemoryDeduplicator.listKey(scope, contextData));
		});
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<number> {
		return await this.call(
			'getProcessedDataCount',
			scope,
			0,
			() => this.lists.get(MemoryDeduplicator.listKey(scope, contextData))?.length ?? 0,
		);
	}
}

/** The store every run of this test file uses (jest loads n8n-core afresh per test file). */
export const deduplicator = new MemoryDeduplicator();

/** Hands the store to n8n-core, as n8n does at start-up (once per process). */
export async function provideDeduplication(): Promise<void> {
	try {
		DataDeduplicationService.getInstance();
	} catch {
		await DataDeduplicationService.init(deduplicator);
	}
}
