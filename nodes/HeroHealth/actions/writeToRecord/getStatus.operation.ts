import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The message ID that Message → Send returned for a message sent with Write to Record',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['writeToRecord'], operation: ['getStatus'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/messages/{id}' };

function valueOrNull(value: unknown): unknown {
	return value === undefined ? null : value;
}

/**
 * Local checks: the message ID, as the request's path parameter. The ID is kept too: the output
 * names it when Hero's answer has none.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('messageId', itemIndex),
		'Message ID',
	);
	return {
		id,
		request: endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex }),
	};
}

/**
 * Hero has no write-to-record endpoint of its own: the status is the `write_to_record` part of
 * GET /v1/messages/{id}. The output keeps that part flat, with nulls when the message has none.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const message = await client.request(request);
	const record = (
		message.write_to_record && typeof message.write_to_record === 'object'
			? message.write_to_record
			: {}
	) as IDataObject;
	return {
		message_id: String(message.id ?? id),
		status: valueOrNull(record.status),
		failure_reason: valueOrNull(record.failure_reason),
		write_to_record_at: valueOrNull(record.write_to_record_at),
		snomed_code: valueOrNull(record.snomed_code),
		message_status: valueOrNull(message.status),
	} as IDataObject;
}
