import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ParameterReader } from '../../helpers/parameterReader';
import { requireText } from '../../helpers/validation';
import type { OperationRun } from '../operation';
import type { HeroClient } from '../../transport';
import { campaignKeyOf, releaseCampaignKeys } from './campaign';

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign',
		name: 'campaignName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Flu invites 2026',
		description: 'The name given in Send → Campaign Options → Once per Campaign',
	},
	{
		displayName: 'Campaign Key',
		name: 'campaignKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.campaign_key }}',
		description:
			'The key to release, as Send output it in campaign_key (the NHS number or the Patient ID). The next run of the campaign sends to this patient again.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['releaseCampaignKeys'] } },
	properties,
);

/**
 * The keys of the run, released in one call to n8n's store once every item is prepared (its
 * parameters checked); nothing here sends a request to Hero.
 */
class ReleaseRun implements OperationRun {
	private readonly keys = new Map<number, string>();

	constructor(private readonly context: IExecuteFunctions) {}

	collect(itemIndex: number, key: string): void {
		this.keys.set(itemIndex, key);
	}

	async beforeSend(itemIndexes: number[]): Promise<void> {
		const keys = itemIndexes.flatMap((itemIndex) => this.keys.get(itemIndex) ?? []);
		if (keys.length) await releaseCampaignKeys(this.context.helpers, keys);
		this.keys.clear();
	}

	extraItems(): INodeExecutionData[] {
		return [];
	}
}

export function prepareRun(this: IExecuteFunctions): ReleaseRun {
	return new ReleaseRun(this);
}

/** Local checks: the campaign and key, collected for the run to release before any output. */
export function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	parameters: ParameterReader,
	run?: OperationRun,
): IDataObject {
	const { node } = parameters;
	const campaign = requireText(
		node,
		itemIndex,
		parameters.get('campaignName', itemIndex),
		'Campaign',
	);
	const key = requireText(
		node,
		itemIndex,
		parameters.get('campaignKey', itemIndex),
		'Campaign Key',
	);
	if (run instanceof ReleaseRun) run.collect(itemIndex, campaignKeyOf(campaign, key));
	return { campaign, campaign_key: key, released: true };
}

/** The key was released in beforeSend (n8n's store, nothing in Hero); the item says which. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	released: IDataObject,
): Promise<IDataObject> {
	return released;
}
