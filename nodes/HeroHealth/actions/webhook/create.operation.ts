import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../common.descriptions';
import { itemError, optionalText, quote, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { scrubError } from '../../transport/scrub';
import { signingKeysIn, withoutSigningKey } from './common';

/** Header names as HTTP allows them (RFC 9110 token characters). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/webhook/hero',
		description: 'Where Hero sends the event, by HTTP POST',
	},
	{
		displayName: 'Event',
		name: 'eventType',
		type: 'options',
		default: 'appointment.confirmed',
		required: true,
		options: WEBHOOK_EVENTS,
		description: 'The event this webhook delivers; a Hero webhook carries one event',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'A note for the practice, e.g. what receives the events',
			},
			{
				displayName: 'Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Header',
				default: {},
				description: 'Extra HTTP headers Hero adds to each delivery',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Signing Key',
				name: 'signingKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'A secret Hero signs each delivery with (HMAC-SHA256), so the receiver can check it came from Hero. Not output by the node.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['create'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/webhooks' };

/** Local checks: the URL, the event, the description and every header; answers the POST. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const url = requireText(node, itemIndex, this.getNodeParameter('url', itemIndex), 'URL');
	if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(url)) {
		throw itemError(
			node,
			itemIndex,
			`URL ${quote(url)} is not an http(s) address`,
			'Use a full address, e.g. https://example.com/webhook/hero',
		);
	}
	const body: IDataObject = {
		url,
		event_type: requireText(
			node,
			itemIndex,
			this.getNodeParameter('eventType', itemIndex),
			'Event',
		),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const note = optionalText(node, itemIndex, additionalFields.description, 'Description');
	if (note) body.description = note;
	const signingKey = String(additionalFields.signingKey ?? '');
	if (signingKey) body.signing_key = signingKey;
	const rows =
		((additionalFields.headers as IDataObject | undefined)?.header as IDataObject[] | undefined) ??
		[];
	if (rows.length) {
		const headers: Record<string, string> = {};
		for (const row of rows) {
			const name = requireText(node, itemIndex, row.name, 'Header Name');
			if (!HEADER_NAME.test(name)) {
				throw itemError(
					node,
					itemIndex,
					`Header Name ${JSON.stringify(name)} is not a valid HTTP header name`,
				);
			}
			const duplicate = Object.keys(headers).find(
				(key) => key.toLowerCase() === name.toLowerCase(),
			);
			if (duplicate) {
				throw itemError(node, itemIndex, `Header Name ${JSON.stringify(name)} is given twice`);
			}
			headers[name] = String(row.value ?? '');
		}
		body.headers = headers;
	}
	return endpointRequest(node, endpoint, { body, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	try {
		const response = await client.request(request);
		return withoutSigningKey(response);
	} catch (error) {
		// Hero may echo the request in its error: the key typed here must not come back in it.
		throw scrubError(error as Error, signingKeysIn(request.body));
	}
}
